"""两学一做学习园地: validate contributor content and generate the MkDocs docs tree."""
