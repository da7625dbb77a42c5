"""The timeline: its rows, in date order, read from the page text and the facts they cite.

A timeline row is a table row whose first cell cites a date fact (`[](fact:ID)`). Rows are
read in page order across every table on the page (the eras are h2 sections, each with its
own table), and each row's date must not come before the date of the row above it.

Dates may be partial (1991, 2024-08): a row is out of order only when it certainly comes
before the row above it, i.e. when the latest day its date can mean is before the earliest
day the row above can mean.

A key moment is a row whose second cell carries KEY_CLASS (`<span class="key-moment">`);
its first cell carries the row's anchor (`<span id="...">`) and its second cell a short
bold title (`**...**`), which the home page's strip of key moments shows
(hooks/render/timeline_strip.py).

Rules: `page-timeline-order` (a row dated before the row above it), `page-timeline-date` (a row whose
first cell cites no date fact, or a fact that is not a date), `page-timeline-key` (a key
moment without its anchor or its title).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.core.findings import Finding
from hooks.facts.values import Date

PAGE = "timeline.md"            # twin key of the timeline pages
KEY_CLASS = "key-moment"
ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
SEPARATOR_RE = re.compile(r"^[\s|:-]+$")
FACT_IN_CELL_RE = re.compile(r"\]\(fact:([^)\s]*)\)")
ANCHOR_RE = re.compile(r"<span\s+id=\"([^\"]+)\"\s*>\s*</span>")
KEY_RE = re.compile(r"<span\s+class=\"" + KEY_CLASS + r"\"")
TITLE_RE = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Row:
    line: int
    fact_id: str | None
    anchor: str | None
    key: bool
    title: str | None
    text: str               # the "what happened" cell as written


def _cells(line: str) -> list[str] | None:
    m = ROW_RE.match(line)
    if not m:
        return None
    # A pipe inside a cell would be escaped (\|); the timeline has none, so split plainly.
    return [c.strip() for c in re.split(r"(?<!\\)\|", m.group(1))]


def rows(page) -> list[Row]:
    """The timeline rows of a page, in page order (header and separator rows skipped)."""
    found = []
    lines = page.prose.split("\n")
    previous_was_table = False
    for number, line in enumerate(lines, start=1):
        cells = _cells(line)
        if cells is None:
            previous_was_table = False
            continue
        header = not previous_was_table
        previous_was_table = True
        if header or SEPARATOR_RE.match(line):
            continue
        first = cells[0]
        second = cells[1] if len(cells) > 1 else ""
        fact = FACT_IN_CELL_RE.search(first)
        anchor = ANCHOR_RE.search(first)
        title = TITLE_RE.search(second)
        found.append(Row(number, fact.group(1) if fact else None,
                         anchor.group(1) if anchor else None, bool(KEY_RE.search(second)),
                         title.group(1).strip() if title else None, second))
    return found


def span(d: Date) -> tuple[tuple, tuple]:
    """The earliest and latest (year, month, day) a possibly partial date can mean."""
    if d.month is None:
        return (d.year, 1, 1), (d.year, 12, 31)
    if d.day is None:
        return (d.year, d.month, 1), (d.year, d.month, 31)
    return (d.year, d.month, d.day), (d.year, d.month, d.day)


def check_page(page, registry) -> list[Finding]:
    """Every timeline row cites a date fact, and no row is dated before the row above it."""
    findings = []
    before = None   # (row, earliest) of the row above
    for row in rows(page):
        fact = registry.facts.get(row.fact_id) if row.fact_id else None
        if fact is None or not isinstance(fact.value, Date):
            if row.fact_id is None:
                message = "this timeline row's first cell cites no date fact"
            elif row.fact_id in registry.facts:
                message = f"this timeline row's first cell cites '{row.fact_id}', which is not a date"
            else:
                # An unknown id is already reported by the fact check (fact-unknown).
                continue
            findings.append(Finding(page.path, row.line, 1, "page-timeline-date", message,
                                    "start the row with [](fact:ID) of the event's date"))
            continue
        earliest, latest = span(fact.value)
        if before is not None and latest < before[1]:
            above = before[0]
            findings.append(Finding(
                page.path, row.line, 1, "page-timeline-order",
                f"'{row.fact_id}' ({fact.value.iso()}) comes before the row above it "
                f"(line {above.line}, '{above.fact_id}', {registry.facts[above.fact_id].value.iso()})",
                "move the row up so that the timeline stays in date order"))
        if before is None or earliest >= before[1]:
            before = (row, earliest)
        if row.key and (row.anchor is None or row.title is None):
            findings.append(Finding(
                page.path, row.line, 1, "page-timeline-key",
                "a key moment needs an anchor in its date cell and a bold title in its text",
                'write <span id="..."></span> before the date and **a short title** first'))
    return findings


def check_all(pages, registry) -> list[Finding]:
    """The date-order check over every language's timeline page."""
    if registry.unreadable:
        return []
    found = []
    for page in pages.values():
        if page.twin_key == PAGE:
            found += check_page(page, registry)
    return found
