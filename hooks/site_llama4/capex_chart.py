"""The race page's chart of Meta's capital expenditure, drawn from the registry at build time.

The page holds `<!-- capex-chart -->` (inside its <figure>); the build puts there two inline
SVGs in the page's language, a wide layout and a phone layout (site.css shows one of them, as for
the other diagrams), each with a title and a text alternative (<desc>) that lists every figure.

What is drawn, and how it is read from the registry:
- every fact whose id is `meta-capex-<year>-...` and whose value is in US dollars;
- a figure whose `as_of` is the last day of its year is the year's actual amount; any other is an
  outlook given that day (a range is drawn low to high);
- a year's outlooks follow their `superseded_by` chain, first to latest; the last of the newest
  chain that nothing supersedes is marked as the latest outlook.
So the next outlook is one new registry entry (with `superseded_by` set on the one it replaces).

Colours come from the page (site.css: the theme's primary colour and currentColor), so the chart
reads in the light and the dark scheme; the phone layout is 340 units wide with no label under
13 units, shown at 1:1 or larger on a 375 px screen. Every text is escaped here.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from hooks.core.findings import Finding
from hooks.facts.values import Date, Quantity, render_date, render_quantity

MARKER = "<!-- capex-chart -->"
ID_RE = re.compile(r"^meta-capex-(\d{4})-")
BILLION = Decimal(10) ** 9

WORDS = {
    "en": {"title": "Meta's capital expenditure: each year's actual amount, and its outlook as "
                    "Meta revised it",
           "actual": "actual", "outlook": "outlook (low to high)", "unit": "billion US dollars",
           "row_actual": "{year} actual", "row_first": "{year} outlook, {when}",
           "row_revised": "revised, {when}", "latest": "latest"},
    "hi": {"title": "Meta का पूंजीगत व्यय: हर साल का असल ख़र्च, और उस साल का अनुमान, जैसे-जैसे "
                    "Meta ने उसे बदला",
           "actual": "असल ख़र्च", "outlook": "अनुमान (कम से ज़्यादा)", "unit": "अरब डॉलर",
           "row_actual": "{year} का असल ख़र्च", "row_first": "{year} का अनुमान, {when}",
           "row_revised": "बढ़ाकर, {when}", "latest": "सबसे नया"},
}


@dataclass
class Row:
    year: int
    fact: object
    actual: bool
    first: bool = False      # the first outlook of its year
    latest: bool = False     # the newest outlook nothing has superseded


def _last_day(d: Date, year: int) -> bool:
    return (d.year, d.month, d.day) == (year, 12, 31)


def _key(d: Date) -> tuple:
    return (d.year, d.month or 0, d.day or 0)


def rows(registry) -> tuple[list[Row], list[str]]:
    """The chart's rows, oldest year first, and what is wrong with the facts (as sentences)."""
    problems: list[str] = []
    by_year: dict[int, list] = {}
    for fact in registry.facts.values():
        m = ID_RE.match(fact.id)
        if m and isinstance(fact.value, Quantity) and fact.value.unit == "USD":
            by_year.setdefault(int(m.group(1)), []).append(fact)
    out: list[Row] = []
    for year in sorted(by_year):
        facts = by_year[year]
        ids = {f.id for f in facts}
        actual = [f for f in facts if _last_day(f.as_of, year)]
        outlooks = [f for f in facts if not _last_day(f.as_of, year)]
        # the outlooks in their chain's order: from the one no outlook of the year supersedes
        later = {f.superseded_by for f in outlooks if f.superseded_by in ids}
        starts = [f for f in outlooks if f.id not in later]
        ordered: list = []
        for start in sorted(starts, key=lambda f: _key(f.as_of)):
            fact = start
            while fact is not None and fact not in ordered:
                ordered.append(fact)
                nxt = registry.facts.get(fact.superseded_by) if fact.superseded_by else None
                fact = nxt if nxt in outlooks else None
        if len(starts) > 1:
            problems.append(f"the {year} outlooks are not one chain: {', '.join(f.id for f in starts)} "
                            "each start one (set superseded_by on the earlier figure)")
        for a, b in zip(ordered, ordered[1:]):
            if _key(b.as_of) < _key(a.as_of):
                problems.append(f"'{b.id}' supersedes '{a.id}' but is dated before it (as_of)")
        if len(actual) > 1:
            problems.append(f"{year} has more than one actual amount: {', '.join(f.id for f in actual)}")
        for n, fact in enumerate(ordered):
            out.append(Row(year, fact, False, first=n == 0))
        out += [Row(year, fact, True) for fact in actual]
    current = [r for r in out if not r.actual and r.fact.status != "superseded" and not r.fact.superseded_by]
    if current:     # the newest outlook still standing (by the day it was given, then its year)
        max(current, key=lambda r: (_key(r.fact.as_of), r.year)).latest = True
    if not out:
        problems.append("the registry holds no meta-capex-<year>-... facts in US dollars")
    return out, problems


