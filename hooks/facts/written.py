"""Figures and dates as prose writes them: read back from a page ("$65 billion", "6.5 अरब डॉलर",
"5 April 2025"), held to the registry's value (rounding allowed, never a wrong digit),
and the precision an English and a Hindi twin keep. The values themselves and how the site
writes them are hooks/facts/values.py."""
from __future__ import annotations

import re
from decimal import Decimal, ROUND_HALF_UP

from hooks.facts.values import (COMPOUND_FIRST, COMPOUND_SECOND, LANGS, MONTHS, SCALE_WORDS, SHORT_SCALES, Date,
                                Quantity, ValueError_, Written, _plain, nfc)


NUM = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _scale_alternation(lang: str) -> str:
    words = sorted(SCALE_WORDS[lang], key=len, reverse=True)
    return "|".join(re.escape(nfc(w)) for w in words)


# Words that join the two ends of a range: "60-65", "60 to 65", "between 60 and 65", "60 से 65".
RANGE_SEP = {"en": r"\s*[-–]\s*|\s+(?:to|and)\s+", "hi": r"\s*[-–]\s*|\s+" + re.escape(nfc("से")) + r"\s+"}
USD_WORDS = r"dollars?\b|USD\b|" + re.escape(nfc("डॉलर"))
INR_WORDS = r"rupees?\b|INR\b|" + "|".join(re.escape(nfc(w)) for w in ("रुपये", "रुपए", "रुपया"))
CURRENCY_SIGN = r"\$|₹|Rs\.?(?=\s?\d)"


def _quantity_re(lang: str) -> re.Pattern:
    scale = _scale_alternation(lang)
    second = re.escape(nfc(COMPOUND_SECOND[lang]))
    return re.compile(
        rf"(?P<cur>{CURRENCY_SIGN})?\s*(?P<lo>{NUM})"
        rf"(?:\s*(?P<loshort>[KMBT])(?![A-Za-z])"
        rf"|\s*(?P<loscale>{scale})(?:\s+(?P<loscale2>{second}))?(?![\w]))?"
        rf"(?:(?P<lounit>\s*(?:{USD_WORDS}|{INR_WORDS}))?"
        rf"(?P<sep>{RANGE_SEP[lang]})(?P<cur2>{CURRENCY_SIGN})?\s*(?P<hi>{NUM}))?"
        rf"(?:(?P<short>[KMBT])(?![A-Za-z])|\s*(?P<scale>{scale})(?:\s+(?P<scale2>{second}))?(?![\w]))?"
        rf"(?P<pct>\s*(?:%|per ?cent\b|प्रतिशत))?"
        rf"(?P<usd>\s*(?:{USD_WORDS}))?"
        rf"(?P<inr>\s*(?:{INR_WORDS}))?",
        re.IGNORECASE if lang == "en" else 0,
    )


_QUANTITY_RES = {lang: _quantity_re(lang) for lang in LANGS}


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def _scale_of(word: str | None, second: str | None, short: str | None, lang: str) -> Decimal | None:
    if short:
        return Decimal(SHORT_SCALES[short.upper()])
    if not word:
        return None
    key = word.lower() if lang == "en" else word
    factor = Decimal(SCALE_WORDS[lang][key])
    if second:
        if key not in COMPOUND_FIRST[lang]:
            raise ValueError_(f"'{word} {second}' is not a scale: write लाख करोड़ or हज़ार करोड़")
        factor *= Decimal(SCALE_WORDS[lang][second.lower() if lang == "en" else second])
    return factor


