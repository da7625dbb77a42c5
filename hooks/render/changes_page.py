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
import re

from hooks.facts.registry import Registry
from hooks.facts.registry_rules import chains
from hooks.facts.review import checked_phrase, review_phrase
from hooks.render.sources_page import _published, about
from hooks.core.text import inert
from hooks.facts.values import render, render_date

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
           "entry": "स्रोत पन्ने पर देखें", "primary": "मूल दस्तावेज़", "report": "समाचार रिपोर्ट",
           "relay": "दूसरी रिपोर्ट के हवाले से",
           "reported": "ख़बरों में", "confirmed": "पुष्ट", "disputed": "विवादित या अपुष्ट",
           "superseded": "अब पुराना"},
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


def cited_as(pages, lang: str) -> tuple[dict, dict]:
    """(fact id -> pages citing it as the figure of its time, fact id -> pages citing it
    plainly), over the pages of one language, each page once per list."""
    as_of_on: dict[str, list] = {}
    plain_on: dict[str, list] = {}
    seen: set = set()   # (which list, fact id, page): a page once per list (no page comparisons)
    for page in pages:
        if page.lang != lang:
            continue
        for ref in page.fact_refs:
            target = as_of_on if ref.as_of else plain_on
            if (ref.as_of, ref.id, page.rel) not in seen:
                seen.add((ref.as_of, ref.id, page.rel))
                target.setdefault(ref.id, []).append(page)
    return as_of_on, plain_on


def changes_markdown(registry: Registry, lang: str, page_rel: str, pages, href, inserts=None,
                     cited=None) -> str:
    """The body that replaces MARKER on the "what changed" page of one language.

    Each chain is a Markdown heading (for the page's table of contents) and an ordered list
    written here as HTML; `href(page)` gives a page's built URL relative to this one, so MkDocs
    need not resolve a link per citing page. With `inserts` (hooks/core/inserts.py) each list is
    held back from Markdown as a token. `cited`: cited_as(pages, lang), when the caller has it."""
    w = WORDS[lang]
    as_of_on, plain_on = cited if cited is not None else cited_as(pages, lang)
    by_rel = {p.rel: p for p in pages}
    sources_rel = next((r for r in (f"sources.{lang}.md", "sources.md") if r in by_rel), None)
    entry_href = html.escape(href(by_rel[sources_rel]), quote=True) if sources_rel else ""
    found = chains(registry)
    if not found:
        return w["none"] + "\n"
    links: dict[str, str] = {}          # each citing page's link, written once

    def page_links(cited_pages) -> str:
        for p in cited_pages:
            if p.rel not in links:
                links[p.rel] = f'<a href="{html.escape(href(p), quote=True)}">{inert(p.title)}</a>'
        return ", ".join(links[p.rel] for p in cited_pages)
    out = []
    for chain in found:
        out.append(f"## {inert(chain_title(chain, lang))} {{#chain-{chain[0].id}}}\n")
        items = []
        for fact in chain:
            srcs = "; ".join(
                f'<a href="{html.escape(s.url, quote=True)}">{inert(s.title)}</a>{about(s, lang)} '
                f"({inert(s.publisher)}, {_published(s.published, lang)}; {w[s.kind]})"
                for s in fact.sources)
            where = "" if fact.superseded_by else f" ({w['current']})"
            if lang == "hi":   # Hindi puts what the figure is first: "label: value (date)"
                head = (f"{inert(fact.label[lang])}: <strong>{inert(render(fact.value, lang))}</strong>"
                        f" ({inert(_as_of(fact, lang))}{'; ' + where.strip()[1:-1] if where else ''})")
            else:
                head = (f"<strong>{inert(render(fact.value, lang))}</strong>, {inert(_as_of(fact, lang))}"
                        f"{where}: {inert(fact.label[lang])}")
            lines = [f'<span class="change" id="change-{fact.id}"></span>{head} · {w[fact.status]}']
            review = [p for p in (checked_phrase(fact, lang), review_phrase(fact, lang)) if p]
            if review:
                text = ", ".join(review)
                lines.append(inert(text[:1].upper() + text[1:]))
            lines.append(f"{w['sources']}: {srcs}")
            if sources_rel:
                lines.append(f'<a href="{entry_href}#fact-{fact.id}">{w["entry"]}</a>')
            if as_of_on.get(fact.id):
                lines.append(f"{w['of_its_time']}: {page_links(as_of_on[fact.id])}")
            if not fact.superseded_by and plain_on.get(fact.id):
                lines.append(f"{w['latest']}: {page_links(plain_on[fact.id])}")
            items.append("<li>" + "<br>\n".join(lines) + "</li>")
        block = "<ol>\n" + "\n".join(items) + "\n</ol>"
        out.append(inserts.block(block) if inserts is not None else block + "\n")
    return "\n".join(out)


def as_of_link(fact, lang: str, changes_href: str) -> str:
    """The "(as of 24 January 2025)" of a figure of its time as HTML, linked to the figure's
    place in its chain on the "what changed" page (`changes_href`: that page's built URL,
    relative to the citing page). For hooks/citations.render_refs (owned by the marks)."""
    from hooks.facts.values import as_of_phrase
    phrase = inert(as_of_phrase(fact.as_of, lang))
    href = html.escape(f"{changes_href}#change-{fact.id}", quote=True)
    return f'<a class="as-of-link" href="{href}">{phrase}</a>'
