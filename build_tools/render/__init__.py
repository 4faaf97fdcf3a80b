"""Stage 4, render: the collection and the plans as the pages of the site, as text (pages: the whole set; items,
listings, front, plans, materials: one kind of page each), drawn by the Jinja templates in templates/ with every
contributor value escaped (templates), and contributor bodies rendered to sanitized HTML (body). Pure: no file I/O."""