def _written(m: re.Match, text: str, lang: str) -> Written:
    lo, hi = m.group("lo"), m.group("hi")
    lo_scale = _scale_of(m.group("loscale"), m.group("loscale2"), m.group("loshort"), lang)
    end_scale = _scale_of(m.group("scale"), m.group("scale2"), m.group("short"), lang)
    if hi is None:
        scale = end_scale or lo_scale or Decimal(1)
    else:
        if m.group("sep").strip().lower() == "and" and not re.search(
                r"between\s*$", text[:m.start()], re.IGNORECASE):
            raise ValueError_(f"more than one number in '{text}': cite one value per reference "
                              "(write a range as 'between 60 and 65' or '60-65')")
        if lo_scale and end_scale and lo_scale != end_scale:
            raise ValueError_(f"the two ends of the range in '{text}' have different scales: "
                              "write both in one scale")
        scale = end_scale or lo_scale or Decimal(1)
    signs = {m.group("cur") or "", m.group("cur2") or ""} - {""}
    words = " ".join(filter(None, (m.group("lounit"), m.group("usd"), m.group("inr")))).lower()
    rupee = "₹" in signs or any(s.lower().startswith("rs") for s in signs) or bool(
        m.group("inr")) or bool(re.search(INR_WORDS, m.group("lounit") or "", re.IGNORECASE))
    dollar = "$" in signs or bool(m.group("usd")) or "dollar" in words or "usd" in words or nfc("डॉलर") in words
    if rupee and dollar:
        raise ValueError_(f"'{text}' mixes dollars and rupees in one amount")
    unit = "USD" if dollar else "INR" if rupee else "percent" if m.group("pct") else None
    decimals = max(_decimals(lo), _decimals(hi or ""))
    return Written(_to_decimal(lo), _to_decimal(hi) if hi else None, scale, decimals, unit)


def parse_quantity(text: str, lang: str) -> Written:
    """One amount, possibly a range, possibly followed by its rupee equivalent:
    "$65 billion (about ₹5.4 lakh crore)", "65 अरब डॉलर (लगभग 5.4 लाख करोड़ रुपये)"."""
    text = nfc(text)
    found = [m for m in _QUANTITY_RES[lang].finditer(text) if m.group("lo")]
    if not found:
        raise ValueError_(f"no number in '{text}'")
    written = [_written(m, text, lang) for m in found]
    if len(written) == 2 and written[0].unit == "USD" and written[1].unit == "INR":
        first = written[0]
        return Written(first.lo, first.hi, first.scale, first.decimals, first.unit, written[1])
    if len(written) > 1:
        raise ValueError_(f"more than one number in '{text}': cite one value per reference")
    return written[0]


def _date_re(lang: str) -> re.Pattern:
    months = "|".join(re.escape(nfc(m)) for m in MONTHS[lang])
    if lang == "en":
        months += "|" + "|".join(m[:3] for m in MONTHS["en"])
    flags = re.IGNORECASE if lang == "en" else 0
    return re.compile(
        rf"(?:(?P<day>\d{{1,2}})\s+)?(?P<month>{months})\.?,?\s+(?P<year>\d{{4}})"
        rf"|(?P<month2>{months})\s+(?P<day2>\d{{1,2}}),\s*(?P<year2>\d{{4}})"
        rf"|(?<![\d.,])(?P<yearonly>\d{{4}})(?![\d.,])",
        flags,
    )


_DATE_RES = {lang: _date_re(lang) for lang in LANGS}


def _month_number(name: str, lang: str) -> int:
    name = nfc(name)
    for i, full in enumerate(MONTHS[lang]):
        if name.lower() in (nfc(full).lower(), full[:3].lower()):
            return i + 1
    raise ValueError_(f"unknown month '{name}'")


def parse_date(text: str, lang: str) -> Date:
    text = nfc(text)
    found = list(_DATE_RES[lang].finditer(text))
    if not found:
        raise ValueError_(f"no date in '{text}'")
    if len(found) > 1:
        raise ValueError_(f"more than one date in '{text}': cite one value per reference")
    m = found[0]
    if m.group("yearonly"):
        return Date(int(m.group("yearonly")))
    if m.group("month2"):
        return Date(int(m.group("year2")), _month_number(m.group("month2"), lang), int(m.group("day2")))
    day = int(m.group("day")) if m.group("day") else None
    return Date(int(m.group("year")), _month_number(m.group("month"), lang), day)


# ---------------------------------------------------------------- agreement

def _rounds_to(exact: Decimal, written: Decimal, scale: Decimal, decimals: int) -> bool:
    quantum = Decimal(1).scaleb(-decimals)
    return (exact / scale).quantize(quantum, rounding=ROUND_HALF_UP) == written


