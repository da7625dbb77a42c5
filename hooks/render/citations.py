"""Fact references written out: each becomes its text and a numbered citation mark.

`[](fact:ID)` becomes the fact's value in the page's language, `[text](fact:ID)` keeps its
text (hooks/checks/facts_check.py checks that it agrees with the registry); both get a mark that
links to the page's own source list (hooks/render/page_sources.py).
"""
from __future__ import annotations

import re
from collections import Counter

from hooks.render.changes_page import as_of_link
from hooks.core.mdscan import FACT_RE, SourcePage, mask_code
from hooks.facts.quotes import render_quote
from hooks.facts.registry import Registry
from hooks.facts.registry_rules import chains
from hooks.core.text import inert
from hooks.facts.values import as_of_phrase, parse_iso_date, render, render_date

# ---------------------------------------------------------------- writing references out
#
# A citation mark is an empty link: `<a class="fact-cite" data-n="3" data-status="reported" ...>`.
# site.css draws it from its attributes ("[3]", "[3*]", "[3?]", "[3†]"), so its number is not
# text: it never joins the figure before it in the page's text, Material's search index or a
# copied selection. Its name for screen readers and its tooltip say "Source 3: publisher, date".
# It links to the entry of the page's own source list (hooks/render/page_sources.py), same numbers,
# which carries that text for the mark (data-tip).

CITE_WORDS = {
    "en": {"source": "Source", "undated": "undated", "reported": "reported, not confirmed",
           "disputed": "disputed or unconfirmed", "superseded": "the figure of its time"},
    "hi": {"source": "स्रोत", "undated": "तारीख़ नहीं दी गई", "reported": "ख़बरों के हवाले से, पुष्टि नहीं",
           "disputed": "विवादित या अपुष्ट", "superseded": "अब पुराना"},
}
STATUSES = ("confirmed", "reported", "disputed", "superseded")


def published_phrase(published: str, lang: str) -> str:
    """A source's publication date in the page's language ("undated" in words)."""
    if published == "undated":
        return CITE_WORDS[lang]["undated"]
    return render_date(parse_iso_date(published), lang)


def tooltip(fact, lang: str, n: int | None = None) -> str:
    """"Source 3: publisher, date" ("Source 3 (reported, not confirmed): ..." when the fact is not
    confirmed), in the page's language."""
    words = CITE_WORDS[lang]
    source = fact.sources[0]
    head = words["source"] + (f" {n}" if n is not None else "")
    if fact.status in words:
        head += f" ({words[fact.status]})"
    return f"{head}: {source.publisher}, {published_phrase(source.published, lang)}"


def page_slug(page: SourcePage) -> str:
    """The page's name in mark ids: moe.md and moe.hi.md -> moe, llama4/after.md -> llama4-after."""
    name = page.twin_key[: -len(".md")] if page.twin_key.endswith(".md") else page.twin_key
    name = re.sub(r"(^|/)index$", "", name).strip("/")
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "home"


def mark_id(slug: str, n: int, k: int = 1) -> str:
    """Id of the k-th mark of source n on a page: cite-moe-3, then cite-moe-3-2, ..."""
    return f"cite-{slug}-{n}" + (f"-{k}" if k > 1 else "")


def cite_numbers(markdown: str, registry: Registry) -> dict[str, int]:
    """fact id -> its number on the page: the order in which the page first cites each known
    fact, outside code. The marks and the page's source list both number from this."""
    numbers: dict[str, int] = {}
    masked, _ = mask_code(markdown)
    for m in FACT_RE.finditer(masked):
        if m.group("id") in registry.facts:
            numbers.setdefault(m.group("id"), len(numbers) + 1)
    return numbers


def _quote_text(fact, lang: str) -> str | None:
    """The shown text of a quote fact (hooks/facts/quotes.py, which escapes every registry string);
    None for other facts."""
    if getattr(fact, "type", None) != "quote" and type(fact.value).__name__ != "Quote":
        return None
    return render_quote(fact, lang)


def render_refs(page: SourcePage, markdown: str, registry: Registry, sources_href: str,
                changes_href: str | None = None, inserts=None) -> str:
    """Replace each fact reference with its text and a numbered citation mark.

    `markdown` is the page body as MkDocs hands it over (front matter removed); references
    are found again in it, so offsets from the scanned file are not needed. Marks link to the
    page's own source list (`#src-N`, hooks/render/page_sources.py), whose entries link on to the
    Sources page (`sources_href`). A figure of its time (`{.as-of}`) that is part of a chain
    of superseded figures links its "as of" phrase to that chain on the "what changed" page
    (`changes_href`, when the build has one). With `inserts` (hooks/core/inserts.py) each mark is
    held back as a token and put in after Markdown; without, it is written into the Markdown.
    """
    in_chains = {fact.id for chain in chains(registry) for fact in chain} if changes_href else set()
    numbers = cite_numbers(markdown, registry)
    seen: Counter = Counter()
    slug = page_slug(page)

    def replace(m):
        fact = registry.facts.get(m.group("id"))
        if fact is None:
            return m.group(0)
        shown = m.group("text").strip()
        if not shown:
            quote = _quote_text(fact, page.lang)
            shown = quote if quote is not None else inert(render(fact.value, page.lang))
        if m.group("asof"):
            shown += " " + (as_of_link(fact, page.lang, changes_href) if fact.id in in_chains
                            else inert(as_of_phrase(fact.as_of, page.lang)))
        n = numbers[fact.id]
        seen[n] += 1
        status = fact.status if fact.status in STATUSES else "confirmed"
        # Raw HTML built here, every registry string escaped: nothing in it is read as Markdown.
        # The link has no text: site.css draws "[n]" from data-n and names it "Source n";
        # assets/js/cite-back.js gives it the tooltip() of its list entry (data-tip) as title
        # and accessible name, so the page carries each source's name once, not once a mark.
        mark = (f'<a class="fact-cite" id="{mark_id(slug, n, seen[n])}" href="#src-{n}" '
                f'data-n="{n}" data-status="{status}"></a>')
        return shown + (inserts.inline(mark, f"{fact.id} {seen[n]}") if inserts is not None else mark)

    return _outside_code(markdown, FACT_RE, replace)


def _outside_code(markdown: str, pattern: re.Pattern, replace) -> str:
    """Apply a substitution to prose only, leaving fenced and inline code alone."""
    masked, _ = mask_code(markdown)
    out, last = [], 0
    for m in pattern.finditer(masked):
        out.append(markdown[last:m.start()])
        out.append(replace(pattern.match(markdown, m.start())))
        last = m.end()
    out.append(markdown[last:])
    return "".join(out)
