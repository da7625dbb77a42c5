"""Writing and reading values in English and Hindi."""
from decimal import Decimal

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from hooks.facts.values import Date, Quantity, group_digits, render, ValueError_
from hooks.facts.written import check_written, parse_date, parse_quantity

B = Decimal(10) ** 9
M = Decimal(10) ** 6


@pytest.mark.parametrize("value,en,hi", [
    (Quantity(60 * B, 65 * B, "USD", "billion"), "$60-65 billion", "60-65 अरब डॉलर"),
    (Quantity(Decimal("72.22") * B, None, "USD", "billion"), "$72.22 billion", "72.22 अरब डॉलर"),
    (Quantity(300 * M, None, "USD", "million"), "$300 million", "30 करोड़ डॉलर"),
    (Quantity(Decimal("5.576") * M, None, "USD", "million"), "$5.576 million", "55.76 लाख डॉलर"),
    (Quantity(17 * B), "17 billion", "17 अरब"),
    (Quantity(2 * 10**12 * Decimal(1)), "2 trillion", "2 ट्रिलियन"),
    (Quantity(Decimal(10**7)), "10 million", "1 करोड़"),
    (Quantity(Decimal(128000)), "128,000", "1.28 लाख"),
    (Quantity(Decimal(1999)), "1,999", "1,999"),
    (Quantity(Decimal(16)), "16", "16"),
    (Quantity(Decimal(17), None, "percent"), "17%", "17 प्रतिशत"),
    (Date(2025, 4, 5), "5 April 2025", "5 अप्रैल 2025"),
    (Date(2025, 2), "February 2025", "फ़रवरी 2025"),
    (Date(1991), "1991", "1991"),
])
def test_render(value, en, hi):
    assert render(value, "en") == en
    assert render(value, "hi") == hi


@pytest.mark.parametrize("text,lang", [
    ("$60-65 billion", "en"), ("$60–65 billion", "en"), ("60-65 अरब डॉलर", "hi"),
    ("up to $65 billion", "en"), ("about 60 billion dollars", "en"), ("65 अरब डॉलर तक", "hi"),
])
def test_range_written_forms_match(text, lang):
    assert check_written(Quantity(60 * B, 65 * B, "USD", "billion"), text, lang) is None


@pytest.mark.parametrize("text,lang,problem", [
    ("$70 billion", "en", "disagrees"),
    ("60-66 अरब डॉलर", "hi", "disagrees"),
    ("65 करोड़ डॉलर", "hi", "disagrees"),
    ("65%", "en", "percent"),
    ("$60 billion and $65 billion", "en", "more than one number"),
    ("a lot", "en", "no number"),
])
def test_range_written_forms_that_disagree(text, lang, problem):
    found = check_written(Quantity(60 * B, 65 * B, "USD", "billion"), text, lang)
    assert found and problem in found


@pytest.mark.parametrize("text,lang", [
    ("17B", "en"), ("17 billion", "en"), ("17 अरब", "hi"), ("17B", "hi"), ("17.0 billion", "en"),
])
def test_short_forms_and_scales(text, lang):
    assert check_written(Quantity(17 * B), text, lang) is None


def test_rounding_follows_the_written_precision():
    fact = Quantity(Decimal("5.576") * M, None, "USD", "million")
    assert check_written(fact, "$5.6 million", "en") is None
    assert check_written(fact, "$6 million", "en") is None
    assert check_written(fact, "$5.5 million", "en") is not None
    assert check_written(fact, "55.76 लाख डॉलर", "hi") is None


@pytest.mark.parametrize("text,lang,date", [
    ("5 April 2025", "en", Date(2025, 4, 5)), ("Saturday 5 April 2025", "en", Date(2025, 4, 5)),
    ("April 5, 2025", "en", Date(2025, 4, 5)), ("Apr 2025", "en", Date(2025, 4)),
    ("5 अप्रैल 2025", "hi", Date(2025, 4, 5)), ("अप्रैल 2025 में", "hi", Date(2025, 4)),
    ("in 1991", "en", Date(1991)), ("फ़रवरी 2023", "hi", Date(2023, 2)),
])
def test_parse_date(text, lang, date):
    assert parse_date(text, lang) == date