# ---------------------------------------------------------------- drawing

def _when(d: Date, lang: str) -> str:
    return render_date(d, lang, month_only="short")


def _label(row: Row, lang: str) -> str:
    w = WORDS[lang]
    if row.actual:
        return w["row_actual"].format(year=row.year)
    key = "row_first" if row.first else "row_revised"
    text = w[key].format(year=row.year, when=_when(row.fact.as_of, lang))
    return f"{text} ({w['latest']})" if row.latest else text


def _billions(number: Decimal) -> str:
    text = format((number / BILLION).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figure(row: Row) -> str:
    q = row.fact.value
    return f"{_billions(q.lo)}-{_billions(q.hi)}" if q.is_range else _billions(q.lo)


def _axis(rows_: list[Row]) -> tuple[Decimal, Decimal]:
    """(axis maximum, tick step) in billions: 3 to 6 ticks of a round step."""
    top = max((r.fact.value.hi if r.fact.value.is_range else r.fact.value.lo) for r in rows_) / BILLION
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        ticks = math.ceil(top / step)
        if ticks <= 5:
            return Decimal(max(ticks, 1) * step), Decimal(step)
    return Decimal(math.ceil(top)), Decimal(math.ceil(top))


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _bars(row: Row, x0: float, y: float, h: float, scale: float, out: list) -> float:
    """The bar(s) of a row; returns where the bar ends."""
    q = row.fact.value
    lo = float(q.lo / BILLION) * scale
    latest = ' capex-latest' if row.latest else ''
    if not q.is_range:
        out.append(f'<rect class="capex-actual{latest}" x="{_n(x0)}" y="{_n(y)}" width="{_n(lo)}" '
                   f'height="{_n(h)}" fill="#4527a0"/>')
        return x0 + lo
    hi = float(q.hi / BILLION) * scale
    out.append(f'<rect class="capex-low" x="{_n(x0)}" y="{_n(y)}" width="{_n(lo)}" height="{_n(h)}" '
               f'fill="#d1c4e9"/>')
    out.append(f'<rect class="capex-high{latest}" x="{_n(x0 + lo)}" y="{_n(y)}" width="{_n(max(hi - lo, 1.5))}" '
               f'height="{_n(h)}" fill="#7e57c2"/>')
    return x0 + max(hi, lo + 1.5)


def _value_text(row: Row, lang: str) -> str:
    return _figure(row)


def _desc(rows_: list[Row], lang: str) -> str:
    """The text alternative: every figure, as the page writes it."""
    parts = [f"{_label(r, lang)}: {render_quantity(r.fact.value, lang)}" for r in rows_]
    return "; ".join(parts) + ("।" if lang == "hi" else ".")


def _open(cls: str, width: int, height: int, prefix: str, lang: str, rows_: list[Row]) -> list[str]:
    w = WORDS[lang]
    return [f'<svg class="diagram {cls} capex-chart" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
            f'lang="{lang}">',
            f'<title id="{prefix}-title">{_esc(w["title"])}</title>',
            f'<desc id="{prefix}-desc">{_esc(_desc(rows_, lang))}</desc>',
            '<g fill="currentColor" font-size="14">']


def _legend(x: float, y: float, lang: str, out: list, stacked: bool) -> None:
    w = WORDS[lang]
    out.append(f'<rect class="capex-actual" x="{_n(x)}" y="{_n(y)}" width="14" height="14" fill="#4527a0"/>')
    out.append(f'<text x="{_n(x + 20)}" y="{_n(y + 12)}" font-size="13">{_esc(w["actual"])}</text>')
    x2, y2 = (x, y + 22) if stacked else (x + 150, y)
    out.append(f'<rect class="capex-low" x="{_n(x2)}" y="{_n(y2)}" width="10" height="14" fill="#d1c4e9"/>')
    out.append(f'<rect class="capex-high" x="{_n(x2 + 10)}" y="{_n(y2)}" width="8" height="14" fill="#7e57c2"/>')
    out.append(f'<text x="{_n(x2 + 24)}" y="{_n(y2 + 12)}" font-size="13">{_esc(w["outlook"])}</text>')


def _grid(x0: float, scale: float, top: float, bottom: float, axis: Decimal, step: Decimal,
          lang: str, out: list, first_anchor: str) -> None:
    tick = Decimal(0)
    while tick <= axis:
        x = x0 + float(tick) * scale
        anchor = first_anchor if tick == 0 else "middle"
        out.append(f'<line class="capex-grid" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" '
                   'stroke="#9e9e9e" stroke-opacity="0.5" stroke-width="1"/>')
        out.append(f'<text x="{_n(x)}" y="{_n(bottom + 16)}" text-anchor="{anchor}" font-size="13">'
                   f'{_esc(tick)}</text>')
        tick += step
    out.append(f'<text x="{_n(x0 + float(axis) * scale / 2)}" y="{_n(bottom + 36)}" text-anchor="middle" '
               f'font-size="13">{_esc(WORDS[lang]["unit"])}</text>')


def _separator(y: float, x1: float, x2: float, out: list) -> None:
    out.append(f'<line class="capex-rule" x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(x2)}" y2="{_n(y)}" '
               'stroke="#9e9e9e" stroke-width="1" stroke-dasharray="3 3"/>')


def wide_svg(rows_: list[Row], lang: str, prefix: str = "capex-w") -> str:
    """The wide layout: labels left of the bars, one row per figure (780 units wide)."""
    width, x0, bar_end, row_h, bar_h, top = 780, 250, 620, 38, 22, 50
    axis, step = _axis(rows_)
    scale = (bar_end - x0) / float(axis)
    bottom = top + len(rows_) * row_h + 6
    height = int(bottom + 46)
    out = _open("diagram--wide", width, height, prefix, lang, rows_)
    _legend(x0, 14, lang, out, stacked=False)
    _grid(x0, scale, top, bottom, axis, step, lang, out, "middle")
    y = top + 6
    for n, row in enumerate(rows_):
        if n and row.year != rows_[n - 1].year:
            _separator(y - (row_h - bar_h) / 2, 12, width - 12, out)
        out.append(f'<text x="{x0 - 10}" y="{_n(y + 16)}" text-anchor="end">{_esc(_label(row, lang))}</text>')
        end = _bars(row, x0, y, bar_h, scale, out)
        out.append(f'<text x="{_n(end + 6)}" y="{_n(y + 16)}" font-size="13">{_esc(_value_text(row, lang))}</text>')
        y += row_h
    out.append("</g></svg>")
    return "\n".join(out)


def narrow_svg(rows_: list[Row], lang: str, prefix: str = "capex-n") -> str:
    """The phone layout: each label above its bar (340 units wide, labels of 13 units)."""
    width, x0, bar_end, row_h, bar_h, top = 340, 10, 250, 44, 16, 62
    axis, step = _axis(rows_)
    scale = (bar_end - x0) / float(axis)
    bottom = top + len(rows_) * row_h + 4
    height = int(bottom + 46)
    out = _open("diagram--narrow", width, height, prefix, lang, rows_)
    _legend(x0, 8, lang, out, stacked=True)
    _grid(x0, scale, top, bottom, axis, step, lang, out, "start")
    y = top
    for n, row in enumerate(rows_):
        if n and row.year != rows_[n - 1].year:
            _separator(y, 4, width - 4, out)
        out.append(f'<text x="{x0}" y="{_n(y + 17)}" font-size="13">{_esc(_label(row, lang))}</text>')
        end = _bars(row, x0, y + 23, bar_h, scale, out)
        out.append(f'<text x="{_n(end + 6)}" y="{_n(y + 36)}" font-size="13">{_esc(_value_text(row, lang))}</text>')
        y += row_h
    out.append("</g></svg>")
    return "\n".join(out)


def chart_html(registry, lang: str) -> str:
    """Both layouts, in `lang`, as one HTML fragment."""
    rows_, _ = rows(registry)
    return wide_svg(rows_, lang) + "\n" + narrow_svg(rows_, lang)


def replace_marker(markdown: str, source, registry, lang: str, inserts=None):
    """(markdown with the marker replaced by the chart, findings). With `inserts` the chart is
    held back from Markdown as a token (hooks/core/inserts.py)."""
    if MARKER not in markdown:
        return markdown, []
    line = source.text[:source.text.find(MARKER)].count("\n") + 1 if MARKER in source.text else 1
    if registry.unreadable:
        return markdown.replace(MARKER, ""), []
    rows_, problems = rows(registry)
    findings = [Finding(source.path, line, 1, "page-capex-chart", f"the spending chart: {p}",
                        "fix the meta-capex-* facts in facts/registry.yaml (hooks/site_llama4/capex_chart.py)")
                for p in problems]
    if not rows_:
        return markdown.replace(MARKER, ""), findings
    chart = wide_svg(rows_, lang) + "\n" + narrow_svg(rows_, lang)
    return markdown.replace(MARKER, inserts.block(chart, "capex chart") if inserts is not None else chart), findings
