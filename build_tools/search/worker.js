/* Material for MkDocs' search box, answered by Pagefind. Put by build_tools/search/worker.py under the name of
 * Material's own search worker, which MkDocs then serves instead of the theme's file.
 *
 * Material's page and its worker exchange four messages (integrations/search/worker in Material's source):
 *   {type: 0 SETUP, data: {config, docs, options}}  →  {type: 1 READY}
 *   {type: 2 QUERY, data: "text"}                   →  {type: 3 RESULT, data: {items: [[page], …]}}
 * where a page is {location (relative to the site root), title (HTML), text (HTML), score, terms: {word: found}}.
 * Material's own index (docs) is empty and ignored. Nothing that grows with the site is loaded before the first
 * query: then pagefind/shards.json, pagefind/vocabulary.json and the first shard's pagefind.js are loaded, relative
 * to this file. The index is in shards (build_tools/search/shards.py), each a Pagefind index of its own, merged
 * into one search by Pagefind's mergeIndex: the first ones (the study materials and the guide, the newest year)
 * answer first, the others are merged in after the first results are shown. Every shard ships the same
 * WebAssembly under the same name: it is fetched once and handed to each shard.
 *
 * The query is cut like the pages were (build_tools/search/tokens.py, `Tokenizer`): a party term of the vocabulary
 * whole (the longest at each place), any other run of Chinese characters into pairs, letters and digits into
 * words. The pages hold every pair of their runs, so pairs that cover the query are enough: one in two, and the
 * last. Pagefind returns the pages holding every token (a token that is nowhere is left out), each token being
 * the start of an indexed word. The readable text of a result is rebuilt from its tokens: the first character of
 * each pair, terms skipped (their characters follow as pairs), ¶ between blocks. */
"use strict";

