"""How Chinese is cut into the words Pagefind indexes, at index and at query time alike (`Tokenizer` here,
`queryTokens` in worker.js):

- a run of Chinese characters gives one token per character: the character and the next one of the run
  (overlapping pairs, the last character alone). Any part of a sentence, cut anywhere, is then found: its
  pairs are all in the index, whatever a dictionary would have made of the sentence;
- a party term (`terms.txt` and the tag labels) of three characters or more is also a token of its own, the
  longest one at each place, so searching 师德师风 or 三会一课 means the whole term, never 师德 here and 师风
  there. Pagefind matches a query word as the start of an indexed word, so a shorter term still finds a longer
  one that begins with it;
- other letters and digits make words; any other visible character is a token of its own (Pagefind drops
  punctuation when it indexes).

Pagefind's own Chinese segmentation (its extended build) is not used: it cuts with its own dictionary at index
time and the browser's at query time, and the two do not agree.
"""

from __future__ import annotations

import operator
import re
from pathlib import Path

from ..models import Registry

TERMS_FILE = Path(__file__).resolve().parent / "terms.txt"  # one party term a line
MIN_TERM = 3  # a two-character term is already a pair
# The same classes as in worker.js.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Invisible characters (Pagefind drops some, which would shift the tokens) and those used as markers below.
UNWANTED = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\U000f0000-\U000ffffd]")
FIRST_MARKER, MARKERS = 0xF0000, 0xFFFE  # private use characters: one for each term
MARKER = re.compile("[\U000f0000-\U000ffffd]")
RUNS = re.compile(rf"([{HAN}\U000f0000-\U000ffffd]+)")  # a run of Chinese, with its markers
OTHERS = re.compile(r"[^\W_]+|\S")  # between runs: a word of letters and digits, any other visible character


def party_terms(registry: Registry | None = None) -> list[str]:
    """The terms kept whole: those of terms.txt and the tag labels, of three Chinese characters or more."""
    words = {line.strip() for line in TERMS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()}
    words |= {t.label for t in (registry.tags.values() if registry else ()) if " " not in t.label}
    return sorted(w for w in words if len(w) >= MIN_TERM and re.fullmatch(f"[{HAN}]+", w))


def trie(words: list[str]) -> str:
    """A regex matching the longest of the words at a place: words that share a first character share a branch."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    alternatives = [re.escape(first) + trie(rests) for first, rests in sorted(branches.items())]
    if not alternatives:
        return ""
    pattern = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{pattern})?" if "" in words else pattern  # greedy: the longer word first


class Tokenizer:
    """Text → the tokens Pagefind indexes.

    Each term found is first replaced by a marker character placed before its first character (one marker per
    place: the longest term there); the text is then cut into runs of Chinese (with their markers), words and
    other characters by one regex, and each run into its pairs, the markers becoming their terms.
    `tests/test_search.py` checks it against a plain loop over the characters.
    """

    def __init__(self, terms: list[str]):
        self.terms = sorted({term for term in terms if term})[:MARKERS]
        self.find = re.compile(trie(self.terms)) if self.terms else None
        self.marker = {term: chr(FIRST_MARKER + i) for i, term in enumerate(self.terms)}

    def marked(self, text: str) -> str:
        """The text with a marker before every place where a term starts."""
        match = self.find.search(text) if self.find else None
        if match is None:
            return text
        parts, last = [], 0
        while match:
            start = match.start()
            parts += [text[last:start], self.marker[match.group()]]
            last = start
            match = self.find.search(text, start + 1)
        parts.append(text[last:])
        return "".join(parts)

    def run(self, run: str) -> str:
        """A run of Chinese: each character with the next one, the last alone; a term before its first character."""
        if MARKER.search(run):
            return self.marked_run(run)
        return " ".join([*map(operator.add, run, run[1:]), run[-1]])

    def marked_run(self, run: str) -> str:
        plain = MARKER.sub("", run)
        out = [*map(operator.add, plain, plain[1:]), plain[-1]]
        places, seen = [], 0
        for char in run:
            if MARKER.match(char):
                places.append((seen, self.terms[ord(char) - FIRST_MARKER]))
            else:
                seen += 1
        for place, term in reversed(places):
            out.insert(place, term)
        return " ".join(out)

    def text(self, text: str) -> str:
        """The tokens of a text, separated by spaces."""
        parts = RUNS.split(self.marked(UNWANTED.sub("", text)))
        parts[0::2] = [" ".join(OTHERS.findall(part)) for part in parts[0::2]]  # split() puts runs at odd places
        parts[1::2] = map(self.run, parts[1::2])
        return " ".join(part for part in parts if part)

    def __call__(self, text: str) -> list[str]:
        return self.text(text).split()
