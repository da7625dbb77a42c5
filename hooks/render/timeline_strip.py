"""The strip of key moments on the home pages: the line `<!-- timeline-strip -->` becomes one
line of the timeline's key moments, each linking to its row.

The moments are the rows of the timeline page (of the same language) marked as key moments
(hooks/render/timeline.py): the date comes from the registry, shown in the page's language, the
title is the row's bold title. Everything is escaped: the strip is HTML built here.
"""
from __future__ import annotations

import html
import re

from hooks.render import timeline
from hooks.render.citations import CITE_WORDS
from hooks.core.findings import Finding
from hooks.facts.values import Date, render_date

MARKER = "<!-- timeline-strip -->"
LABEL = {"en": "Key moments", "hi": "अहम पड़ाव"}
MORE = {"en": "Full timeline", "hi": "पूरी समयरेखा"}
MARKUP_RE = re.compile(r"\[([^\[\]]*)\]\([^)]*\)|[*_`]")
# The registry's status of a moment, in words, when it is not plainly confirmed: the same words
# as the citation marks use.
STATUS_WORDS = CITE_WORDS


def _plain(title: str) -> str:
    """A row's bold title as plain text (links keep their text, emphasis marks go)."""
    return MARKUP_RE.sub(lambda m: m.group(1) or "", title).strip().rstrip(".।").strip()


def moments(page, registry) -> list[tuple[str, Date, str, str]]:
    """(anchor, date, title, status) of each key moment of a timeline page, in page order."""
    found = []
    for row in timeline.rows(page):
        if not row.key or not row.anchor or not row.title:
            continue
        fact = registry.facts.get(row.fact_id) if row.fact_id else None
        if fact is None or not isinstance(fact.value, Date):
            continue
        found.append((row.anchor, fact.value, _plain(row.title), fact.status))
    return found


def strip_html(page, registry, lang: str, href: str) -> str:
    """The strip as one HTML block; `href` is the timeline page's URL relative to the page."""
    esc = lambda text: html.escape(text, quote=True)  # noqa: E731
    items = []
    for anchor, date, title, status in moments(page, registry):
        word = STATUS_WORDS.get(lang, {}).get(status) if status != "confirmed" else None
        note = f' <small class="timeline-strip__status">({esc(word)})</small>' if word else ""
        items.append(
            f'<li data-status="{esc(status)}"><a href="{esc(href)}#{esc(anchor)}">'
            f'<time datetime="{esc(date.iso())}">{esc(render_date(date, lang))}</time> '
            f'<span>{esc(title)}</span>{note}</a></li>')
    items.append(f'<li class="timeline-strip__more"><a href="{esc(href)}">{esc(MORE[lang])} →</a></li>')
    return (f'<nav class="timeline-strip" aria-label="{esc(LABEL[lang])}" tabindex="0">'
            f'<ol>{"".join(items)}</ol></nav>')


def replace_marker(markdown: str, source, timeline_page, registry, lang: str, href: str,
                   inserts=None):
    """(markdown with the marker replaced, findings): a finding when there is nothing to show.
    With `inserts` the strip is held back as a token (hooks/core/inserts.py)."""
    if MARKER not in markdown:
        return markdown, []
    if timeline_page is None or registry.unreadable or not moments(timeline_page, registry):
        finding = Finding(source.path, _line(source.text), 1, "page-timeline-strip",
                          "the page asks for the strip of key moments, but the timeline "
                          f"page ({lang}) has no key moments to show",
                          'mark rows of the timeline with <span class="key-moment">')
        return markdown.replace(MARKER, ""), [finding]
    strip = strip_html(timeline_page, registry, lang, href)
    return markdown.replace(MARKER, inserts.block(strip) if inserts is not None else strip), []


def _line(text: str) -> int:
    offset = text.find(MARKER)
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1
