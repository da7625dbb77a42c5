"""Diagrams inlined into the page, so that their text uses the page's own (self-hosted) fonts.

An SVG loaded through <img> cannot use the page's web fonts: on a system without a Devanagari
font every Hindi label was a row of boxes. At build time each `<img src=".../assets/img/X.svg">`
becomes the SVG itself (docs/assets/img/X.<lang>.svg), followed by its phone layout
(X.narrow.<lang>.svg) when there is one; CSS shows one of the two (site.css, "Diagrams").
The Markdown alt text stays the accessible name. Ids inside each SVG get a per-diagram prefix,
so that several diagrams (and both layouts) on one page never share an id.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

IMG_RE = re.compile(r'<img alt="(?P<alt>[^"]*)" src="(?P<src>[^"]*?assets/img/(?P<name>[\w-]+)\.svg)" ?/?>')
SVG_OPEN_RE = re.compile(r"<svg\b[^>]*>")
ID_RE = re.compile(r'\bid="([^"]+)"')


def _svg_file(img_dir: Path, name: str, lang: str, variant: str = "") -> Path | None:
    for candidate in (f"{name}{variant}.{lang}.svg", f"{name}{variant}.en.svg", f"{name}{variant}.svg"):
        path = img_dir / candidate
        if path.is_file():
            return path
    return None


def inline_svg(svg: str, prefix: str, label: str, css_class: str) -> str:
    """The SVG text ready to sit in a page: ids prefixed, named by `label`, sized by CSS."""
    svg = svg[svg.index("<svg"):].strip()
    ids = ID_RE.findall(svg)
    for old in sorted(set(ids), key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = re.sub(rf'\bid="{re.escape(old)}"', f'id="{new}"', svg)
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
    opening = SVG_OPEN_RE.match(svg).group(0)
    width = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ', opening)
    attrs = re.sub(r'\s(?:width|height|aria-labelledby|role|class)="[^"]*"', "", opening[4:-1])
    # its drawn width as the width attribute, which CSS caps at the column (max-width: 100%):
    # not a style attribute, which the Content-Security-Policy would have to allow by hash
    size = f' width="{width.group(1)}"' if width else ""
    new_open = (f'<svg class="{css_class}" role="img" aria-label="{html_lib.escape(label, quote=True)}"'
                f'{size}{attrs}>')
    return new_open + svg[len(opening):]


def inline_diagrams(html: str, lang: str, img_dir: Path) -> str:
    """Replace every <img> of an SVG in docs/assets/img with the inline SVG(s) of `lang`."""
    counter = [0]

    def replace(m: re.Match) -> str:
        name = m.group("name")
        wide = _svg_file(img_dir, name, lang)
        if wide is None:
            return m.group(0)
        counter[0] += 1
        label = html_lib.unescape(m.group("alt"))
        prefix = f"dg{counter[0]}"
        narrow = _svg_file(img_dir, name, lang, ".narrow")
        wide_class = "diagram diagram--wide" if narrow else "diagram"
        out = inline_svg(wide.read_text(encoding="utf-8"), prefix + "w", label, wide_class)
        if narrow is not None:
            out += inline_svg(narrow.read_text(encoding="utf-8"), prefix + "n", label, "diagram diagram--narrow")
        return out

    return IMG_RE.sub(replace, html)
