"""The rules: facts in pages, links, parity, content safety, the built-HTML policy, glossary,
titles, Hindi lint. Each a pure function over text returning findings; run.py runs the
source checks together. Imports hooks.render, hooks.facts and hooks.core."""
