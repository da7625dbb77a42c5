"""Fact references in pages, checked against the registry.

`[text](fact:ID)` cites a fact. With empty text the value is written in the page's
language (hooks/render/citations.py); with text, the text is read and must agree with the registry.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter

from hooks.core.findings import Finding
from hooks.core.htmltok import tokens
from hooks.core.mdscan import LINK_RE, REF_DEF_RE, SourcePage, plain_text, twins
from hooks.facts.registry import Registry
from hooks.facts.values import Quantity, ValueError_, render
from hooks.facts.written import check_written, parse_quantity, precision_kept

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


# An attribute list (attr_list), as hooks/checks/content_check.py reads one.
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*)\}")
# A reference-style link or image: [text][label], [text] [label] or [text][] (the label is the
# text); its text may hold balanced brackets one level deep, as a fact reference's [] does.
REF_LINK_RE = re.compile(r"(?P<img>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\][ ]?\[(?P<label>[^\[\]\n]*)\]")


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def check_ref_places(page: SourcePage) -> list[Finding]:
    """A fact reference becomes its text and a citation mark, which is a link (`<a
    class="fact-cite">`). Where a link cannot stand the mark breaks the page or is lost:

    - inside an HTML tag (`<span title="... [](fact:x)">`) or an attribute list
      (`## X {: title="[](fact:x)" }`): the mark is written into the attribute, whose quote it
      ends, and the rest of the tag shows as text (fact-mark-lost);
    - in an image's text (`![... [](fact:x)](img.png)`): the alt attribute keeps no HTML
      (fact-mark-lost);
    - in a link's text (`[see [](fact:x)](https://...)`, `[see [](fact:x)][label]`,
      `<a href=...>see [](fact:x)</a>`): a link inside a link, which a browser splits
      (fact-mark-in-link).

    Read from the page's prose (code and comments blanked), with the tokenizer the other source
    checks use, so a reference in code is not one."""
    refs = page.fact_refs
    if not refs:
        return []
    prose = page.prose
    tags = [t for t in tokens(prose) if t.closed] if "<" in prose else []
    starts = [t.start for t in tags]
    anchors, open_at = [], None        # (start, end) of the text of each <a ...>...</a>
    for tag in tags:
        if tag.name == "a" and not tag.closing and open_at is None:
            open_at = tag.end
        elif tag.name == "a" and tag.closing and open_at is not None:
            anchors.append((open_at, tag.start))
            open_at = None
    if open_at is not None:
        anchors.append((open_at, len(prose)))
    defined = {_label(m.group("label")) for m in REF_DEF_RE.finditer(prose)}
    texts = []                         # (start, end, is_image) of each link's or image's text
    for m in LINK_RE.finditer(prose):
        if not m.group("target").strip("<>").startswith("fact:"):
            texts.append((m.start("text"), m.end("text"), bool(m.group("img"))))
    for m in REF_LINK_RE.finditer(prose):
        if _label(m.group("label") or m.group("text")) in defined:
            texts.append((m.start("text"), m.end("text"), bool(m.group("img"))))
    # attribute lists as the content check reads them: {: key="value" } with an = in it
    attr_lists = [(m.start(), m.end()) for m in ATTR_LIST_RE.finditer(prose) if "=" in m.group("body")]
    found = []
    for ref in refs:
        where = f"the fact reference [{ref.text}](fact:{ref.id})"
        if any(a < ref.start < b for a, b in attr_lists):
            found.append(Finding(page.path, ref.line, ref.col, "fact-mark-lost",
                                 f"{where} is inside an attribute list ({{: ... }}): its citation "
                                 "mark, a link, would be written into the attribute and break the tag",
                                 "move the reference out of the attribute list, into the running text"))
            continue
        k = bisect.bisect_right(starts, ref.start) - 1
        if k >= 0 and ref.start < tags[k].end:
            found.append(Finding(page.path, ref.line, ref.col, "fact-mark-lost",
                                 f"{where} is inside the HTML tag <{tags[k].name}> (an attribute): its "
                                 "citation mark, a link, would be written into the tag and break it",
                                 "move the reference out of the tag, into the running text"))
            continue
        inside = [img for a, b, img in texts if a <= ref.start < b]
        if any(inside):
            found.append(Finding(page.path, ref.line, ref.col, "fact-mark-lost",
                                 f"{where} is in an image's text, which keeps no HTML: its citation "
                                 "mark cannot be shown", "move the reference into the running text"))
        elif inside or any(a <= ref.start < b for a, b in anchors):
            found.append(Finding(page.path, ref.line, ref.col, "fact-mark-in-link",
                                 f"{where} is in a link's text: its citation mark is a link too, and "
                                 "a link inside a link is split by the browser",
                                 "put the reference before or after the link"))
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
        found += check_ref_places(page)
        found += check_prose_numbers(page)
    for pair in twins(pages).values():
        if "en" in pair and "hi" in pair:
            found += check_twin_facts(pair["en"], pair["hi"])
            found += check_twin_numbers(pair["en"], pair["hi"])
            found += check_twin_precision(pair["en"], pair["hi"], registry)
    found += unused_facts(pages.values(), registry)
    return found
