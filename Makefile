# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test serve check cms lint browser fonts nginx java slides zensical-canary clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-compile --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# Node and npm from Debian when missing; the npm packages pinned by package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Noto CJK fonts: the build draws the share cards of pages without a photo with them (screens/cards.py).
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
fonts:
	@test -f $(CJK_FONT) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }

site: $(STAMP) $(NODE_STAMP) fonts
	$(PY) -m build_tools build

check: $(STAMP)
	$(PY) -m build_tools check

serve: $(STAMP) $(NODE_STAMP) fonts
	$(PY) -m build_tools serve

# The web editor (/admin/) on this machine, writing to this checkout through decap-server: for administrators.
cms: $(STAMP) $(NODE_STAMP) fonts
	$(PY) -m build_tools cms

# Debian chromium and CJK fonts for the browser tests (never `playwright install`: no downloads).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# Debian's nginx for the tests of deploy/nginx.conf (run unprivileged on a free port, never as a service).
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	fi

# Debian's Java for the Nu Html Checker (vnu-jar, an npm package) that the tests run over every built page.
java:
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# PNG slides for image-only campus screens: needs a browser, so it is not part of `make site`.
slides: site browser
	$(PY) -m build_tools screens

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# On every core: the builds and browsers the tests start wait on processes more than they compute.
test: $(STAMP) $(NODE_STAMP) fonts browser nginx java lint
	$(PY) -m pytest -n auto --dist loadscope

# Engine headroom: does the same mkdocs.yml still build under Zensical? Its own venv and pins
# (deploy/zensical-requirements.txt); our generator fills build/docs first; Zensical has no --site-dir, so a
# config in build/ inherits mkdocs.yml and writes build/zensical-site/ (site/ is never touched); its paths are
# relative to build/, where the generator also wrote the theme (build/overrides, with the hashed asset names).
ZENSICAL_VENV := build/zensical-venv
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed

$(ZENSICAL_STAMP): deploy/zensical-requirements.txt
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r deploy/zensical-requirements.txt
	touch $@

zensical-canary: $(STAMP) $(NODE_STAMP) fonts $(ZENSICAL_STAMP)
	$(PY) -m build_tools generate
	rm -rf build/zensical-site
	printf 'INHERIT: ../mkdocs.yml\ndocs_dir: docs\nsite_dir: zensical-site\ntheme:\n  custom_dir: overrides\n' > build/zensical.yml
	@pages=$$(find build/docs -name '*.md' | wc -l); \
	version=$$($(ZENSICAL_VENV)/bin/zensical --version | tr -dc '0-9.'); \
	if $(ZENSICAL_VENV)/bin/zensical build --strict -f build/zensical.yml; then \
	  html=$$(find build/zensical-site -name '*.html' | wc -l); \
	  echo "Zensical $$version 金丝雀：通过，$$pages 个 Markdown 页面，$$html 个 HTML 文件在 build/zensical-site/ | canary OK: $$pages Markdown pages, $$html HTML files"; \
	else \
	  echo "Zensical $$version 金丝雀：失败（原因见上）| canary FAILED: mkdocs.yml no longer builds under Zensical (see above)"; exit 1; \
	fi

clean:
	rm -rf build site
