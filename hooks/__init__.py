"""Checks and build hooks for the bilingual Llama 4 explainer.

Each module holds one concern as pure functions over text; `mkdocs_hooks` adapts them to
MkDocs and `cli` to the command line, so the build, `python -m hooks` and the tests run the
same checks.
"""
