# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test serve check lint browser slides clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

site: $(STAMP)
	$(PY) -m build_tools build

check: $(STAMP)
	$(PY) -m build_tools check

serve: $(STAMP)
	$(PY) -m build_tools serve

# Debian chromium and CJK fonts for the browser tests (never `playwright install`: no downloads).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# PNG slides for image-only campus screens: needs a browser, so it is not part of `make site`.
slides: site browser
	$(PY) -m build_tools screens

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) browser lint
	$(PY) -m pytest

clean:
	rm -rf build site
