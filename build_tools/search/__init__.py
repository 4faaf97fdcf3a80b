"""Stage 4, search: Chinese cut into the words Pagefind indexes (tokens), a page reduced to its cut article (cut),
the generated pages read for indexing while MkDocs renders them (sources), Pagefind run over them (index), and
our worker answering Material's search box from that index (worker, worker.js)."""
