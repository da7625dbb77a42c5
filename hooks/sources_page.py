"""The Sources page and the published JSON, both generated from the registry."""
from __future__ import annotations

import html
import json
import posixpath

from .registry import Registry
from .values import Date, Quantity, Text, parse_iso_date, render, render_date

MARKER = "<!-- sources -->"

WORDS = {
    "en": {"as_of": "As of", "status": "Status", "sources": "Sources", "cited": "Cited on",
           "not_cited": "not cited on any page yet", "note": "Note", "undated": "undated",
           "confidence": "Confidence",
           "reported": "reported", "confirmed": "confirmed", "superseded": "superseded by",
           "disputed": "disputed or unconfirmed",
           "verified-primary": "checked against the primary source",
           "verified-secondary": "checked against secondary reports",
           "unverified": "not confirmed"},
    "hi": {"as_of": "कब तक की स्थिति", "status": "स्थिति", "sources": "स्रोत", "cited": "इन पन्नों पर",
           "not_cited": "अभी किसी पन्ने पर नहीं", "note": "टिप्पणी", "undated": "तारीख़ नहीं दी गई",
           "confidence": "पुष्टि",
           "reported": "रिपोर्ट की गई", "confirmed": "पुष्ट", "superseded": "इसकी जगह अब",
           "disputed": "विवादित या अपुष्ट",
           "verified-primary": "मूल स्रोत से मिलाया गया",
           "verified-secondary": "दूसरी रिपोर्टों से मिलाया गया",
           "unverified": "पुष्टि नहीं हुई"},
}


# Markdown punctuation written as character references: registry text stays text (no links,
# emphasis or attribute lists), and html.escape has already made it safe as HTML.
_MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "[]*_`\\{}|~<>"}


def inert(text) -> str:
    """Registry text for a Markdown page: escaped as HTML, with no Markdown left in it."""
    escaped = html.escape(str(text), quote=True)
    return "".join(_MARKDOWN_CHARS.get(c, c) for c in escaped)


def _published(text: str, lang: str) -> str:
    return WORDS[lang]["undated"] if text == "undated" else render_date(parse_iso_date(text), lang)


def citing_pages(pages) -> dict[str, list]:
    """fact id -> the source pages that cite it (any language)."""
    cited: dict[str, list] = {}
    for page in pages:
        for ref in page.fact_refs:
            if page not in cited.setdefault(ref.id, []):
                cited[ref.id].append(page)
    return cited


def sources_markdown(registry: Registry, lang: str, page_rel: str, pages) -> str:
    """The body that replaces MARKER on the Sources page of one language."""
    w = WORDS[lang]
    cited = citing_pages([p for p in pages if p.lang == lang])
    here = posixpath.dirname(page_rel) or "."
    out = []
    for topic, names in registry.topics.items():
        facts = [f for f in registry.facts.values() if f.topic == topic]
        if not facts:
            continue
        out.append(f"## {inert(names[lang])} {{#{topic}}}\n")
        for fact in facts:
            status = w[fact.status]
            if fact.status == "superseded":
                status += f' <a href="#fact-{fact.superseded_by}">{inert(fact.superseded_by)}</a>'
            links = ", ".join(
                f"[{p.title}]({posixpath.relpath(p.rel, here)})" for p in cited.get(fact.id, []))
            srcs = "; ".join(
                f'<a href="{html.escape(s.url, quote=True)}">{inert(s.title)}</a> '
                f"({inert(s.publisher)}, {_published(s.published, lang)})"
                for s in fact.sources)
            out.append(f'<div class="fact-entry" id="fact-{fact.id}" markdown>\n')
            out.append(f"<strong>{inert(fact.label[lang])}</strong>: {inert(render(fact.value, lang))}  ")
            out.append(f"{w['as_of']}: {render_date(fact.as_of, lang)} · {w['status']}: {status} · "
                       f"{w['confidence']}: {w[fact.confidence]}  ")
            out.append(f"{w['sources']}: {srcs}  ")
            out.append(f"{w['cited']}: {links or w['not_cited']}" + ("  " if fact.note else ""))
            if fact.note:
                out.append(f'{w["note"]}: <span lang="en">{inert(fact.note)}</span>')
            out.append("\n</div>\n")
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
    return {}


def registry_json(registry: Registry) -> str:
    """The registry as published with the site, for readers who want the data."""
    facts = []
    for fact in registry.facts.values():
        facts.append({
            "id": fact.id, "topic": fact.topic, "label": fact.label,
            **_json_value(fact.value),
            "text": {lang: render(fact.value, lang) for lang in ("en", "hi")},
            "as_of": fact.as_of.iso(), "status": fact.status,
            "superseded_by": fact.superseded_by, "confidence": fact.confidence,
            "sources": [vars(s) for s in fact.sources], "note": fact.note,
        })
    return json.dumps({"topics": registry.topics, "facts": facts}, ensure_ascii=False)
