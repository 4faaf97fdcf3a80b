"""Commands around the build: a new file from a template (new), one file previewed alone (preview), the local
preview server (serve), CODEOWNERS from the units' maintainers (codeowners), what a change does to the site
(sitediff), PNG slides of the campus screen (slides), Debian chromium and a local server (browser)."""
