"""The Sources page and the published JSON, both generated from the registry."""
from __future__ import annotations

import html
import json
import re

from hooks.facts.registry import Registry
from hooks.facts.registry_rules import chains
from hooks.facts.quotes import render_quote
from hooks.facts.review import checked_phrase, review_phrase
from hooks.core.text import inert
from hooks.facts.values import LANGS, Date, Quantity, Quote, Text, parse_iso_date, render, render_date

MARKER = "<!-- sources -->"

WORDS = {
    "en": {"as_of": "As of", "status": "Status", "sources": "Sources", "cited": "Cited on",
           "not_cited": "not cited on any page yet", "note": "Note", "undated": "undated",
           "confidence": "Confidence",
           "reported": "reported", "confirmed": "confirmed", "superseded": "superseded by",
           "disputed": "disputed or unconfirmed",
           "verified-primary": "checked against the primary source",
           "verified-secondary": "checked against secondary reports",
           "unverified": "not confirmed",
           "primary": "primary record", "report": "news report",
           "relay": "copy of another outlet's report", "review": "Review",
           "changes": "How this figure changed", "unknown_successor": "a later figure"},
    "hi": {"as_of": "आँकड़े की तारीख़", "status": "दर्जा", "sources": "स्रोत", "cited": "इन पन्नों पर",
           "not_cited": "अभी किसी पन्ने पर नहीं", "note": "टिप्पणी", "undated": "तारीख़ नहीं दी गई",
           "confidence": "कैसे जाँचा",
           "reported": "ख़बरों में", "confirmed": "पुष्ट", "superseded": "अब पुराना; नया आँकड़ा:",
           "disputed": "विवादित या अपुष्ट",
           "verified-primary": "मूल स्रोत से मिलाकर",
           "verified-secondary": "दूसरी ख़बरों से मिलाकर",
           "unverified": "किसी स्रोत से पक्का नहीं हो सका",
           "primary": "मूल दस्तावेज़", "report": "समाचार रिपोर्ट",
           "relay": "दूसरी रिपोर्ट के हवाले से", "review": "",
           "changes": "यह आँकड़ा कैसे बदला", "unknown_successor": "बाद का आँकड़ा"},
}


def _shown(fact, lang: str) -> str:
    """A fact's value on the Sources page: a quote with its original, any other value as text."""
    if getattr(fact, "type", "") == "quote":
        return render_quote(fact, lang)
    return inert(render(fact.value, lang))


def _successor(registry: Registry, fact, lang: str) -> str:
    """What replaced a superseded fact, as a reader names it: its label, never its id."""
    after = registry.facts.get(fact.superseded_by)
    return after.label[lang] if after is not None else WORDS[lang]["unknown_successor"]


# A run of Latin script inside Hindi text: a name, a title or a quoted original. It starts with
# a letter and runs on over digits and joining punctuation, and over a space only when more
# Latin follows ("Llama 4 Scout", "The Information", "meta.com/superintelligence").
LATIN_RUN_RE = re.compile(r"[0-9.]*[A-Za-z](?:[A-Za-z0-9'’&+/_.:,%$\-]|\s(?=[A-Za-z0-9$]))*")


def note_html(text: str, lang: str) -> str:
    """A note escaped for the page; on a Hindi page each run of Latin script (a name, a title,
    a quoted original) is marked lang="en", so screen readers and fonts treat it as English."""
    if lang == "en":
        return inert(text)
    out, at = [], 0
    for m in LATIN_RUN_RE.finditer(text):
        run = m.group(0).rstrip(".,:;( ")
        end = m.start() + len(run)
        out.append(inert(text[at:m.start()]))
        out.append(f'<span lang="en">{inert(run)}</span>')
        at = end
    out.append(inert(text[at:]))
    return "".join(out)


def about(source, lang: str) -> str:
    """", our remark on the source" in the page's language (registry `about:`), or ""."""
    remark = getattr(source, "about", None)
    return f", {note_html(remark[lang], lang)}" if remark else ""


def _published(text: str, lang: str) -> str:
    return WORDS[lang]["undated"] if text == "undated" else render_date(parse_iso_date(text), lang)


def citing_pages(pages) -> dict[str, list]:
    """fact id -> the source pages that cite it (any language)."""
    cited: dict[str, list] = {}
    seen: set[tuple[str, str]] = set()
    for page in pages:
        for ref in page.fact_refs:
            if (ref.id, page.rel) not in seen:
                seen.add((ref.id, page.rel))
                cited.setdefault(ref.id, []).append(page)
    return cited


