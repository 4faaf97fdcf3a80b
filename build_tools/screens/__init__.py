"""Stage 4, screens: what campus screens and bulletin boards show. The slides' data (data), QR codes (qr), A4
posters (posters) and the static files of /screen/ and /poster/ (pages), drawn by templates/; no file I/O.
PNG slides of the built screen are taken by tools/slides.py."""
