"""The leaderboard gap on "What happened after": the experimental Maverick's LMArena rank against
the public model's, drawn from the registry at build time (`<!-- lmarena-gap -->`).

One inline SVG, 340 units wide (shown at its size, never scaled up): a ladder of ranks, No. 1 at
the top, down to the first multiple of five past the public model's rank; each model's rank is a
mark on the ladder with its label beside it, and a bracket gives the distance between them. Every
number is a registry fact (lmarena-rank-experimental, lmarena-public-rank; the dates are theirs) or
computed from them (the ladder's length, its tick labels, the distance). Text is 13 units or more
(1:1 on a 375 px screen), in the text's own colour (currentColor), so both schemes read; the two
marks differ in shape (a filled bar and an outlined one), not in colour. A <title> and a <desc>
in the page's language are its text alternative; every string is escaped here.
"""
from __future__ import annotations

import html
import math

from hooks.core.findings import Finding
from hooks.facts.values import Quantity, render_date

MARKER = "<!-- lmarena-gap -->"
EXPERIMENTAL, PUBLIC = "lmarena-rank-experimental", "lmarena-public-rank"

WORDS = {
    "en": {"title": "Same name, different model: Maverick's rank on LMArena",
           "axis": "LMArena rank (No. 1 at the top)",
           "exp": ["No. {rank}: the experimental", "chat version (never released)"],
           "pub": ["About No. {rank}: the public", "Maverick, the one anyone", "can download"],
           "gap": "{gap} places apart",
           "desc": "A ladder of LMArena ranks, No. 1 at the top. The experimental chat version of "
                   "Maverick that Meta entered stood at No. {exp} (reported, {exp_when}); the public "
                   "Maverick, the model anyone can download, was around No. {pub} ({pub_when}, from a "
                   "user's post). They are {gap} places apart."},
    "hi": {"title": "नाम एक, मॉडल अलग: LMArena पर Maverick की रैंक",
           "axis": "LMArena रैंक (सबसे ऊपर नंबर 1)",
           "exp": ["नंबर {rank}: प्रयोगात्मक चैट", "संस्करण (कभी जारी नहीं हुआ)"],
           "pub": ["लगभग नंबर {rank}: सार्वजनिक", "Maverick, जिसे कोई भी", "डाउनलोड कर सकता है"],
           "gap": "{gap} पायदान का फ़ासला",
           "desc": "LMArena की रैंकों की सीढ़ी, सबसे ऊपर नंबर 1। Meta ने Maverick का जो प्रयोगात्मक चैट "
                   "संस्करण उतारा था, वह नंबर {exp} पर था (ख़बरों के मुताबिक़, {exp_when}); सार्वजनिक "
                   "Maverick, जिसे कोई भी डाउनलोड कर सकता है, लगभग नंबर {pub} पर था ({pub_when}, एक "
                   "यूज़र की पोस्ट के मुताबिक़)। दोनों में {gap} पायदान का फ़ासला है।"},
}

WIDTH, TOP, STEP, X0, BAR = 340, 44, 9, 34, 34     # ladder: x from X0, BAR wide; STEP per rank


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def ranks(registry) -> tuple[tuple[int, int] | None, list[str]]:
    """((experimental rank, public rank), problems)."""
    out, problems = [], []
    for fid in (EXPERIMENTAL, PUBLIC):
        fact = registry.facts.get(fid)
        q = fact.value if fact is not None else None
        if not isinstance(q, Quantity) or q.is_range or q.unit != "count" or q.lo != int(q.lo) or q.lo < 1:
            problems.append(f"'{fid}' must be a registry fact holding one whole rank (1 or more)")
            continue
        out.append(int(q.lo))
    if len(out) == 2 and out[0] >= out[1]:
        problems.append(f"the experimental rank ({out[0]}) is not above the public one ({out[1]}): "
                        "the chart shows a gap that is not there")
    return (out[0], out[1]) if len(out) == 2 and not problems else None, problems


def _y(rank: int) -> float:
    return TOP + (rank - 1) * STEP