def sources_markdown(registry: Registry, lang: str, page_rel: str, pages, href, inserts=None) -> str:
    """The body that replaces MARKER on the Sources page of one language.

    Each topic is a Markdown heading (it belongs in the page's table of contents) followed by
    its entries as HTML written here; `href(page)` gives the built URL of a page relative to the
    Sources page (MkDocs need not resolve thousands of links on a large site). With `inserts`
    (hooks/core/inserts.py) each topic's entries are held back as one token and put in after
    Markdown, which would otherwise parse every entry's HTML again."""
    w = WORDS[lang]
    cited = citing_pages([p for p in pages if p.lang == lang])
    by_rel = {p.rel: p for p in pages}
    target = next((r for r in (f"changes.{lang}.md", "changes.md") if r in by_rel), None)
    chained = {f.id for chain in chains(registry) for f in chain} if target else set()
    changes_href = html.escape(href(by_rel[target]), quote=True) if target else ""
    out = []
    links: dict[str, str] = {}          # each citing page's link, written once

    def link(p) -> str:
        if p.rel not in links:
            links[p.rel] = f'<a href="{html.escape(href(p), quote=True)}">{inert(p.title)}</a>'
        return links[p.rel]
    for topic, names in registry.topics.items():
        facts = [f for f in registry.facts.values() if f.topic == topic]
        if not facts:
            continue
        out.append(f"## {inert(names[lang])} {{#{topic}}}\n")
        entries = []
        for fact in facts:
            status = w[fact.status]
            if fact.status == "superseded":
                status += f' <a href="#fact-{fact.superseded_by}">{inert(_successor(registry, fact, lang))}</a>'
            srcs = "; ".join(
                f'<a href="{html.escape(s.url, quote=True)}">{inert(s.title)}</a>{about(s, lang)} '
                f"({inert(s.publisher)}, {_published(s.published, lang)}; "
                f'<span class="source-kind" data-kind="{s.kind}">{w[s.kind]}</span>)'
                for s in fact.sources)
            lines = [f"<strong>{inert(fact.label[lang])}</strong>: {_shown(fact, lang)}",
                     f"{w['as_of']}: {render_date(fact.as_of, lang)} · {w['status']}: {status} · "
                     f"{w['confidence']}: {w[fact.confidence]}"]
            review = [p for p in (checked_phrase(fact, lang), review_phrase(fact, lang)) if p]
            if review:
                # Hindi: "2 दिसंबर 2026 को जाँचा गया, ..." needs no "जाँच:" before it
                lines.append((f"{w['review']}: " if w["review"] else "") + inert(", ".join(review)))
            if fact.id in chained:
                lines.append(f'<a href="{changes_href}#change-{fact.id}">{w["changes"]}</a>')
            lines.append(f"{w['sources']}: {srcs}")
            # " · " between pages: a page title may itself hold commas (the home page's does)
            lines.append(f"{w['cited']}: {' · '.join(link(p) for p in cited.get(fact.id, [])) or w['not_cited']}")
            if fact.note:
                lines.append(f'{w["note"]}: {note_html(fact.note[lang], lang)}')
            body = "<br>\n".join(lines)
            entries.append(f'<div class="fact-entry" id="fact-{fact.id}">\n<p>{body}</p>\n</div>')
        block = "\n".join(entries)
        out.append(inserts.block(block) if inserts is not None else f"{block}\n")
    return "\n".join(out)


def _json_value(value) -> dict:
    if isinstance(value, Quantity):
        data = {"type": "range" if value.is_range else "number", "unit": value.unit}
        if value.is_range:
            data.update(min=float(value.lo), max=float(value.hi))
        else:
            data["value"] = float(value.lo)
        return data
    if isinstance(value, Date):
        return {"type": "date", "value": value.iso()}
    if isinstance(value, Text):
        return {"type": "text", "value": dict(value.by_lang)}
    if isinstance(value, Quote):
        return {"type": "quote", "value": {"original": value.original, "lang": value.lang,
                                           "en": value.en, "hi": value.hi}}
    return {}


def registry_json(registry: Registry) -> str:
    """The registry as published with the site, for readers who want the data."""
    facts = []
    for fact in registry.facts.values():
        facts.append({
            "id": fact.id, "topic": fact.topic, "label": fact.label,
            **_json_value(fact.value),
            "text": {lang: render(fact.value, lang) for lang in LANGS},
            "as_of": fact.as_of.iso(), "status": fact.status,
            "superseded_by": fact.superseded_by, "confidence": fact.confidence,
            "sources": [vars(s) for s in fact.sources], "note": fact.note,
            "checked": fact.checked, "review_by": fact.review_by,
            **({"speaker": fact.speaker} if fact.speaker else {}),
        })
    return json.dumps({"topics": registry.topics, "facts": facts}, ensure_ascii=False)
