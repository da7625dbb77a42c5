"""Titles are text: the front matter's strings and the nav's titles, read like page text.

Material prints a page's front-matter `title`, the nav titles of mkdocs.yml (and the i18n
plugin's `nav_translations`) and `site_name` into `<title>`, the header, the nav and the footer.
The overrides (overrides/main.html, overrides/partials/) print them escaped, so markup there
shows as text; these rules tell the writer at the line, before the build: a title holds no
tags or entities (the reader would see them as typed, or, in a theme that prints them raw, run
them), no fact reference (nothing renders one there), no invisible direction control, and no
vowel sign or other mark without a letter to carry it (drawn on a dotted circle, in the tab,
the nav and the share card: page-title-mark; headings too, which the table of contents shows).

Pure functions over text; every finding names `path:line:col`.
"""
from __future__ import annotations

import re

import yaml

from hooks.core.findings import Finding
from hooks.core.mdscan import SourcePage
from hooks.core.text import stray_mark

# A tag, a comment, a doctype or a processing instruction, as an HTML tokenizer starts one.
MARKUP_RE = re.compile(r"<[A-Za-z/!?]")
# A character reference: &amp; &#106; &#x6a; (printed as text, it would show as typed).
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9A-Fa-f]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};)")
# A fact reference, also a malformed one: `](fact:` or `(fact: id)`.
FACT_RE = re.compile(r"\]\(\s*fact\s*:|\(\s*fact\s*:", re.I)
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_string(value: str, path: str, line: int, col: int, what: str,
                 bidi: bool = True) -> list[Finding]:
    """The findings for one title or front-matter string that starts at (line, col). `bidi`:
    also direction controls (a page's own text, front matter included, has check_bidi)."""
    found = []
    for rule, pattern, message, hint in (
            ("page-title-markup", MARKUP_RE, f"{what} holds markup '{{snippet}}': titles are printed "
             "as text", "write the title as plain words (no tags, no &entities;)"),
            ("page-title-markup", ENTITY_RE, f"{what} holds a character reference '{{snippet}}': "
             "titles are printed as text", "type the character itself"),
            ("page-title-fact", FACT_RE, f"{what} holds a fact reference '{{snippet}}': nothing "
             "renders one in a title, so the reader would see the raw reference",
             "write the title without the figure, or put the fact in the page text"),
            ("content-bidi", BIDI_RE, f"{what} holds an invisible direction control {{snippet}}",
             "delete it: neither language of the site needs it")):
        m = pattern.search(value) if bidi or rule != "content-bidi" else None
        if m is None:
            continue
        snippet = (f"U+{ord(m.group(0)):04X}" if rule == "content-bidi"
                   else value[m.start():m.start() + 40].replace("\n", " "))
        found.append(Finding(path, line, col, rule, message.format(snippet=snippet), hint))
    found += _stray_mark(value, path, line, col, what)
    return found


def _stray_mark(value: str, path: str, line: int, col: int, what: str) -> list[Finding]:
    i = stray_mark(value)
    if i is None:
        return []
    mark = value[i]
    return [Finding(path, line, col, "page-title-mark",
                    f"{what} has the mark '\u25cc{mark}' (U+{ord(mark):04X}) with no letter to carry it "
                    f"(character {i + 1}): browsers and the share card draw it on a dotted circle",
                    "write the whole syllable (a consonant or vowel before the sign), or delete the sign")]


def _scalars(node, where: str):
    """(text, line, col, where) for every string scalar under a composed YAML node."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str" or not node.tag.startswith("tag:yaml.org,2002:"):
            yield node.value, node.start_mark.line, node.start_mark.column, where
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, where)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{where}.{key.value}" if isinstance(key, yaml.ScalarNode) else where)


def _compose(text: str):
    try:
        return yaml.compose(text, Loader=_LOADER)
    except (yaml.YAMLError, RecursionError):
        return None   # its own check says so (page-front-matter, config-invalid)


def check_headings(page: SourcePage) -> list[Finding]:
    """The page's headings (the H1 is its title where the front matter gives none; the table
    of contents prints the others): no mark without a letter to carry it."""
    found = []
    lines = page.text.splitlines()
    for heading in page.headings:
        source = lines[heading.line - 1] if heading.line <= len(lines) else ""
        col = max(source.find(heading.text), 0) + 1
        found += _stray_mark(heading.text, page.path, heading.line, col, f"the heading '{heading.text[:40]}'")
    return found


def check_page(page: SourcePage) -> list[Finding]:
    """Every string of the page's front matter (Material prints title and subtitle; the share
    tags print description): read as titles are; and its headings (check_headings)."""
    return check_headings(page) + _check_front_matter(page)


def _check_front_matter(page: SourcePage) -> list[Finding]:
    text = page.text
    if not page.meta or not re.match(r"---[ \t]*\n", text):
        return []
    start = text.index("\n") + 1
    end = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M).search(text, start)
    if end is None:
        return []
    root = _compose(text[start:end.start()])
    if not isinstance(root, yaml.MappingNode):
        return []
    found = []
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else "?"
        for s, line, col, where in _scalars(value, name):
            found += check_string(s, page.path, line + 2, col + 1, f"the front matter's '{where}'",
                                  bidi=False)
    return found


def _nav_titles(node):
    """(title, line, col) of every title in a composed `nav:` list."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.value, key.start_mark.line, key.start_mark.column
            yield from _nav_titles(value)


def _walk(node):
    """(key, value) of every mapping entry anywhere under node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key, value
            yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def check_config(text: str, path: str = "mkdocs.yml") -> list[Finding]:
    """The titles mkdocs.yml gives the theme: nav titles, nav_translations, site_name (also
    each language's), read as titles are."""
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    found = []
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            for title, line, col in _nav_titles(value):
                found += check_string(title, path, line + 1, col + 1, f"the nav title '{title[:40]}'")
    for key, value in _walk(root):
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name == "nav_translations" and isinstance(value, yaml.MappingNode):
            for k, v in value.value:
                if isinstance(v, yaml.ScalarNode):
                    found += check_string(v.value, path, v.start_mark.line + 1, v.start_mark.column + 1,
                                          f"the translated nav title '{v.value[:40]}'")
        elif name == "site_name" and isinstance(value, yaml.ScalarNode):
            found += check_string(value.value, path, value.start_mark.line + 1, value.start_mark.column + 1,
                                  "site_name")
    return found
