"""The glossary defines every term the pages link to it.

A term is a row of the glossary table whose first cell starts with `<span id="...">` (one
or more: a term may have two anchors, licence and license). A link from any page to
`glossary.md#<anchor>` (relative to the page, so `../glossary.md#moe` from llama4/) must
name a term of the glossary of the same language; and both glossaries define the same
terms, so that a link works in both languages.

Rules: `page-glossary-undefined` (a link to a term the glossary does not define),
`page-glossary-parity` (a term one language's glossary defines and the other's does not).
"""
from __future__ import annotations

import posixpath
import re

from hooks.core.findings import Finding

PAGE = "glossary.md"
TERM_RE = re.compile(r"^\s*\|\s*((?:<span\s+id=\"[^\"]+\"\s*>\s*</span>\s*)+)")
ID_RE = re.compile(r"id=\"([^\"]+)\"")
HEADING_ID_RE = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")


def terms(page) -> dict[str, int]:
    """The anchors the glossary's rows define, each with its line."""
    found = {}
    for number, line in enumerate(page.prose.split("\n"), start=1):
        m = TERM_RE.match(line)
        if m:
            for anchor in ID_RE.findall(m.group(1)):
                found.setdefault(anchor, number)
    return found


def _headings(page) -> set[str]:
    return {h.id for h in page.headings if h.id}


def _target(page, link_target: str) -> tuple[str, str] | None:
    """('glossary.md', anchor) when the link points into the glossary, else None."""
    if "://" in link_target or link_target.startswith(("mailto:", "#")):
        return None
    path, _, frag = link_target.partition("#")
    if not path or not frag:
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
    if resolved not in (PAGE, "glossary.hi.md"):
        return None
    return PAGE, frag


def check_all(pages) -> list[Finding]:
    """Every glossary link names a defined term; the two glossaries define the same terms."""
    glossaries = {p.lang: p for p in pages.values() if p.twin_key == PAGE}
    found = []
    defined = {lang: set(terms(p)) | _headings(p) for lang, p in glossaries.items()}
    for page in pages.values():
        for link in page.links:
            target = _target(page, link.target)
            if target is None:
                continue
            anchor = target[1]
            glossary = glossaries.get(page.lang) or glossaries.get("en")
            if glossary is None:
                found.append(Finding(page.path, link.line, link.col, "page-glossary-undefined",
                                     f"link '{link.target}': this site has no glossary page",
                                     "add docs/glossary.md"))
                continue
            if anchor not in defined[glossary.lang]:
                found.append(Finding(
                    page.path, link.line, link.col, "page-glossary-undefined",
                    f"link '{link.target}': the glossary ({glossary.path}) defines no term #{anchor}",
                    f'add a row starting with <span id="{anchor}"></span> to both glossaries, '
                    "or link to a term that is there"))
    if "en" in glossaries and "hi" in glossaries:
        en, hi = terms(glossaries["en"]), terms(glossaries["hi"])
        for anchor in sorted(set(en) - set(hi)):
            found.append(Finding(glossaries["hi"].path, 1, 1, "page-glossary-parity",
                                 f"the English glossary defines #{anchor} (line {en[anchor]}), "
                                 "the Hindi one does not", "add the term to the Hindi glossary"))
        for anchor in sorted(set(hi) - set(en)):
            found.append(Finding(glossaries["en"].path, 1, 1, "page-glossary-parity",
                                 f"the Hindi glossary defines #{anchor} (line {hi[anchor]}), "
                                 "the English one does not", "add the term to the English glossary"))
    return found
