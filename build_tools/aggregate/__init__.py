"""Stage 3, aggregate: the published items with the indexes every listing is made from (collection), and the
plans seen per period with the compliance figures (planning). Pure: no file I/O."""
