"""Stage 5, publish: the build (build), the engine's input assembled (docs_tree: pages, media, assets) and written by
the one writer (writer), photos resized without EXIF (images, media), our CSS and JS under content-hashed names
(assets), MkDocs (engine), `.gz` copies (compress), and the swap of the finished site into site/."""