def quantity_matches(fact: Quantity, w: Written) -> str | None:
    """None when the written value agrees with the fact, else what is wrong."""
    if w.unit and w.unit != fact.unit and not (fact.unit == "count" and w.unit is None):
        return f"the text is in {w.unit} but the fact is in {fact.unit}"
    ends = [fact.lo] + ([fact.hi] if fact.is_range else [])
    if w.hi is not None:
        if not fact.is_range:
            return "the text gives a range but the fact is a single number"
        ok = (_rounds_to(fact.lo, w.lo, w.scale, w.decimals)
              and _rounds_to(fact.hi, w.hi, w.scale, w.decimals))
    else:
        ok = any(_rounds_to(end, w.lo, w.scale, w.decimals) for end in ends)
    return None if ok else "the number disagrees with the registry"


def date_matches(fact: Date, w: Date) -> str | None:
    if w.year != fact.year:
        return "the year disagrees with the registry"
    if w.month is not None and w.month != fact.month:
        return "the month disagrees with the registry"
    if w.day is not None and w.day != fact.day:
        return "the day disagrees with the registry"
    return None


def check_written(fact_value, text: str, lang: str, inr_per_usd: Decimal | None = None) -> str | None:
    """Compare what a page writes with a fact's value. None when they agree.

    A rupee equivalent written after a dollar amount is checked at `inr_per_usd`, the rate the
    registry records as a fact (see facts/SCHEMA.md); without a rate it is a problem.
    """
    try:
        if isinstance(fact_value, Quantity):
            written = parse_quantity(text, lang)
            problem = quantity_matches(fact_value, written)
            if problem or written.alongside is None:
                return problem
            return _rupees_match(fact_value, written.alongside, inr_per_usd)
        if isinstance(fact_value, Date):
            return date_matches(fact_value, parse_date(text, lang))
    except ValueError_ as err:
        return str(err)
    return None


def _rupees_match(fact: Quantity, rupees: Written, rate: Decimal | None) -> str | None:
    if fact.unit != "USD":
        return "a rupee equivalent can follow a dollar amount only"
    if rate is None:
        return ("the text gives a rupee equivalent, but the registry holds no dollar-rupee rate "
                "for it: add the rate and its date as a fact (facts/SCHEMA.md, rupee equivalents)")
    converted = Quantity(fact.lo * rate, fact.hi * rate if fact.hi is not None else None, "INR")
    if quantity_matches(converted, rupees):
        return "the rupee equivalent disagrees with the dollar amount at the registry's rate"
    return None


# ---------------------------------------------------------------- precision across languages

# Hindi scales of the Indian system: a figure moved into them is divided by a power of ten the
# English scale does not use (30.84 million = 3.084 करोड़), so a digit is easily dropped.
# लाख, करोड़, अरब, हज़ार करोड़, लाख करोड़.
INDIAN_SCALES = frozenset(Decimal(10) ** n for n in (5, 7, 9, 10, 12))


def significant_digits(number: Decimal) -> int:
    """The significant digits of a number as written: 30.84 -> 4, 3.08 -> 3, 30.80 -> 4
    (a written trailing zero after the point counts), 700 -> 1 and 128000 -> 3 (trailing zeros
    of a whole number are placeholders), 0.05 -> 1."""
    _, as_written, exponent = number.as_tuple()
    digits = list(as_written)
    while len(digits) > 1 and digits[0] == 0:
        digits.pop(0)
    if isinstance(exponent, int) and exponent >= 0:
        while len(digits) > 1 and digits[-1] == 0:
            digits.pop()
    return len(digits)


def precision_kept(english: Written, hindi: Written) -> str | None:
    """None when a Hindi figure in लाख/करोड़/अरब keeps at least the significant digits of the
    English figure it translates, else what is lost and the digits to write. "3.08 करोड़" for
    "30.84 million" loses one; "3.084 करोड़" keeps them; "56 लाख" for "5.6 million" keeps them."""
    if hindi.scale not in INDIAN_SCALES:
        return None
    pairs = [(english.lo, english.scale, hindi.lo)]
    if english.hi is not None and hindi.hi is not None:
        pairs.append((english.hi, english.scale, hindi.hi))
    for en_digits, en_scale, hi_digits in pairs:
        need, have = significant_digits(en_digits), significant_digits(hi_digits)
        if have < need:
            exact = _plain(en_digits * en_scale / hindi.scale)
            return (f"the Hindi figure {hi_digits} keeps {have} significant digit"
                    f"{'s' if have != 1 else ''} of the English figure's {need} ({en_digits}): "
                    f"write {exact}")
    return None
