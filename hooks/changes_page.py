"""The "what changed" page: every chain of superseded figures, in order, generated from the registry.

A chain starts at a fact that no other fact supersedes and follows `superseded_by` to the latest
figure (meta-capex-2025-plan -> ... -> meta-capex-2025-actual). Each chain is one section with a
stable id (`#chain-<first fact id>`); each figure in it has the id `#change-<fact id>`, shows its
date, value, status and sources, and names the pages that cite it as the figure of its time
(`[](fact:ID){.as-of}`). The first fact of a chain may name the series with `series: {en:, hi:}`.

`docs/changes.md` and `docs/changes.hi.md` hold a short introduction and the MARKER line, which
the build replaces with `changes_markdown(...)` (hooks/mkdocs_hooks.py).
"""
from __future__ import annotations

import html
import posixpath
import re

from .registry import Registry
from .review import checked_phrase, review_phrase
from .sources_page import _published, chains, inert
from .values import render, render_date

MARKER = "<!-- changes -->"

WORDS = {
    "en": {"as_of": "as of", "sources": "Sources", "of_its_time": "Cited as the figure of its time on",
           "latest": "Cited as the latest figure on", "current": "the latest figure",
           "replaced": "replaced by the next figure", "none": "No figure on this site has been superseded yet.",
           "entry": "Sources page entry", "primary": "primary record", "report": "news report",
           "relay": "copy of another outlet's report",
           "reported": "reported", "confirmed": "confirmed", "disputed": "disputed or unconfirmed",
           "superseded": "superseded"},
    "hi": {"as_of": "की स्थिति में", "sources": "स्रोत", "of_its_time": "उस समय के आँकड़े के तौर पर इन पन्नों पर",
           "latest": "ताज़ा आँकड़े के तौर पर इन पन्नों पर", "current": "सबसे ताज़ा आँकड़ा",
           "replaced": "इसकी जगह अगला आँकड़ा आया", "none": "इस साइट का कोई आँकड़ा अभी तक बदला नहीं है।",
           "entry": "स्रोत पन्ने पर", "primary": "मूल दस्तावेज़", "report": "समाचार रिपोर्ट",
           "relay": "किसी और की रिपोर्ट की नक़ल",
           "reported": "रिपोर्ट की गई", "confirmed": "पुष्ट", "disputed": "विवादित या अपुष्ट",
           "superseded": "पुराना पड़ चुका"},
}

_PAREN_RE = re.compile(r"\s*\([^()]*\)\s*$")


def chain_title(chain: list, lang: str) -> str:
    """The series a chain follows: the first fact's `series:`, else its label without the
    parenthesis at its end."""
    first = chain[0]
    if getattr(first, "series", None):
        return first.series[lang]
    return _PAREN_RE.sub("", first.label[lang]) or first.label[lang]


def _as_of(fact, lang: str) -> str:
    when = render_date(fact.as_of, lang)
    return f"{WORDS['en']['as_of']} {when}" if lang == "en" else f"{when} {WORDS['hi']['as_of']}"


def _page_links(pages, here: str) -> str:
    return ", ".join(f"[{inert(p.title)}]({posixpath.relpath(p.rel, here)})" for p in pages)


def changes_markdown(registry: Registry, lang: str, page_rel: str, pages) -> str:
    """The body that replaces MARKER on the "what changed" page of one language."""
    w = WORDS[lang]
    here = posixpath.dirname(page_rel) or "."
    own = [p for p in pages if p.lang == lang]
    as_of_on: dict[str, list] = {}
    plain_on: dict[str, list] = {}
    seen: set = set()   # (which list, fact id, page): a page once per list (no page comparisons)
    for page in own:
        for ref in page.fact_refs:
            target = as_of_on if ref.as_of else plain_on
            if (ref.as_of, ref.id, page.rel) not in seen:
                seen.add((ref.as_of, ref.id, page.rel))
                target.setdefault(ref.id, []).append(page)
    rels = {p.rel for p in pages}
    sources_rel = next((r for r in (f"sources.{lang}.md", "sources.md") if r in rels), None)
    found = chains(registry)
    if not found:
        return w["none"] + "\n"
    out = []
    for chain in found:
        out.append(f"## {inert(chain_title(chain, lang))} {{#chain-{chain[0].id}}}\n")
        for i, fact in enumerate(chain, start=1):
            srcs = "; ".join(
                f'<a href="{html.escape(s.url, quote=True)}">{inert(s.title)}</a> '
                f"({inert(s.publisher)}, {_published(s.published, lang)}; {w[s.kind]})"
                for s in fact.sources)
            where = "" if fact.superseded_by else f" ({w['current']})"
            lines = [f'{i}. <span class="change" id="change-{fact.id}"></span>'
                     f"**{inert(render(fact.value, lang))}**, {inert(_as_of(fact, lang))}{where}: "
                     f"{inert(fact.label[lang])} · {w[fact.status]}"]
            review = [p for p in (checked_phrase(fact, lang), review_phrase(fact, lang)) if p]
            if review:
                text = ", ".join(review)
                lines.append(f"    {inert(text[:1].upper() + text[1:])}")
            lines.append(f"    {w['sources']}: {srcs}")
            if sources_rel:
                href = posixpath.relpath(sources_rel, here)
                lines.append(f"    [{w['entry']}]({href}#fact-{fact.id})")
            if as_of_on.get(fact.id):
                lines.append(f"    {w['of_its_time']}: {_page_links(as_of_on[fact.id], here)}")
            if not fact.superseded_by and plain_on.get(fact.id):
                lines.append(f"    {w['latest']}: {_page_links(plain_on[fact.id], here)}")
            out.append("  \n".join(lines))
        out.append("")
    return "\n".join(out)


def as_of_link(fact, lang: str, changes_href: str) -> str:
    """The "(as of 24 January 2025)" of a figure of its time as HTML, linked to the figure's
    place in its chain on the "what changed" page (`changes_href`: that page's built URL,
    relative to the citing page). For hooks/facts_check.render_refs (owned by the marks)."""
    from .values import as_of_phrase
    phrase = inert(as_of_phrase(fact.as_of, lang))
    href = html.escape(f"{changes_href}#change-{fact.id}", quote=True)
    return f'<a class="as-of-link" href="{href}">{phrase}</a>'
