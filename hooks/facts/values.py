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
from decimal import Decimal
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
DATE_PATTERNS = {"day": "d MMMM y", "month": "MMMM y"}
SHORT_MONTH_PATTERNS = {"en": "MMM y", "hi": "MMMM y"}
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
        pattern = SHORT_MONTH_PATTERNS[lang]
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


def as_of_phrase(date: Date, lang: str) -> str:
    """The mark of a superseded figure: "(as of 24 January 2025)", "(24 जनवरी 2025 की स्थिति में)".

    Not "(24 जनवरी 2025 तक)": तक reads as a deadline ("60-65 अरब डॉलर ... तक ख़र्च करेगी").
    """
    when = render_date(date, lang)
    return f"(as of {when})" if lang == "en" else f"({when} की स्थिति में)"