def test_date_precision():
    fact = Date(2025, 4, 5)
    assert check_written(fact, "April 2025", "en") is None
    assert check_written(fact, "2025", "en") is None
    assert "day" in check_written(fact, "6 April 2025", "en")
    assert "month" in check_written(fact, "मई 2025", "hi")


def test_indian_grouping():
    assert group_digits("6500000000", "hi") == "6,50,00,00,000"
    assert group_digits("6500000000", "en") == "6,500,000,000"


def test_parse_errors_are_clear():
    with pytest.raises(ValueError_, match="no number"):
        parse_quantity("nothing here", "en")


# ------------------------------------------------------------ property: render then parse

digits = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999"), places=2,
                     allow_nan=False, allow_infinity=False)
scales = st.sampled_from([None, "million", "billion", "trillion"])
units = st.sampled_from(["count", "USD", "percent"])


@st.composite
def quantities(draw):
    scale = draw(scales)
    factor = {None: Decimal(1), "million": M, "billion": B, "trillion": Decimal(10) ** 12}[scale]
    lo = draw(digits) * factor
    if draw(st.booleans()):
        hi = lo + draw(digits) * factor
        return Quantity(lo, hi, draw(units), scale)
    return Quantity(lo, None, draw(units), scale)


@given(quantities(), st.sampled_from(["en", "hi"]))
def test_render_then_parse_gives_the_value_back(q, lang):
    text = render(q, lang)
    assert check_written(q, text, lang) is None, text
    written = parse_quantity(text, lang)
    assert written.lo * written.scale == q.lo
    if q.is_range:
        assert written.hi * written.scale == q.hi


@given(st.dates(), st.sampled_from(["day", "month", "year"]), st.sampled_from(["en", "hi"]))
def test_dates_round_trip(day, precision, lang):
    date = Date(day.year, None if precision == "year" else day.month,
                day.day if precision == "day" else None)
    if day.year < 1000:
        return
    assert parse_date(render(date, lang), lang) == date


def test_as_of_phrase_says_as_of_not_until():
    from hooks.facts.values import as_of_phrase
    assert as_of_phrase(Date(2025, 1, 24), "en") == "(as of 24 January 2025)"
    hi = as_of_phrase(Date(2025, 1, 24), "hi")
    assert hi == "(24 जनवरी 2025 की स्थिति में)"
    assert "तक" not in hi          # तक reads as a deadline beside a sum of money
    assert as_of_phrase(Date(2025, 4), "hi") == "(अप्रैल 2025 की स्थिति में)"


def test_dates_are_written_by_babel_in_both_languages():
    from hooks.facts.values import Date, render_date
    assert render_date(Date(2025, 4, 5), "en") == "5 April 2025"
    assert render_date(Date(2025, 4, 5), "hi") == "5 अप्रैल 2025"
    assert render_date(Date(2025, 10), "hi") == "अक्टूबर 2025"
    assert render_date(Date(2025), "en") == "2025"
    assert render_date(Date(2025, 4, 24), "en", month_only="short") == "Apr 2025"
    assert render_date(Date(2025, 4, 24), "hi", month_only="short") == "अप्रैल 2025"


def test_the_site_has_one_date_renderer():
    """Babel's date formatting and the month names are used in hooks/facts/values.py only (and
    in hooks/facts/written.py, which reads month names back from prose): every other module
    writes a date through render_date."""
    import ast
    root = Path(__file__).resolve().parents[1] / "hooks"
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).as_posix() in ("facts/values.py", "facts/written.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("babel"):
                found.append(f"{path.name}:{node.lineno} imports {node.module}")
            elif isinstance(node, ast.ImportFrom) and any(a.name == "MONTHS" for a in node.names):
                found.append(f"{path.name}:{node.lineno} imports MONTHS")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "%B" in node.value:
                found.append(f"{path.name}:{node.lineno} formats a month with strftime")
    assert found == []
