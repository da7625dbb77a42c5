"""A Hindi figure in लाख/करोड़/अरब keeps at least the significant digits of the English figure
it translates (issue 22: the race page gave 30.84 million GPU-hours as 3.08 करोड़, and the
agreement check let the dropped digit pass, since 3.08 करोड़ rounds the registry's value)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from fixture_sites import ROOT
from hooks.checks import run as checks, facts_check
from hooks.core.mdscan import parse, read_pages
from hooks.facts.values import Quantity, render
from hooks.facts.written import check_written, parse_quantity, precision_kept, significant_digits


@pytest.mark.parametrize("number,digits", [
    ("30.84", 4), ("3.08", 3), ("3.084", 4), ("30.80", 4), ("700", 1), ("128000", 3),
    ("0.05", 1), ("1", 1), ("2.788", 4), ("27.88", 4), ("1417", 4), ("0", 1)])
def test_significant_digits(number, digits):
    assert significant_digits(Decimal(number)) == digits


def kept(en: str, hi: str):
    return precision_kept(parse_quantity(en, "en"), parse_quantity(hi, "hi"))


def test_the_race_page_slip_fires_and_its_fix_passes():
    problem = kept("30.84 million", "3.08 करोड़")
    assert problem and "3 significant digits of the English figure's 4" in problem and "write 3.084" in problem
    assert kept("30.84 million", "3.084 करोड़") is None
    # What let it through: the figure agrees with the registry once rounded to its own decimals.
    assert check_written(Quantity(Decimal("30.84e6")), "3.08 करोड़", "hi") is None


@pytest.mark.parametrize("en,hi", [
    ("5.6 million", "56 लाख"), ("2.788 million", "27.88 लाख"), ("700 million", "70 करोड़"),
    ("128,000", "1.28 लाख"), ("1.3 million", "13 लाख"), ("$72.22 billion", "72.22 अरब डॉलर"),
    ("$125-145 billion", "125-145 अरब डॉलर"), ("more than 100,000", "1 लाख से ज़्यादा"),
    ("$5.6 million", "56.0 लाख डॉलर")])
def test_kept(en, hi):
    assert kept(en, hi) is None


@pytest.mark.parametrize("en,hi", [
    ("2.788 million", "27.9 लाख"), ("$72.22 billion", "72.2 अरब डॉलर"), ("128,000", "1.3 लाख"),
    ("$130-145.5 billion", "130-146 अरब डॉलर"), ("$1.25 trillion", "1.2 लाख करोड़ डॉलर")])
def test_dropped(en, hi):
    assert kept(en, hi)


def test_only_the_indian_scales():
    """हज़ार and plain numbers are written in the same steps as the English: not this rule's."""
    assert kept("50,500", "50 हज़ार") is None
    assert kept("2,048", "2,000") is None


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=3),
       st.sampled_from(["million", "billion", None]))
def test_the_registry_value_as_printed_keeps_its_digits(digits, places, scale):
    """What `[](fact:ID)` prints in each language never trips the rule."""
    value = Decimal(digits).scaleb(-places) * (Decimal(10) ** {"million": 6, "billion": 9, None: 0}[scale])
    q = Quantity(value, scale=scale)
    assert kept(render(q, "en"), render(q, "hi")) is None


def _pair(text_hi=None):
    pages = read_pages(ROOT / "docs", ROOT)
    if text_hi is not None:
        pages["race.hi.md"] = parse(text_hi, "race.hi.md", "docs/race.hi.md")
    project, _ = checks.load_project(ROOT)
    return facts_check.check_twin_precision(pages["race.md"], pages["race.hi.md"], project.registry)


def test_real_site_keeps_every_digit_and_the_old_slip_is_caught():
    assert _pair() == []
    text = (ROOT / "docs" / "race.hi.md").read_text(encoding="utf-8")
    assert "[3.084 करोड़](fact:llama3-1-405b-gpu-hours)" in text
    hit, = _pair(text.replace("[3.084 करोड़]", "[3.08 करोड़]"))
    assert hit.rule == "fact-precision" and hit.path == "docs/race.hi.md"
    assert hit.line == text[:text.index("[3.084 करोड़]")].count("\n") + 1
    assert "docs/race.md:" in hit.message and "llama3-1-405b-gpu-hours" in hit.message


def test_fixture_site_fails_on_a_dropped_digit(fixture_site):
    result, _ = fixture_site("facts-precision-hi")
    assert result.returncode != 0
    lines = [l for l in result.output.splitlines() if ": fact-precision: " in l]
    assert any("docs/index.hi.md:6:" in l and "72.2 अरब डॉलर" in l and "write 72.22" in l for l in lines), result.output
    assert "Traceback" not in result.output