def svg(registry, lang: str, prefix: str = "lmarena-gap") -> str:
    (exp, pub), _ = ranks(registry)
    w = WORDS[lang]
    last = math.ceil((pub + 1) / 5) * 5
    height = int(_y(last) + STEP + 24)
    gap = pub - exp
    when = {k: render_date(registry.facts[f].as_of, lang) for k, f in
            (("exp_when", EXPERIMENTAL), ("pub_when", PUBLIC))}
    out = [f'<svg class="diagram lmarena-gap" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
           f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="{prefix}-title {prefix}-desc" lang="{lang}">',
           f'<title id="{prefix}-title">{_esc(w["title"])}</title>',
           f'<desc id="{prefix}-desc">{_esc(w["desc"].format(exp=exp, pub=pub, gap=gap, **when))}</desc>',
           '<g fill="currentColor" font-size="13">',
           f'<text x="{X0}" y="20" font-size="14" font-weight="700">{_esc(w["axis"])}</text>']
    for rank in range(1, last + 1):          # the ladder: a rung per rank, a label every fifth
        y = _y(rank)
        out.append(f'<rect x="{X0}" y="{_n(y)}" width="{BAR}" height="{STEP - 2}" fill-opacity="0.14"/>')
        if rank == 1 or rank % 5 == 0:
            out.append(f'<text x="{X0 - 8}" y="{_n(y + STEP - 2)}" text-anchor="end">{rank}</text>')
    # the two models: a filled bar and an outlined one, each with its label beside it
    ey, py = _y(exp), _y(pub)
    out.append(f'<rect x="{X0 - 3}" y="{_n(ey - 2)}" width="{BAR + 6}" height="{STEP + 2}"/>')
    out.append(f'<rect x="{X0 - 3}" y="{_n(py - 2)}" width="{BAR + 6}" height="{STEP + 2}" fill="none" '
               'stroke="currentColor" stroke-width="2.5"/>')
    lx = X0 + BAR + 46
    bold = ' font-weight="700"'
    for n, line in enumerate(w["exp"]):
        out.append(f'<text x="{lx}" y="{_n(ey + 8 + n * 17)}"{bold if n == 0 else ""}>'
                   f'{_esc(line.format(rank=exp))}</text>')
    for n, line in enumerate(w["pub"]):
        out.append(f'<text x="{lx}" y="{_n(py + 8 - (len(w["pub"]) - 1 - n) * 17)}"'
                   f'{bold if n == 0 else ""}>{_esc(line.format(rank=pub))}</text>')
    # the bracket between them, with the distance
    bx = X0 + BAR + 14
    out.append(f'<path d="M{bx - 6} {_n(ey + 3)}H{bx}V{_n(py + 3)}H{bx - 6}" fill="none" '
               'stroke="currentColor" stroke-width="1.5"/>')
    mid = (ey + py) / 2 - 10
    out.append(f'<text x="{bx + 10}" y="{_n(mid)}" font-weight="700">{_esc(w["gap"].format(gap=gap))}</text>')
    out.append("</g></svg>")
    return "\n".join(out)


def replace_marker(markdown: str, source, registry, lang: str, inserts=None):
    """(markdown with the marker replaced by the chart, findings); nothing is drawn from facts
    that cannot be drawn, and the findings say why."""
    if MARKER not in markdown:
        return markdown, []
    if registry.unreadable:
        return markdown.replace(MARKER, ""), []
    line = source.text[:source.text.find(MARKER)].count("\n") + 1 if MARKER in source.text else 1
    pair, problems = ranks(registry)
    findings = [Finding(source.path, line, 1, "page-lmarena-gap", f"the leaderboard gap: {p}",
                        "fix the lmarena-* facts in facts/registry.yaml (hooks/site_llama4/lmarena_gap.py)")
                for p in problems]
    if pair is None:
        return markdown.replace(MARKER, ""), findings
    chart = svg(registry, lang)
    return markdown.replace(MARKER, inserts.block(chart, "leaderboard gap") if inserts is not None else chart), findings
