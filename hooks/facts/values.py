"""Typed fact values, and how they are written and read in English and Hindi.

Pure functions only: `render(value, lang)` writes a value as a reader sees it, and
`parse(kind, text, lang)` reads a value back out of prose. `matches(fact_value, written)`
decides whether what a page says agrees with the registry.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_UP
from functools import lru_cache

from babel.dates import format_date, get_month_names

from hooks.core.settings import SUPPORTED

LANGS = tuple(SUPPORTED)   # the languages values are written in

SCALES = {
    "one": Decimal(1),
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}

# Dates are written by Babel (CLDR), the one date renderer of the site: "5 April 2025",
# "5 अप्रैल 2025", "April 2025". The month names read back in prose are CLDR's own.
# A chart's narrow label may ask for the short month ("Apr 2025"); Hindi keeps the full name, as
# CLDR's short Hindi months ("अप्रै॰") are not what a Hindi reader writes.
DATE_PATTERNS = {"day": "d MMMM y", "month": "MMMM y", "short": {"en": "MMM y", "hi": "MMMM y"}}
MONTHS = {lang: list(get_month_names("wide", locale=lang).values()) for lang in ("en", "hi")}

# Words for scales, as written in prose. Hindi follows the style guide: लाख, करोड़, अरब, ट्रिलियन.
SCALE_WORDS = {
    "en": {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "lakh": 10**5, "crore": 10**7},
    "hi": {"हज़ार": 10**3, "हजार": 10**3, "लाख": 10**5, "करोड़": 10**7, "अरब": 10**9,
           "ट्रिलियन": 10**12},
}
# Compound Indian scales: "1.5 लाख करोड़" (1.5 × 10^12), "20 हज़ार करोड़" (2 × 10^11).
COMPOUND_FIRST = {"en": ("lakh", "thousand"), "hi": ("लाख", "हज़ार", "हजार")}
COMPOUND_SECOND = {"en": "crore", "hi": "करोड़"}
SHORT_SCALES = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}

# Hindi rendering steps, largest first (what a Hindi desk prints).
HI_STEPS = [(Decimal(10) ** 12, "ट्रिलियन"), (Decimal(10) ** 9, "अरब"),
            (Decimal(10) ** 7, "करोड़"), (Decimal(10) ** 5, "लाख")]
EN_STEPS = [(Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"),
            (Decimal(10) ** 6, "million")]
# Rupee amounts in Hindi, as Hindi desks print them: लाख करोड़, हज़ार करोड़, करोड़, लाख.
HI_INR_STEPS = [(Decimal(10) ** 12, "लाख करोड़"), (Decimal(10) ** 10, "हज़ार करोड़"),
                (Decimal(10) ** 7, "करोड़"), (Decimal(10) ** 5, "लाख")]
UNITS = ("count", "USD", "INR", "percent")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Quantity:
    """A number (or a range when hi is set) in absolute units: 60e9, not 60 + 'billion'."""
    lo: Decimal
    hi: Decimal | None = None
    unit: str = "count"          # count | USD | INR | percent
    scale: str | None = None     # the scale the registry prefers for English

    @property
    def is_range(self) -> bool:
        return self.hi is not None


@dataclass(frozen=True)
class Date:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class Text:
    by_lang: tuple  # ((lang, text), ...)

    def get(self, lang: str) -> str:
        return dict(self.by_lang)[lang]


@dataclass(frozen=True)
class Quote:
    """A quoted sentence: the words as said or written, their language, and both renderings."""
    original: str
    lang: str                    # language of the original (BCP 47: en, hi, fr, ...)
    en: str
    hi: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.hi


@dataclass(frozen=True)
class Written:
    """A value as read from prose: the number as written, its scale and decimals."""
    lo: Decimal
    hi: Decimal | None
    scale: Decimal
    decimals: int
    unit: str | None
    alongside: "Written | None" = None   # a rupee equivalent written after a dollar amount


class ValueError_(ValueError):
    """A value could not be read; the message says what was expected."""


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=4096)
def parse_iso_date(text: str) -> Date:
    m = DATE_RE.match(str(text).strip())
    if not m:
        raise ValueError_(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError_(f"'{text}' has no month {month}")
    if day is not None:
        import datetime
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise ValueError_(f"'{text}' is not a calendar date") from None
    return Date(year, month, day)


# ---------------------------------------------------------------- rendering

def _plain(number: Decimal) -> str:
    """Decimal without exponent or trailing zeros."""
    text = format(number.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def group_digits(text: str, lang: str) -> str:
    """1999 -> 1,999; Hindi uses Indian grouping from a lakh up (12,34,567)."""
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        step = 2 if lang == "hi" else 3
        groups: list[str] = []
        while len(head) > step:
            groups.insert(0, head[-step:])
            head = head[:-step]
        groups.insert(0, head)
        whole = ",".join(groups + [tail])
    return sign + whole + ("." + frac if frac else "")


def _scaled(number: Decimal, lang: str, preferred: str | None,
            unit: str = "count") -> tuple[str, str]:
    """Split an absolute number into (digits, scale word) for a language."""
    if lang == "hi" and unit == "INR":
        for factor, word in HI_INR_STEPS:
            if abs(number) >= factor:
                return _plain(number / factor), word
        return group_digits(_plain(number), "hi"), ""
    if lang == "en":
        if preferred and preferred != "one" and preferred != "thousand":
            factor = SCALES[preferred]
            return _plain(number / factor), preferred
        for factor, word in EN_STEPS:
            if abs(number) >= factor:
                return _plain(number / factor), word
        return group_digits(_plain(number), "en"), ""
    for factor, word in HI_STEPS:
        if abs(number) >= factor:
            return _plain(number / factor), word
    return group_digits(_plain(number), "hi"), ""


def _range_scale(q: Quantity, lang: str) -> tuple[str, str, str]:
    """Both ends of a range in one scale, chosen from the larger end."""
    hi_digits, word = _scaled(q.hi, lang, q.scale, q.unit)
    if word:
        factor = _word_factor(word, lang)
        lo_digits = _plain(q.lo / factor)
    else:
        lo_digits = group_digits(_plain(q.lo), lang)
    return lo_digits, hi_digits, word


def _word_factor(word: str, lang: str) -> Decimal:
    factor = Decimal(1)
    for part in word.split():
        factor *= Decimal(SCALE_WORDS[lang][part])
    return factor


def render_quantity(q: Quantity, lang: str) -> str:
    if q.is_range:
        lo, hi, word = _range_scale(q, lang)
        digits = f"{lo}-{hi}"
    else:
        digits, word = _scaled(q.lo, lang, q.scale, q.unit)
    core = f"{digits} {word}".strip()
    if q.unit == "USD":
        return f"${core}" if lang == "en" else f"{core} डॉलर"
    if q.unit == "INR":
        return f"₹{core}" if lang == "en" else f"{core} रुपये"
    if q.unit == "percent":
        return f"{core}%" if lang == "en" else f"{core} प्रतिशत"
    return core


def render_date(d: Date, lang: str, month_only: str = "") -> str:
    """A date as the site writes it, with only the parts it has: Babel's "d MMMM y" or
    "MMMM y" in the page's language, or the bare year. month_only="short": the month and
    year, short where the language has a short form ("Apr 2025", "अप्रैल 2025")."""
    if d.month is None:
        return str(d.year)
    if month_only == "short":
        pattern = DATE_PATTERNS["short"][lang]
    else:
        pattern = DATE_PATTERNS["day" if d.day else "month"]
    return format_date(datetime.date(d.year, d.month, d.day or 1), pattern, locale=lang)


def render(value, lang: str) -> str:
    if isinstance(value, Quantity):
        return render_quantity(value, lang)
    if isinstance(value, Date):
        return render_date(value, lang)
    if isinstance(value, (Text, Quote)):
        return value.get(lang)
    raise TypeError(f"cannot render {value!r}")


# ---------------------------------------------------------------- parsing prose

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


def as_of_phrase(date: Date, lang: str) -> str:
    """The mark of a superseded figure: "(as of 24 January 2025)", "(24 जनवरी 2025 की स्थिति में)".

    Not "(24 जनवरी 2025 तक)": तक reads as a deadline ("60-65 अरब डॉलर ... तक ख़र्च करेगी").
    """
    when = render_date(date, lang)
    return f"(as of {when})" if lang == "en" else f"({when} की स्थिति में)"
