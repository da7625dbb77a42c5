"""Quote facts written out: the rendering in the page's language, the original one tap away.

A quote is a registry entry of `type: quote` (facts/SCHEMA.md): the words exactly as said or
written (`original`, in the language `lang`), an English and a Hindi rendering, the speaker, the
date and the source. `[](fact:quote-...)` on a page prints `render_quote(fact, page_lang)`:

- when the original is in the page's language: the original, in `<q lang="...">`;
- otherwise: the rendering in `<q lang="<page>">`, followed by the original in parentheses,
  marked with its language (`<span class="quote-original">(मूल अंग्रेज़ी में:
  <q class="cited-quote-original"><span lang="en">...</span></q>)</span>`).
  It is visible without JavaScript or a tap on a phone; screen readers switch voice for it.

Every registry string is escaped for HTML and for Markdown (text.inert).
"""
from __future__ import annotations

from hooks.core.text import inert

ORIGINAL_WORDS = {
    # "(original: ...)" in the page's language, naming the original's language when known
    "en": {"hi": "original in Hindi", "en": "original", "": "original"},
    "hi": {"en": "मूल अंग्रेज़ी में", "hi": "मूल शब्द", "": "मूल शब्द"},
}


def _q(text: str, lang: str, cls: str = "cited-quote") -> str:
    return f'<q class="{cls}" lang="{inert(lang)}">{inert(text)}</q>'


def _original(text: str, lang: str) -> str:
    """The original beside a rendering: quotation marks in the page's language (the <q>), the
    words themselves marked with their own language (the <span>)."""
    return f'<q class="cited-quote-original"><span lang="{inert(lang)}">{inert(text)}</span></q>'


def render_quote(fact, lang: str) -> str:
    """HTML for a quote fact on a page in `lang` (en or hi)."""
    quote = fact.value
    if quote.lang == lang:
        return _q(quote.original, lang)
    shown = _q(quote.get(lang), lang)
    words = ORIGINAL_WORDS.get(lang, ORIGINAL_WORDS["en"])
    label = words.get(quote.lang, words[""])
    return (f'{shown} <span class="quote-original">({inert(label)}: '
            f'{_original(quote.original, quote.lang)})</span>')


def speaker(fact, lang: str) -> str:
    """The speaker's name in the page's language ("" when the fact names none)."""
    return (fact.speaker or {}).get(lang, "")


# ---------------------------------------------------------------- checks of the pages that cite quotes

QUOTE_MARKS = set('"“”‘’«»„\'')


def check_pages(pages, registry) -> list:
    """A quote reference prints its own words and quotation marks: text written inside the
    reference, or quotation marks written around it, would print other words or doubled marks."""
    from hooks.core.findings import Finding
    found = []
    for page in pages:
        for ref in page.fact_refs:
            fact = registry.facts.get(ref.id)
            if fact is None or getattr(fact, "type", "") != "quote":
                continue
            if ref.text.strip():
                found.append(Finding(page.path, ref.line, ref.col, "fact-quote-text",
                                     f"the quote '{ref.id}' is cited with text of its own",
                                     f"write [](fact:{ref.id}): the build prints the quoted words "
                                     "from the registry, the same on every page"))
            before = page.text[ref.start - 1:ref.start] if ref.start > 0 else ""
            after = page.text[ref.end:ref.end + 1]
            if before in QUOTE_MARKS or after in QUOTE_MARKS:
                found.append(Finding(page.path, ref.line, ref.col, "fact-quote-marks",
                                     f"the quote '{ref.id}' has quotation marks around it, and the "
                                     "build adds its own: readers see them twice",
                                     f"remove the quotation marks around [](fact:{ref.id})",
                                     severity="warning"))
    return found
