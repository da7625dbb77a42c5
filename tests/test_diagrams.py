"""Diagrams: inlined into pages (hooks/render/diagrams.py), a phone layout for each, the registry's figures."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.render import diagrams

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "assets" / "img"
WIDE = sorted(p for p in IMG.glob("*.svg") if ".narrow." not in p.name)
TEXT_RE = re.compile(r"<text\b([^>]*)>([^<]*)</text>")


def texts(path: Path) -> list[tuple[float, str]]:
    svg = path.read_text(encoding="utf-8")
    default = re.search(r'<g[^>]*font-size="([\d.]+)"', svg)
    out = []
    for attrs, text in TEXT_RE.findall(svg):
        size = re.search(r'font-size="([\d.]+)"', attrs) or default
        out.append((float(size.group(1)), text))
    return out


def narrow_of(path: Path) -> Path:
    return path.with_name(path.name.replace(".en.svg", ".narrow.en.svg").replace(".hi.svg", ".narrow.hi.svg"))


@pytest.mark.parametrize("wide", WIDE, ids=lambda p: p.name)
def test_every_diagram_has_a_phone_layout_with_labels_of_12_units(wide):
    narrow = narrow_of(wide)
    assert narrow.is_file(), f"{wide.name}: no phone layout {narrow.name}"
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', narrow.read_text(encoding="utf-8")).group(1))
    # shown at 1:1 or larger in the 343 px text column of a 375 px screen
    assert width <= 343, width
    small = [(size, text) for size, text in texts(narrow) if size < 12]
    assert not small, f"{narrow.name}: labels under 12 units: {small}"


@pytest.mark.parametrize("wide", WIDE, ids=lambda p: p.name)
def test_both_layouts_carry_the_same_figures(wide):
    def figures(path):
        return sorted(re.findall(r"\d+(?:\.\d+)?(?:–\d+)?", " ".join(t for _, t in texts(path))))
    assert figures(wide) == figures(narrow_of(wide))


def test_inlining_replaces_the_img_with_both_layouts_and_unique_ids(tmp_path):
    (tmp_path / "d.hi.svg").write_text(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 780 100" width="780" '
        'aria-labelledby="t"><title id="t">x</title><defs><marker id="a"/></defs>'
        '<line marker-end="url(#a)"/><text>लेबल</text></svg>', encoding="utf-8")
    (tmp_path / "d.narrow.hi.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 340 300"><marker id="a"/>'
        '<line marker-end="url(#a)"/></svg>', encoding="utf-8")
    page = '<p><img alt="चित्र &amp; ब्योरा" src="../assets/img/d.svg" /></p><p><img alt="फिर" src="../assets/img/d.svg" /></p>'
    out = diagrams.inline_diagrams(page, "hi", tmp_path)
    assert "<img" not in out
    assert out.count('class="diagram diagram--wide"') == 2 and out.count('class="diagram diagram--narrow"') == 2
    assert 'aria-label="चित्र &amp; ब्योरा"' in out and "aria-labelledby" not in out
    assert 'width="780"' in out and 'width="340"' in out and "style=" not in out
    ids = re.findall(r'\bid="([^"]+)"', out)
    assert len(ids) == len(set(ids)) == 6, ids
    for ref in re.findall(r"url\(#([^)]+)\)", out):
        assert ref in ids
    # an image that is not a diagram of ours stays as it is
    other = '<img alt="x" src="../assets/img/missing.svg" />'
    assert diagrams.inline_diagrams(other, "hi", tmp_path) == other
