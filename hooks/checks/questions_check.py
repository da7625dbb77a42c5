"""Open questions against the pages (facts/questions.yaml): every item of a page's "What we
still don't know" section is a registered question, and every question names pages that
have that section.
"""
from __future__ import annotations

import re

from hooks.core.findings import Finding
from hooks.facts.questions import INLINE_RE, LIST_ITEM_RE, MARKER, QUESTIONS, Questions, SECTION_ID
from hooks.facts.entries import did_you_mean
from hooks.facts.values import LANGS

def _section(page) -> tuple[int, int] | None:
    """(first line, last line) of the page's unknowns section (1-based, heading included)."""
    heads = page.headings
    for i, h in enumerate(heads):
        if h.id == SECTION_ID:
            end = next((n.line - 1 for n in heads[i + 1:] if n.level <= h.level), None)
            return h.line, end if end is not None else page.prose.count("\n") + 1
    return None


def _norm(text: str) -> str:
    text = INLINE_RE.sub(lambda m: m.group("b") or m.group("i") or m.group("t") or "", text)
    return re.sub(r"\W+", " ", text).strip().casefold()


def _anchors(page) -> set:
    return ({h.id for h in page.headings if h.id}
            | set(re.findall(r"\{[^}\n]*#([A-Za-z0-9_-]+)", page.text))
            | set(re.findall(r"""\bid=["']([A-Za-z0-9_-]+)["']""", page.text)))


def check(questions: Questions, pages: dict, registry=None) -> list[Finding]:
    """The questions file against the pages, and every unknowns section against the file."""
    found: list[Finding] = []
    path = questions.path
    by_key: dict[str, list] = {}
    for p in pages.values():
        by_key.setdefault(p.twin_key, []).append(p)
    for q in questions.items.values():
        for n, rel in enumerate(q.pages):
            line = q.lines.get("pages", q.line)
            if rel not in pages or pages[rel].lang != LANGS[0]:
                close = did_you_mean(rel, [r for r, p in pages.items() if p.lang == LANGS[0]])
                hint = "name the English file; its Hindi twin is implied" if rel.endswith(".hi.md") else close
                found.append(Finding(path, line, 1, "registry-question-page",
                                     f"question '{q.id}': '{rel}' is not a page of the site", hint))
                continue
            for page in by_key.get(rel, []):
                if MARKER not in page.text:
                    found.append(Finding(path, line, 1, "registry-question-page",
                                         f"question '{q.id}' belongs on {page.path}, which has no "
                                         f"{MARKER} marker", f"put {MARKER} in its 'What we still don't know' section"))
            if n == 0:
                anchors = set().union(*(_anchors(p) for p in by_key.get(rel, [])))
                for lang in LANGS:
                    for m in INLINE_RE.finditer(q.text.get(lang, "") + (q.short or {}).get(lang, "")):
                        if m.group("href") and m.group("href")[1:] not in anchors:
                            found.append(Finding(path, q.lines.get("text", q.line), 1, "registry-question",
                                                 f"question '{q.id}' ({lang}) links to '{m.group('href')}', "
                                                 f"which is not a heading of {rel} or its twin",
                                                 "link to a heading id of the question's first page"))
        if registry is not None and not getattr(registry, "unreadable", False):
            for fact_id, line in q.answered_facts:
                if fact_id not in registry.facts and fact_id not in getattr(registry, "invalid", ()):
                    found.append(Finding(path, line, 1, "registry-question-fact",
                                         f"question '{q.id}' is answered by unknown fact '{fact_id}'",
                                         "use the id of a fact in facts/registry.yaml"))
    known = {lang: {_norm(q.text[lang]): q.id for q in questions.items.values()} for lang in LANGS}
    for page in pages.values():
        span = _section(page)
        if span is None:
            continue
        lines = page.prose.splitlines()
        first, last = span
        in_section = lines[first:last]
        has_marker = any(MARKER in l for l in page.text.splitlines()[first:last])
        for offset, text in enumerate(in_section, start=first + 1):
            if LIST_ITEM_RE.match(text):
                item = re.sub(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+", "", text)
                same = known.get(page.lang, {}).get(_norm(item))
                hint = (f"it is question '{same}' of {QUESTIONS} already: delete this line, the "
                        f"{MARKER} marker writes it" if same else
                        f"add it to {QUESTIONS} (id, pages, text in both languages, review_by, "
                        f"sources, status) and delete this line; the {MARKER} marker writes the list")
                found.append(Finding(page.path, offset, 1, "page-question-unregistered",
                                     "this item of 'What we still don't know' has no entry in "
                                     f"{QUESTIONS}: the section's list is written from that file", hint))
        if not has_marker and not questions.unreadable:
            found.append(Finding(page.path, first, 1, "page-question-marker",
                                 f"the 'What we still don't know' section has no {MARKER} marker",
                                 f"put {MARKER} on a line of its own in the section"))
    if not questions.unreadable and questions.missing:
        for page in pages.values():
            if MARKER in page.text:
                found.append(Finding(page.path, page.text[:page.text.find(MARKER)].count("\n") + 1, 1,
                                     "registry-question-page", f"the page asks for its open questions, but "
                                     f"{QUESTIONS} does not exist", "create it (see facts/SCHEMA.md)"))
    return found
