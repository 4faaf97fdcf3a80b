"""Stage 1, read: every file under content/ sorted into what it is (inventory), its bytes decoded, its front matter
or YAML parsed with the line of every key (sources, yamlload), its Markdown body read line by line (markdown).
No content rules here: only what it takes to read a file at all."""
