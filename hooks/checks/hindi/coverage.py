"""Glossary coverage (terms.yaml): a page that uses a technical term the glossary lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hooks.core.findings import Finding
from hooks.checks.hindi.base import TERMS, _compiled, _has_dev, _words, load_yaml_mapping, nfc

# Glossary coverage (terms.yaml).

@dataclass(frozen=True)
class GlossaryTerm:
    hi: str
    en: str
    forms: tuple


@lru_cache(maxsize=4)
def _terms_data(path: str = str(TERMS)) -> dict:
    return load_yaml_mapping(path)


@lru_cache(maxsize=4)
def load_terms(path: str = str(TERMS)) -> tuple:
    out = []
    for e in _terms_data(path).get("terms") or ():
        hi = nfc(str(e["hi"]))
        out.append(GlossaryTerm(hi, str(e.get("en", "")), (hi,) + tuple(nfc(str(f)) for f in e.get("forms") or ())))
    return tuple(out)


def _term_pattern(form: str) -> re.Pattern:
    if _has_dev(form):
        return _compiled(form)
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


def glossary_cells(text: str) -> list[str]:
    """The term cells of the glossary page: the second cell of every table row after the header."""
    cells = []
    for line in text.split("\n"):
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(parts) >= 2 and not set(parts[1]) <= set("-: "):
            cells.append(parts[1])
    return cells


def check_glossary_coverage(texts, wheres, path: str = str(TERMS)) -> list[Finding]:
    page_name = str(_terms_data(path).get("glossary_page", "glossary.hi.md"))
    glossary = [(p, t) for p, t in texts if p.path == page_name or p.path.endswith("/" + page_name)]
    if not glossary:
        return []                                   # a page set without the glossary (one page, a fixture)
    gpage, gtext = glossary[0]
    cells = glossary_cells(gtext)
    missing = [t for t in load_terms(path)
               if not any(next(_words(_term_pattern(f), c), None) if _has_dev(f) else _term_pattern(f).search(c)
                          for f in t.forms for c in cells)]
    found = []
    for page, text in texts:
        if page is gpage:
            continue
        for term in missing:
            hits = [m for f in term.forms
                    for m in ([next(_words(_term_pattern(f), text), None)] if _has_dev(f)
                              else [_term_pattern(f).search(text)]) if m]
            if not hits:
                continue
            first = min(hits, key=lambda m: m.start())
            line, col = wheres[page.path](first.start())
            found.append(Finding(page.path, line, col, "hi-glossary-missing",
                                 f"'{first.group(0)}' is a technical term (hooks/data/terms.yaml) that the "
                                 f"glossary ({gpage.path}) does not explain",
                                 f"add a row for {term.hi} ({term.en}) to {gpage.path} and its English twin"))
    return found
