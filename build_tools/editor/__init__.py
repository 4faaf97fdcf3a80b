"""The web editor at /admin/ (Decap CMS): its config.yml generated from the contract and the registries, and the
files the site ships for it (`files`)."""
