"""两学一做学习园地's generator. The pipeline, one package a stage:

content/ → read → check → aggregate → render | screens | search → publish → site/

models/ is the content contract every stage shares; diagnostics.py the problem record every stage reports;
project.py the project being built (folder, settings, build date), passed to every stage; tools/ the commands
around the build. A stage imports only the stages before it (checked by import-linter: pyproject.toml).
"""