(() => {
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const ROOT = new URL("../../../", self.location.href); // assets/javascripts/workers/ → the site root
  const INDEX = new URL("pagefind/", ROOT);
  const MANIFEST = new URL("shards.json", INDEX).href;
  const VOCABULARY = new URL("vocabulary.json", INDEX).href;
  const WASM = /\/pagefind\/[^/]+\/(wasm\.[^/]+\.pagefind)$/;
  const SHOWN = 10; // Material draws ten results, then four more each time the list is scrolled to its end
  const LISTED = 50; // results listed at most: each costs a fragment download
  const PAUSE = 500; // ms between the first results and loading more (older shards, more fragments)
  const EXCERPT = 100; // characters of text shown under a title
  const MIN_TERM = 3; // a term of two characters is a pair already
  const BLOCK = "¶"; // the token between two blocks of a page (build_tools/search/cut.py: BLOCK)

  // The same classes as build_tools/search/tokens.py (HAN, RUNS, OTHERS, UNWANTED).
  const HAN = "\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  const PIECES = new RegExp(`([${HAN}]+)|((?:(?![${HAN}])[\\p{L}\\p{N}])+)|\\S`, "gu");
  const IS_HAN = new RegExp(`^[${HAN}]+$`, "u");
  const IS_WORD = new RegExp(`^(?:(?![${HAN}])[\\p{L}\\p{N}])+$`, "u");
  const UNWANTED = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

  let engine = null; // Promise of {pagefind, terms, longest, later}, made on the first query
  let latest = 0; // number of the newest query: the answers to older ones are dropped

  /* The shards' WebAssembly, fetched once: Pagefind fetches it through the global fetch. */
  const fetchOnce = self.fetch.bind(self);
  const wasm = new Map();
  self.fetch = (input, init) => {
    const found = WASM.exec(new URL(typeof input === "string" ? input : input.url, self.location.href).pathname);
    if (!found) return fetchOnce(input, init);
    if (!wasm.has(found[1])) {
      const bytes = fetchOnce(input, init).then(response => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.arrayBuffer();
      });
      bytes.catch(() => wasm.delete(found[1]));
      wasm.set(found[1], bytes);
    }
    return wasm.get(found[1]).then(buffer => new Response(buffer.slice(0)));
  };

  function load() {
    if (!engine) {
      const json = (url, fallback) =>
        fetch(url)
          .then(response => (response.ok ? response.json() : fallback))
          .catch(() => fallback);
      engine = Promise.all([json(MANIFEST, null), json(VOCABULARY, [])]).then(async ([manifest, words]) => {
        const shards = manifest.shards.map(name => new URL(`${name}/`, INDEX).href);
        const pagefind = await import(`${shards[0]}pagefind.js`);
        await pagefind.options({ noWorker: true }); // we are its worker: the site ships no Pagefind worker
        for (const shard of shards.slice(1, manifest.first)) await pagefind.mergeIndex(shard);
        const terms = new Set(words.filter(word => [...word].length >= MIN_TERM));
        const longest = Math.max(0, ...[...terms].map(word => [...word].length));
        return { pagefind, terms, longest, later: shards.slice(Math.max(1, manifest.first)) };
      });
      engine.catch(() => (engine = null)); // a failed load is tried again by the next query
    }
    return engine;
  }

  /* The other shards, merged in once. */
  function mergeLater(state) {
    if (!state.merged)
      state.merged = Promise.all(state.later.map(shard => state.pagefind.mergeIndex(shard))).then(() => {
        state.later = [];
      });
    return state.merged;
  }

  /* Pairs covering a run of characters: one in two, and the last pair; a lone character stays one. */
  function cover(chars, tokens) {
    if (chars.length === 1) tokens.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i += 2) tokens.push(chars[i] + chars[i + 1]);
    if (chars.length > 1 && chars.length % 2) tokens.push(chars[chars.length - 2] + chars[chars.length - 1]);
  }

  /* The query's tokens: terms whole, the other runs of Chinese in pairs, words in lower case, the rest dropped. */
  function queryTokens(query, terms, longest) {
    const tokens = [];
    for (const [, run, word] of query.replace(UNWANTED, "").matchAll(PIECES)) {
      if (word) tokens.push(word.toLowerCase());
      if (!run) continue;
      const chars = [...run];
      let rest = [];
      for (let i = 0; i < chars.length; ) {
        let term = "";
        for (let k = Math.min(longest, chars.length - i); k >= MIN_TERM && !term; k--) {
          const candidate = chars.slice(i, i + k).join("");
          if (terms.has(candidate)) term = candidate;
        }
        if (term) {
          cover(rest, tokens);
          rest = [];
          tokens.push(term);
          i += [...term].length;
        } else {
          rest.push(chars[i]);
          i += 1;
        }
      }
      cover(rest, tokens);
    }
    return [...new Set(tokens)];
  }

  /* The readable text of a page from its tokens, and where the tokens Pagefind matched are in it. */
  function readable(content, locations) {
    const hits = new Set(locations);
    const matched = [];
    let text = "";
    let previousWord = false;
    content.split(/\s+/).forEach((token, position) => {
      if (!token) return;
      if (token === BLOCK) {
        if (text && !text.endsWith("\n")) text += "\n";
        previousWord = false;
        return;
      }
      const hit = hits.has(position);
      if (IS_HAN.test(token)) {
        if (hit) matched.push([text.length, text.length + token.length]);
        if ([...token].length < MIN_TERM) text += [...token][0]; // a pair or a lone character
        previousWord = false;
        return;
      }
      const word = IS_WORD.test(token);
      if (word && previousWord) text += " ";
      if (hit) matched.push([text.length, text.length + token.length]);
      text += token;
      previousWord = word;
    });
    return { text, matched };
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  /* Where the query words are written in the text; else where the matched tokens are. */
  function places(text, words, matched) {
    const lower = text.toLowerCase();
    const found = [];
    if (lower.length === text.length)
      for (const word of words) {
        const needle = word.toLowerCase();
        for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length))
          found.push([i, i + needle.length]);
      }
    return (found.length ? found : matched).sort((a, b) => a[0] - b[0]);
  }

  /* About EXCERPT characters from the block of the first place after `skip` (the title), places in <mark>. */
  function excerpt(text, ranges, skip) {
    const first = (ranges.find(([start]) => start >= skip) || ranges[0] || [skip])[0];
    const block = text.lastIndexOf("\n", first) + 1;
    let start = first - block <= EXCERPT / 2 ? block : first - 20;
    start = Math.max(0, Math.min(start, text.length - EXCERPT));
    let end = Math.min(text.length, start + EXCERPT);
    const low = i => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00; // inside a pair
    if (low(start)) start -= 1;
    if (low(end)) end += 1;
    const marked = new Uint8Array(text.length + 1);
    for (const [from, to] of ranges) marked.fill(1, from, Math.min(to, text.length));
    let html = start > 0 ? "…" : "";
    let open = false;
    for (let i = start; i < end; i++) {
      if (marked[i] !== +open) {
        html += open ? "</mark>" : "<mark>";
        open = !open;
      }
      html += text[i] === "\n" ? " " : escapeHTML(text[i]);
    }
    return html + (open ? "</mark>" : "") + (end < text.length ? "…" : "");
  }

  /* Material's result for one page: the page itself, with the excerpt and which query words it holds. */
  async function page(result, words) {
    const data = await result.data();
    const title = data.meta && data.meta.title ? data.meta.title : data.url;
    const { text, matched } = readable(data.content || "", data.locations || []);
    const lower = text.toLowerCase();
    const terms = {};
    for (const word of words) terms[word] = lower.includes(word.toLowerCase());
    const skip = lower.startsWith(title.toLowerCase()) ? title.length : 0; // the text starts with the <h1>
    const location = (data.raw_url || data.url).replace(/^\//, "");
    const html = excerpt(text, places(text, words, matched), skip);
    return { location, title: escapeHTML(title), text: html, score: result.score, terms };
  }

  /* Pages that hold every query word as written first, then Pagefind's order. */
  async function pages(results, words) {
    const docs = await Promise.all(results.map(result => page(result, words)));
    const found = doc => Object.values(doc.terms).filter(Boolean).length;
    return docs.sort((a, b) => found(b) - found(a) || b.score - a.score).map(doc => [doc]);
  }

  /* The results Material draws first as soon as they are there, then up to LISTED in all. */
  async function answer(query, current) {
    const words = [...new Set(query.replace(UNWANTED, "").trim().split(/\s+/).filter(Boolean))];
    if (!words.length) return postMessage({ type: RESULT, data: { items: [] } });
    const state = await load();
    const tokens = queryTokens(query, state.terms, state.longest);
    const search = async () => {
      const found = tokens.length ? await state.pagefind.search(tokens.join(" ")) : null;
      return ((found && found.results) || []).slice(0, LISTED);
    };
    let results = await search();
    let items = await pages(results.slice(0, SHOWN), words);
    if (!current()) return;
    const posted = items.length || !state.later.length;
    if (posted) postMessage({ type: RESULT, data: { items } });
    if (state.later.length) {
      // The older years, once the first results are drawn (a slow phone gives its network and CPU to them first)
      // and unless the reader typed on; at once when the first shards found nothing.
      if (posted) await new Promise(resolve => setTimeout(resolve, PAUSE));
      if (!current()) return;
      await mergeLater(state);
      if (!current()) return;
      results = await search();
      items = await pages(results.slice(0, SHOWN), words);
      if (!current()) return;
      postMessage({ type: RESULT, data: { items } });
    }
    if (results.length <= SHOWN) return;
    await new Promise(resolve => setTimeout(resolve, PAUSE)); // the first results are drawn; the reader may type on
    if (!current()) return;
    for (let i = SHOWN; i < results.length; i += SHOWN) {
      items = items.concat(await pages(results.slice(i, i + SHOWN), words));
      if (!current()) return;
    }
    postMessage({ type: RESULT, data: { items } });
  }

  addEventListener("message", async ({ data: message }) => {
    switch (message.type) {
      case SETUP:
        postMessage({ type: READY });
        break;
      case QUERY: {
        const number = ++latest;
        const current = () => number === latest;
        const query = String(message.data || "");
        try {
          await answer(query, current);
        } catch (error) {
          console.warn(`搜索失败：${query}`, error);
          if (current()) postMessage({ type: RESULT, data: { items: [] } });
        }
        break;
      }
      default:
        throw new TypeError("Invalid message type");
    }
  });
})();
