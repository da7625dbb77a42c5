"""Shared ground of the Hindi rules: Devanagari classes, NFC, the glossary's terms and
how a term is found in text, positions (Where), table rows.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "data"
GLOSSARY = DATA / "glossary.yaml"
SPELLING = DATA / "spelling.yaml"
NAMES = DATA / "names.yaml"
TERMS = DATA / "terms.yaml"
OK_MARKER = "<!-- hi-lint-ok -->"

NUKTA = "\u093c"
DANDA = "\u0964"
# Devanagari letters and signs, without the dandas (0964-0965) and digits (0966-096F).
DEV = "\u0900-\u0963\u0970-\u097f"
DEV_CHAR = re.compile(f"[{DEV}]")
WORD_RE = re.compile(f"[{DEV}]+")
# A Hindi word is not cut out of a longer word or a hyphenated compound (प्री-ट्रेनिंग).
# The left edge is checked in code (`_words`): a pattern that starts with a literal is searched
# much faster by `re` than one that starts with a look-behind.
WORD_CHAR = re.compile(rf"[{DEV}\w-]")
RIGHT = rf"(?![{DEV}\w-])"
# Plural and oblique endings a term may take in running text: टोकनों, राउटरों, मॉडलों.
ENDING = "(?:ों|ें|ो|े)?"

INVISIBLE = {
    "\u200b": "zero-width space (U+200B)",
    "\u200c": "zero-width non-joiner (U+200C)",
    "\u200d": "zero-width joiner (U+200D)",
    "\ufeff": "byte-order mark / zero-width no-break space (U+FEFF)",
    "\u00ad": "soft hyphen (U+00AD)",
}
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")
DEV_DIGITS_RE = re.compile("[\u0966-\u096f]+")
TO_LATIN = str.maketrans("०१२३४५६७८९", "0123456789")
PIPE_DANDA_RE = re.compile(rf"[{DEV}][ \t]*(\|)(?=[ \t]|$)", re.M)
DOUBLE_DANDA_RE = re.compile(f"{DANDA}{{2,}}")
SPACE_DANDA_RE = re.compile(rf"(?<=\S)([ \t\u00a0]+){DANDA}|^([ \t\u00a0]*){DANDA}", re.M)
TERMINATOR_RE = re.compile(rf"[{DEV}](\.)(?=[\s\"'”’)*_\]]|$)")
ABBREVIATION_RE = re.compile(rf"(?:[{DEV}]{{1,4}}\.){{2,}}$")
# Abbreviations that take a full stop in Hindi print and stand before a name.
TITLE_ABBREVIATIONS = ("डॉ", "प्रो")

# What prose is checked: code is already blanked by mdscan; link targets, bare URLs,
# attribute lists and HTML tags are blanked here, keeping every position.
TABLE_DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
HEADING_LINE_RE = re.compile(r"^ {0,3}#{1,6}[ \t]")

# Discouraged words (STYLE.md "Numbers, money, dates" and the glossary): pattern, hint.
DISCOURAGED = [
    ("बिलियन", "बिलियन" + ENDING + RIGHT,
     "write अरब: 1 billion = 1 अरब ('65 अरब डॉलर', '17 अरब पैरामीटर')"),
    ("खरब", "खरब" + ENDING + RIGHT,
     "write ट्रिलियन for 10^12 (or अरब for 10^9): readers take खरब for different amounts"),
    ("डाटा", "डाटा", None),        # also डाटासेट, डाटा सेंटर: hint from the glossary
    ("मापदंड", "मापदंड" + ENDING + RIGHT, None),
    ("अ॰", "अ\u0970", "write अरब in full: '65 अरब डॉलर' (not CLDR's short form अ॰)"),
]

# Glossary alternatives that are also ordinary Hindi words with another meaning (अनुमान is
# "estimate", भार "load", विशेषज्ञ a human expert...). They are not reported as variants.
COMMON_WORDS = {"अनुमान", "भार", "वज़न", "संकेत", "निर्देश", "भ्रम", "विशेषज्ञ", "कसौटी",
                "बहुविध", "प्रतिरूप"}
# Words that are different words with and without nukta (राज rule / राज़ secret).
NUKTA_DISTINCT = {"राज", "सजा", "खाना"}


@dataclass(frozen=True)
class Term:
    en: str
    hi: str            # the recommended form, without a bracketed abbreviation
    shown: str         # the recommended form as the glossary writes it
    alts: tuple        # Devanagari alternatives that count as variants
    gloss: bool        # keep_english_on_first_use
    english: tuple     # normalised English forms accepted as the gloss


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _norm_en(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _has_dev(text: str) -> bool:
    return bool(DEV_CHAR.search(text))


@lru_cache(maxsize=4)
def glossary_entries(path: str = str(GLOSSARY)) -> tuple:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or ())


@lru_cache(maxsize=4)
def load_glossary(path: str = str(GLOSSARY)) -> tuple:
    entries = glossary_entries(path)
    terms = []
    for e in entries:
        en, shown = str(e["en"]), nfc(str(e["hi"]))
        hi = re.sub(r"\s*\([^)]*\)\s*$", "", shown)
        alts = tuple(nfc(str(a)) for a in e.get("alt") or ()
                     if _has_dev(str(a)) and nfc(str(a)) not in COMMON_WORDS)
        main = re.sub(r"\s*\([^)]*\)", "", en).strip()
        english = {_norm_en(en), _norm_en(main)}
        english.update(_norm_en(x) for x in re.findall(r"\(([^)]*)\)", en))
        terms.append(Term(en, hi, shown, alts, bool(e.get("keep_english_on_first_use")),
                          tuple(sorted(x for x in english if x))))
    return tuple(terms)


def _term_regex(term: str) -> str:
    """A pattern for a Hindi term: any whitespace between words, nukta letters precomposed or not."""
    out, i = [], 0
    while i < len(term):
        ch = term[i]
        if ch.isspace():
            while i < len(term) and term[i].isspace():
                i += 1
            out.append(r"\s+")
            continue
        if i + 1 < len(term) and term[i + 1] == NUKTA:
            composed = PRECOMPOSED.get(ch)
            if composed:
                out.append(f"(?:{re.escape(ch + NUKTA)}|{composed})")
                i += 2
                continue
        out.append(re.escape(ch))
        i += 1
    return "".join(out)


# क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ are separate code points (U+0958-095F) that NFC decomposes.
PRECOMPOSED = {unicodedata.normalize("NFD", chr(c))[0]: chr(c) for c in range(0x958, 0x960)}


@lru_cache(maxsize=256)
def _compiled(term: str) -> re.Pattern:
    pattern = re.compile(_term_regex(term) + ENDING + RIGHT)
    _PREFIX[pattern] = _literal_prefix(term)
    return pattern


# The text every match of a term's pattern starts with (up to its first space or nukta letter):
# a page without it has no match, and is not searched.
_PREFIX: dict = {}


@lru_cache(maxsize=1024)
def _literal_prefix(term: str) -> str:
    for i, ch in enumerate(term):
        if ch.isspace() or (i + 1 < len(term) and term[i + 1] == NUKTA and ch in PRECOMPOSED):
            return term[:i]
    return term


def _term_words(term: str, text: str):
    """_words of a Hindi term; its pattern is compiled only for a text that holds its start."""
    prefix = _literal_prefix(term)
    if prefix and prefix not in text:
        return iter(())
    return _words(_compiled(term), text)


def _words(pattern: re.Pattern, text: str):
    """Matches of a term pattern that start a word (not inside a word or a hyphenated compound)."""
    prefix = _PREFIX.get(pattern)
    if prefix and prefix not in text:
        return
    for m in pattern.finditer(text):
        if m.start() == 0 or not WORD_CHAR.match(text, m.start() - 1):
            yield m


def table_rows(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to Markdown tables."""
    rows = set()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("|"):
            rows.add(i)
        elif (i > 0 and "|" in line and "-" in line and TABLE_DELIMITER_RE.match(line)
              and "|" in lines[i - 1] and lines[i - 1].strip()):
            rows.update((i - 1, i))
            j = i + 1
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.add(j)
                j += 1
    return rows


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


class Where:
    """Offset -> (line, col) for one page, without rescanning the text each time."""

    def __init__(self, text: str):
        self.starts = _line_starts(text)

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def load_yaml_mapping(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or {}
