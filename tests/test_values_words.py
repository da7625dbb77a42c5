"""The parser reads the forms writers use: ranges in words, compound Indian scales, rupees."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from hooks.facts.values import Quantity, ValueError_, render
from hooks.facts.written import check_written, parse_quantity

B = Decimal(10) ** 9
PLAN = Quantity(60 * B, 65 * B, "USD", "billion")


@pytest.mark.parametrize("text,lang", [
    ("from 60 to 65 billion dollars", "en"), ("between $60 and $65 billion", "en"),
    ("between 60 and 65 billion dollars", "en"), ("$60 billion to $65 billion", "en"),
    ("from $60 to $65 billion", "en"),
    ("60 से 65 अरब डॉलर", "hi"), ("60 से 65 अरब डॉलर तक", "hi"), ("60 अरब से 65 अरब डॉलर", "hi"),
    ("60 अरब डॉलर से 65 अरब डॉलर", "hi"), ("कुल 60 से 65 अरब डॉलर तक", "hi"),
])
def test_ranges_in_words(text, lang):
    written = parse_quantity(text, lang)
    assert (written.lo, written.hi, written.scale, written.unit) == (60, 65, B, "USD")
    assert check_written(PLAN, text, lang) is None


@pytest.mark.parametrize("text,lang,problem", [
    ("from 60 to 66 billion dollars", "en", "disagrees"),
    ("60 से 66 अरब डॉलर तक", "hi", "disagrees"),
    ("$60 billion and $65 billion", "en", "more than one number"),   # "and" needs "between"
    ("60 million to 65 billion dollars", "en", "different scales"),
    ("60 से 65 करोड़ डॉलर", "hi", "disagrees"),
])
def test_ranges_in_words_that_disagree(text, lang, problem):
    found = check_written(PLAN, text, lang)
    assert found and problem in found, found


def test_a_single_figure_followed_by_se_is_not_a_range():
    assert parse_quantity("65 अरब डॉलर से ज़्यादा", "hi").hi is None
    assert check_written(PLAN, "65 अरब डॉलर से ज़्यादा", "hi") is None


@pytest.mark.parametrize("text,lang,value", [
    ("1.5 लाख करोड़ रुपये", "hi", Decimal("1.5") * 10**12),
    ("₹20 हज़ार करोड़", "hi", Decimal(2) * 10**11),
    ("20 हजार करोड़ रुपए", "hi", Decimal(2) * 10**11),
    ("₹5.4 lakh crore", "en", Decimal("5.4") * 10**12),
    ("Rs 300 crore", "en", Decimal(3) * 10**9),
    ("₹5.4 trillion", "en", Decimal("5.4") * 10**12),
])
def test_compound_indian_scales_and_rupees(text, lang, value):
    written = parse_quantity(text, lang)
    assert written.unit == "INR"
    assert written.lo * written.scale == value
    assert check_written(Quantity(value, None, "INR"), text, lang) is None


def test_rupee_amount_is_not_a_dollar_amount():
    assert "INR" in check_written(Quantity(65 * B, None, "USD", "billion"), "₹65 अरब", "hi")
    with pytest.raises(ValueError_, match="mixes dollars and rupees"):
        parse_quantity("$65 billion rupees", "en")
    with pytest.raises(ValueError_, match="not a scale"):
        parse_quantity("5 अरब करोड़ रुपये", "hi")


@pytest.mark.parametrize("text,lang", [
    ("$65 billion (about ₹5.4 lakh crore)", "en"),
    ("65 अरब डॉलर (लगभग 5.4 लाख करोड़ रुपये)", "hi"),
    ("65 अरब डॉलर यानी करीब ₹5.4 लाख करोड़", "hi"),
])
def test_rupees_alongside_dollars_are_checked_at_the_registry_rate(text, lang):
    fact = Quantity(65 * B, None, "USD", "billion")
    written = parse_quantity(text, lang)
    assert written.unit == "USD" and written.alongside.unit == "INR"
    assert check_written(fact, text, lang, inr_per_usd=Decimal("83")) is None
    assert "disagrees" in check_written(fact, text, lang, inr_per_usd=Decimal("95"))
    # without the rate as a fact, a rupee equivalent is a problem, never a silent pass
    assert "rate" in check_written(fact, text, lang)


@pytest.mark.parametrize("value,en,hi", [
    (Quantity(Decimal("5.4") * 10**12, None, "INR"), "₹5.4 trillion", "5.4 लाख करोड़ रुपये"),
    (Quantity(Decimal(2) * 10**11, None, "INR"), "₹200 billion", "20 हज़ार करोड़ रुपये"),
    (Quantity(Decimal(3) * 10**9, None, "INR"), "₹3 billion", "300 करोड़ रुपये"),
    (Quantity(Decimal(5) * 10**5, None, "INR"), "₹500,000", "5 लाख रुपये"),
])
def test_render_rupees(value, en, hi):
    assert render(value, "en") == en
    assert render(value, "hi") == hi


# ------------------------------------------------------------------ round trips: render, then parse

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2,
                      allow_nan=False, allow_infinity=False)
factors = st.sampled_from([Decimal(10) ** e for e in (5, 7, 9, 10, 12)])


@given(amounts, factors, st.sampled_from(["en", "hi"]), st.booleans())
def test_rupees_round_trip(amount, factor, lang, is_range):
    q = Quantity(amount * factor, (amount + 1) * factor if is_range else None, "INR")
    text = render(q, lang)
    assert check_written(q, text, lang) is None, text


@given(amounts, st.sampled_from(["en", "hi"]))
def test_word_ranges_round_trip(amount, lang):
    """A rendered range rewritten with words ("from A to B", "A से B") reads back as the value."""
    q = Quantity(amount * B, (amount + 5) * B, "USD", "billion")
    text = render(q, lang)
    lo, rest = text.split("-", 1) if lang == "hi" else text.lstrip("$").split("-", 1)
    worded = f"from ${lo} to ${rest}" if lang == "en" else f"{lo} से {rest} तक"
    assert check_written(q, worded, lang) is None, worded
