"""Each page that cites facts ends with its own list of the sources it cites.

The list is numbered like the page's citation marks (citations.cite_numbers), in the page's
language. Each entry gives the fact's label (a link to its full entry on the Sources page, with
every source, status and confidence), then its first source's publisher, title, date and URL
written out, so that a printed page can follow every mark. A mark links to its entry here
(`#src-N`); the entry's "back to the text" link returns to the mark.

hooks/data/cite-back.js (inlined after the list, so only on pages with marks) does two things:
- gives each mark its entry's `data-tip` ("Source 3: publisher, date", citations.tooltip)
  as title and accessible name, so that the page carries that text once per source, not once
  per mark (without the script site.css names a mark "Source 3");
- makes the back link return to the mark the reader followed (by the browser's Back, which
  restores the place in the text), not the page's first mark of that source.

Why the marks lead here and not to the Sources page: on a phone the Sources page is a second
download and some 50,000 px long; the page's own list is already loaded, works offline and
on paper, and the browser's Back returns to the same place in the same document.

The Sources page gets the legend of the marks' shapes above its entries.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from hooks.facts.review import checked_phrase
from hooks.render.citations import CITE_WORDS, STATUSES, cite_numbers, mark_id, page_slug, published_phrase, tooltip
from hooks.render.sources_page import MARKER as SOURCES_MARKER, about
from hooks.core.text import inert

HEADING_ID = "sources-on-this-page"
DEVANAGARI_RE = re.compile("[\u0900-\u097f]")
# The page script, inlined in the list (no request; only pages with marks carry it). Its source
# comments stay in the file.
SCRIPT = "".join(line.strip() + "\n" for line in (Path(__file__).resolve().parents[1] / "data" / "cite-back.js")
                 .read_text(encoding="utf-8").splitlines() if not line.strip().startswith("//"))

WORDS = {
    "en": {
        "heading": "Sources on this page",
        "back": "back to the text",
        "legend": "The mark after a figure leads to its source, and its shape says how firm "
                  "the figure is: {confirmed} confirmed; {reported} reported, not confirmed; "
                  "{disputed} disputed or unconfirmed; {superseded} the figure of its time, "
                  "since superseded.",
        "legend_sources": "On every page the mark after a figure leads to that page's own list "
                          "of sources, and from there to the figure's entry here. Its shape says "
                          "how firm the figure is: {confirmed} confirmed; {reported} reported, not "
                          "confirmed; {disputed} disputed or unconfirmed; {superseded} the figure "
                          "of its time, since superseded.",
    },
    "hi": {
        "heading": "इस पन्ने के स्रोत",
        "back": "पाठ पर लौटें",
        "legend": "आँकड़े के बाद लगा निशान उसके स्रोत तक ले जाता है, और उसका आकार बताता है कि "
                  "आँकड़ा कितना पक्का है: {confirmed} पुष्ट; {reported} ख़बरों के हवाले से, पुष्टि "
                  "नहीं; {disputed} विवादित या अपुष्ट; {superseded} अब पुराना, यानी अपनी तारीख़ का "
                  "आँकड़ा, जिसकी जगह नया आँकड़ा आ चुका है।",
        "legend_sources": "हर पन्ने पर आँकड़े के बाद लगा निशान उसी पन्ने के आख़िर में दी गई स्रोतों "
                          "की सूची तक ले जाता है, और वहाँ से यहाँ उस आँकड़े के ब्योरे तक। निशान का "
                          "आकार बताता है कि आँकड़ा कितना पक्का है: {confirmed} पुष्ट; {reported} "
                          "ख़बरों के हवाले से, पुष्टि नहीं; {disputed} विवादित या अपुष्ट; {superseded} "
                          "अब पुराना, यानी अपनी तारीख़ का आँकड़ा, जिसकी जगह नया आँकड़ा आ चुका है।",
    },
}

# The shape of each status's mark, as site.css draws it (written out here as text, in the
# legend, so that the font subset keeps these characters).
SHAPES = {"confirmed": "[1]", "reported": "[1*]", "disputed": "[1?]", "superseded": "[1†]"}


def legend(lang: str, key: str = "legend") -> str:
    """One paragraph of raw HTML that explains the marks' shapes."""
    shapes = {status: f'<span class="cite-shape">{SHAPES[status]}</span>' for status in STATUSES}
    return f'<p class="cite-legend">{WORDS[lang][key].format(**shapes)}</p>'


def _entry(fact, n: int, lang: str, back: str, record: str, all_sources: bool) -> str:
    w = WORDS[lang]
    status = fact.status if fact.status in STATUSES else "confirmed"
    label = f'<a href="{record}#fact-{fact.id}">{inert(fact.label[lang])}</a>'
    if status != "confirmed":
        label += f" ({CITE_WORDS[lang][status]})"
    checked = checked_phrase(fact, lang) if fact.review_by else None  # only figures that change
    if checked:
        label += f' <span class="cite-checked">({inert(checked)})</span>'  # figures that change
    sources = []
    for s in fact.sources if all_sources else fact.sources[:1]:
        url = html.escape(s.url, quote=True)
        title = inert(s.title)
        if lang != "en" and not DEVANAGARI_RE.search(s.title):
            title = f'<span lang="en">{title}</span>'  # read by an English voice on a Hindi page
        sources.append(f"{inert(s.publisher)}, “{title}”{about(s, lang)}, "
                       f"{inert(published_phrase(s.published, lang))}, "
                       f'<a class="page-sources__url" href="{url}">{inert(s.url)}</a>')
    tip = inert(tooltip(fact, lang, n))
    return (f'<li id="src-{n}" data-tip="{tip}">'
            f'<span class="cite-n" data-n="{n}" data-status="{status}" aria-hidden="true"></span> '
            f'<a class="cite-back" href="#{back}"><span aria-hidden="true">↑</span>'
            f'<span class="cite-back__w"> {w["back"]}</span></a> '
            f"{label}: {'; '.join(sources)}</li>")


# Only the first source of each fact (the one its mark's tooltip names): the page's list
# must stay light (tests/browser/test_share.py); the Sources page entry lists them all.
ALL_SOURCES = False


def source_list(page, markdown: str, registry, sources_href: str, inserts=None) -> str:
    """The Markdown that ends `page`: heading, legend and list; "" when it cites no fact.
    The heading stays Markdown (it belongs in the page's table of contents); with `inserts`
    the legend, list and script are held back as one token (hooks/core/inserts.py)."""
    numbers = cite_numbers(markdown, registry)
    if not numbers:
        return ""
    lang = page.lang
    slug = page_slug(page)
    items = "\n".join(_entry(registry.facts[fact_id], n, lang, mark_id(slug, n), sources_href,
                             ALL_SOURCES)
                      for fact_id, n in numbers.items())
    body = (f"{legend(lang)}\n\n"
            f'<ol class="page-sources">\n{items}\n</ol>\n\n'
            f"<script>\n{SCRIPT}</script>\n")
    if inserts is not None:
        body = inserts.block(body)
    return f"\n\n## {WORDS[lang]['heading']} {{#{HEADING_ID}}}\n\n{body}"


def add(page, markdown: str, registry, sources_href: str, inserts=None) -> str:
    """Called on each page's Markdown before its references are written out: appends the page's
    source list, or on the Sources page puts the legend above the entries."""
    if SOURCES_MARKER in markdown:
        return markdown.replace(SOURCES_MARKER, legend(page.lang, "legend_sources") + "\n\n"
                                + SOURCES_MARKER, 1)
    return markdown.rstrip("\n") + source_list(page, markdown, registry, sources_href, inserts)
