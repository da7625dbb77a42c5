"""Fact references in pages: check them against the registry, and write them out.

`[text](fact:ID)` cites a fact. With empty text the value is written in the page's
language; with text, the text is read and must agree with the registry.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from .findings import Finding
from .mdscan import FACT_RE, SourcePage, mask_code, plain_text, twins
from .quotes import render_quote
from .changes_page import as_of_link
from .registry import Registry, chains
from .text import inert
from .values import (Quantity, ValueError_, as_of_phrase, check_written, parse_iso_date, parse_quantity,
                     precision_kept, render, render_date)

# A number in prose: digits with optional grouping and decimals.
PROSE_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])")
# Lines that carry no prose numbers: headings' id attributes, ordered-list markers, tables' rules.
LIST_MARKER_RE = re.compile(r"^\s*\d+[.)]\s")
# A number that belongs to a name: "Llama 3.1", "Gemini 2.0 Pro", "GPT-4.5", "top-1".
NAME_BEFORE_RE = re.compile(r"(?:\b[A-Z][A-Za-z]*[ \u00a0]|[A-Za-z]-)$")
NOT_NAMES = {"In", "On", "By", "From", "Since", "Until", "To", "At", "Of", "And", "The", "About",
             "Around", "Over", "Under", "Up", "Nearly", "Some", "Only", "Just", "Top", "For",
             "Between", "After", "Before", "During", "Than", "With", "Or", "Is", "Was", "Are"}


def suggest(fact_id: str, registry: Registry) -> str:
    close = difflib.get_close_matches(fact_id, list(registry.facts), n=3, cutoff=0.5)
    return f"did you mean {', '.join(close)}?" if close else "add the fact to facts/registry.yaml"


def check_refs(page: SourcePage, registry: Registry) -> list[Finding]:
    """Unknown ids, text that disagrees with the registry, superseded facts not marked."""
    found = []
    for ref in page.fact_refs:
        fact = registry.facts.get(ref.id)
        if fact is None and ref.id in registry.invalid:
            continue  # the registry's own finding names the problem with this fact
        if fact is None:
            found.append(Finding(page.path, ref.line, ref.col, "fact-unknown",
                                 f"unknown fact id '{ref.id}'", suggest(ref.id, registry)))
            continue
        if ref.text.strip():
            problem = check_written(fact.value, ref.text, page.lang)
            if problem:
                found.append(Finding(page.path, ref.line, ref.col, "fact-mismatch",
                                     f"'{ref.text}' does not match fact '{ref.id}' "
                                     f"({render(fact.value, page.lang)}): {problem}",
                                     f"write [](fact:{ref.id}) to print the registry value"))
        if fact.status == "superseded" and not ref.as_of:
            found.append(Finding(page.path, ref.line, ref.col, "fact-superseded",
                                 f"fact '{ref.id}' was superseded by '{fact.superseded_by}'",
                                 f"cite '{fact.superseded_by}', or mark this figure as the one of "
                                 f"its time with {{.as-of}} after the reference"))
    return found


def check_twin_facts(en: SourcePage, hi: SourcePage) -> list[Finding]:
    """Both versions of a page cite the same set of facts."""
    found = []
    en_ids, hi_ids = {r.id for r in en.fact_refs}, {r.id for r in hi.fact_refs}
    for missing, have, page in ((en_ids - hi_ids, en, hi), (hi_ids - en_ids, hi, en)):
        for fact_id in sorted(missing):
            ref = next(r for r in have.fact_refs if r.id == fact_id)
            found.append(Finding(have.path, ref.line, ref.col, "fact-twin",
                                 f"fact '{fact_id}' is cited here but not in {page.path}",
                                 f"cite [](fact:{fact_id}) in {page.path} too, or remove it here"))
    return found


def check_twin_precision(en: SourcePage, hi: SourcePage, registry: Registry) -> list[Finding]:
    """A Hindi figure in लाख/करोड़/अरब keeps at least the significant digits of the English
    figure it translates: the k-th reference to a fact on the Hindi page against the k-th on the
    English page (an empty reference shows the registry's value, in full)."""
    found = []
    for fact_id in sorted({r.id for r in hi.fact_refs}):
        fact = registry.facts.get(fact_id)
        if fact is None or not isinstance(fact.value, Quantity):
            continue
        en_refs = [r for r in en.fact_refs if r.id == fact_id]
        hi_refs = [r for r in hi.fact_refs if r.id == fact_id]
        for en_ref, hi_ref in zip(en_refs, hi_refs):
            if not hi_ref.text.strip():
                continue
            try:
                english = parse_quantity(en_ref.text.strip() or render(fact.value, "en"), "en")
                hindi = parse_quantity(hi_ref.text, "hi")
            except ValueError_:
                continue        # fact-mismatch names what cannot be read
            problem = precision_kept(english, hindi)
            if problem:
                found.append(Finding(hi.path, hi_ref.line, hi_ref.col, "fact-precision",
                                     f"'{hi_ref.text}' drops a digit of '{en_ref.text or render(fact.value, 'en')}' "
                                     f"({en.path}:{en_ref.line}), fact '{fact_id}': {problem}",
                                     "keep the English figure's significant digits in लाख/करोड़/अरब, "
                                     f"or write [](fact:{fact_id}) to print the registry value"))
    return found


def prose_numbers(page: SourcePage) -> list[tuple[str, int, int, bool]]:
    """Numbers outside fact references and code: (number, line, col, is_part_of_a_name)."""
    if "numbers" not in page.cache:
        page.cache["numbers"] = _prose_numbers(page)
    return page.cache["numbers"]


def _prose_numbers(page: SourcePage) -> list[tuple[str, int, int, bool]]:
    text = plain_text(page)
    for ref in page.fact_refs:
        text = text[: ref.start] + " " * (ref.end - ref.start) + text[ref.end:]
    marked = {n for n, line in enumerate(page.prose.splitlines(), start=1) if "<!-- numbers-ok -->" in line}
    numbers = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number in marked:
            continue
        if number <= 1 and line.startswith("---"):
            continue
        body = LIST_MARKER_RE.sub(lambda m: " " * len(m.group(0)), line)
        for m in PROSE_NUMBER_RE.finditer(body):
            before = body[: m.start()]
            name_m = NAME_BEFORE_RE.search(before)
            is_name = bool(name_m) and name_m.group(0).strip(" \u00a0-") not in NOT_NAMES
            numbers.append((m.group(1), number, m.start() + 1, is_name))
    return numbers


def check_prose_numbers(page: SourcePage) -> list[Finding]:
    """A number in prose must come from the registry, unless it is part of a name."""
    return [Finding(page.path, line, col, "fact-bare-number",
                    f"the number {num} is not a fact reference",
                    "cite it as [text](fact:ID) (add the fact to facts/registry.yaml), or end the "
                    "line with <!-- numbers-ok --> if it is deliberate")
            for num, line, col, is_name in prose_numbers(page) if not is_name]


def check_twin_numbers(en: SourcePage, hi: SourcePage) -> list[Finding]:
    """Numbers outside references (names, marked exceptions) appear in both versions."""
    def counted(page):
        nums = prose_numbers(page)
        return Counter(n for n, *_ in nums), {n: (line, col) for n, line, col, _ in nums}
    en_count, en_at = counted(en)
    hi_count, hi_at = counted(hi)
    found = []
    for have, have_at, other, page, other_page in ((en_count, en_at, hi_count, en, hi),
                                                   (hi_count, hi_at, en_count, hi, en)):
        for num in sorted(set(have) - set(other)):
            line, col = have_at[num]
            found.append(Finding(page.path, line, col, "fact-number-parity",
                                 f"the number {num} appears here but nowhere in {other_page.path}",
                                 "write the same figure in both versions, or cite it as a fact"))
    return found


def unused_facts(pages, registry: Registry) -> list[Finding]:
    cited = {ref.id for page in pages for ref in page.fact_refs}
    return [Finding(registry.path, fact.line, 1, "fact-unused",
                    f"fact '{fact.id}' is not cited on any page",
                    "cite it or remove it", severity="warning")
            for fact in registry.facts.values() if fact.id not in cited]


def check_all(pages: dict, registry: Registry) -> list[Finding]:
    """Every fact check over a set of source pages (keyed by docs-relative path)."""
    found = []
    for page in pages.values():
        found += check_refs(page, registry)
        found += check_prose_numbers(page)
    for pair in twins(pages).values():
        if "en" in pair and "hi" in pair:
            found += check_twin_facts(pair["en"], pair["hi"])
            found += check_twin_numbers(pair["en"], pair["hi"])
            found += check_twin_precision(pair["en"], pair["hi"], registry)
    found += unused_facts(pages.values(), registry)
    return found


# ---------------------------------------------------------------- writing references out
#
# A citation mark is an empty link: `<a class="fact-cite" data-n="3" data-status="reported" ...>`.
# site.css draws it from its attributes ("[3]", "[3*]", "[3?]", "[3†]"), so its number is not
# text: it never joins the figure before it in the page's text, Material's search index or a
# copied selection. Its name for screen readers and its tooltip say "Source 3: publisher, date".
# It links to the entry of the page's own source list (hooks/page_sources.py), same numbers,
# which carries that text for the mark (data-tip).

CITE_WORDS = {
    "en": {"source": "Source", "undated": "undated", "reported": "reported, not confirmed",
           "disputed": "disputed or unconfirmed", "superseded": "the figure of its time"},
    "hi": {"source": "स्रोत", "undated": "तारीख़ नहीं दी गई", "reported": "ख़बरों के हवाले से, पुष्टि नहीं",
           "disputed": "विवादित या अपुष्ट", "superseded": "अपने समय का आँकड़ा"},
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
    """The shown text of a quote fact (hooks/quotes.py, which escapes every registry string);
    None for other facts."""
    if getattr(fact, "type", None) != "quote" and type(fact.value).__name__ != "Quote":
        return None
    return render_quote(fact, lang)


def render_refs(page: SourcePage, markdown: str, registry: Registry, sources_href: str,
                changes_href: str | None = None, inserts=None) -> str:
    """Replace each fact reference with its text and a numbered citation mark.

    `markdown` is the page body as MkDocs hands it over (front matter removed); references
    are found again in it, so offsets from the scanned file are not needed. Marks link to the
    page's own source list (`#src-N`, hooks/page_sources.py), whose entries link on to the
    Sources page (`sources_href`). A figure of its time (`{.as-of}`) that is part of a chain
    of superseded figures links its "as of" phrase to that chain on the "what changed" page
    (`changes_href`, when the build has one). With `inserts` (hooks/inserts.py) each mark is
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
