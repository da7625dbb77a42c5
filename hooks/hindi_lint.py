"""Hindi lint: the rules of shared/hindi/STYLE.md as pure functions over source pages.

`check_pages(pages)` takes the Hindi `SourcePage`s of the site (mdscan) and returns Findings.
Positions are 1-based lines and columns counted in characters of the file.

Errors (the page is wrong, whoever reads it):
  hi-nfc           text that is not NFC-normalised
  hi-invisible     zero-width space/joiner/non-joiner, BOM, soft hyphen
  hi-digits        Devanagari digits (०-९): the site writes Latin digits
  hi-pipe-danda    "|" used as a danda (outside Markdown tables)
  hi-double-danda  "।।"
  hi-space-danda   a space (or a line break) before the danda
  hi-terminator    a Hindi sentence ended with "." (and abbreviations with dots, ए.आई.)
Warnings (house style; search misses the page for a reader who types the other form):
  hi-discouraged   बिलियन, खरब, डाटा, मापदंड, अ॰
  hi-variant       a glossary alternative instead of the recommended form, or one word spelt
                   with and without nukta on the site (ज़रूरी / जरूरी)
  hi-gloss         a term that needs its English in brackets on first use does not have it

A line that ends with `<!-- hi-lint-ok -->` is exempt from the three warnings (for a sentence
that has to quote a variant, such as the glossary explaining one).
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .findings import Finding
from .mdscan import plain_text

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary.yaml"
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
    return re.compile(_term_regex(term) + ENDING + RIGHT)


def _words(pattern: re.Pattern, text: str):
    """Matches of a term pattern that start a word (not inside a word or a hyphenated compound)."""
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


class _Where:
    """Offset -> (line, col) for one page, without rescanning the text each time."""

    def __init__(self, text: str):
        self.starts = _line_starts(text)

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


# ---------------------------------------------------------------- errors


def check_nfc(page, where) -> list[Finding]:
    if unicodedata.is_normalized("NFC", page.text):
        return []
    found = []
    offset = 0
    for line in page.text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            i = 0
            while i < len(line):
                j = i + 1
                while j < len(line) and (unicodedata.combining(line[j])
                                         or unicodedata.category(line[j]) in ("Mn", "Mc")):
                    j += 1
                cluster = line[i:j]
                if not unicodedata.is_normalized("NFC", cluster):
                    names = ", ".join(f"U+{ord(c):04X}" for c in cluster)
                    lno, col = where(offset + i)
                    found.append(Finding(page.path, lno, col, "hi-nfc",
                                         f"'{cluster}' ({names}) is not in NFC form "
                                         f"(NFC writes it as {', '.join(f'U+{ord(c):04X}' for c in nfc(cluster))})",
                                         "save the file NFC-normalised, e.g. "
                                         "python -c \"import sys,unicodedata as u;p=sys.argv[1];"
                                         "t=open(p,encoding='utf-8').read();"
                                         "open(p,'w',encoding='utf-8').write(u.normalize('NFC',t))\" FILE"))
                i = j
        offset += len(line) + 1
    return found


def check_invisible(page, where) -> list[Finding]:
    found = []
    for m in INVISIBLE_RE.finditer(page.text):
        line, col = where(m.start())
        found.append(Finding(page.path, line, col, "hi-invisible",
                             f"invisible character: {INVISIBLE[m.group(0)]}",
                             "delete it (it is invisible in most editors: search for it by code point)"))
    return found


def check_digits(page, text, where) -> list[Finding]:
    found = []
    for m in DEV_DIGITS_RE.finditer(text):
        line, col = where(m.start())
        found.append(Finding(page.path, line, col, "hi-digits",
                             f"Devanagari digits '{m.group(0)}'",
                             f"write Latin digits: {m.group(0).translate(TO_LATIN)}"))
    return found


def check_dandas(page, text, where) -> list[Finding]:
    """Sentence terminators. `text` is the lint text; a danda or a space is looked at in the file
    itself, since blanked code or link targets would look like spaces ('`x`।' is fine)."""
    found = []
    original = page.text.split("\n")
    lines = text.split("\n")
    rows = table_rows(lines)
    starts = _line_starts(text)
    for i, line in enumerate(lines):
        base, raw = starts[i], original[i]
        if DANDA in line or "|" in line:
            if i not in rows:
                for m in PIPE_DANDA_RE.finditer(line):
                    lno, col = where(base + m.start(1))
                    found.append(Finding(page.path, lno, col, "hi-pipe-danda",
                                         "'|' used as a danda", "end the sentence with the danda '।'"))
            for m in DOUBLE_DANDA_RE.finditer(line):
                lno, col = where(base + m.start())
                found.append(Finding(page.path, lno, col, "hi-double-danda",
                                     f"'{m.group(0)}': a double danda", "write a single danda '।'"))
            for m in SPACE_DANDA_RE.finditer(raw):
                if line[m.end() - 1] != DANDA:      # the danda is in code, a URL or a comment
                    continue
                if m.group(1) is not None:
                    lno, col = where(base + m.start(1))
                    found.append(Finding(page.path, lno, col, "hi-space-danda",
                                         "space before the danda", "remove the space: 'है।'"))
                elif i > 0 and original[i - 1].strip():
                    lno, col = where(base + m.end() - 1)
                    found.append(Finding(page.path, lno, col, "hi-space-danda",
                                         "the danda starts a line: the line break shows as a space before it",
                                         "move the danda to the end of the previous line"))
        if "." not in line:
            continue
        for m in TERMINATOR_RE.finditer(line):
            before = line[: m.end(1)]
            word = WORD_RE.findall(before[:-1])
            if word and word[-1] in TITLE_ABBREVIATIONS:
                continue
            lno, col = where(base + m.start(1))
            abbr = ABBREVIATION_RE.search(before)
            if abbr:
                found.append(Finding(page.path, lno, col, "hi-terminator",
                                     f"abbreviation written with full stops: '{abbr.group(0)}'",
                                     f"write it without stops ({abbr.group(0).replace('.', '')}), "
                                     "as the glossary does (एआई)"))
            else:
                found.append(Finding(page.path, lno, col, "hi-terminator",
                                     "a Hindi sentence ends with '.'",
                                     "end it with the danda '।' (one terminator for the whole site)"))
    return found


# ---------------------------------------------------------------- warnings


def _glossary_hint(word: str) -> str | None:
    """'write डेटा (glossary: डेटा सेंटर, डेटासेट)' for a word that starts glossary alternatives."""
    entries = glossary_entries()
    exact = [e for e in entries if any(nfc(str(a)) == word for a in e.get("alt") or ())]
    if exact:
        return f"write {nfc(str(exact[0]['hi']))} (glossary: {exact[0]['en']})"
    prefixed = [e for e in entries if any(nfc(str(a)).startswith(word) for a in e.get("alt") or ())]
    if prefixed:
        forms = [nfc(str(e["hi"])) for e in prefixed]
        stem = forms[0][: len(word)]
        return f"write {stem} (glossary: {', '.join(forms)})"
    return None


@lru_cache(maxsize=1)
def _discouraged() -> tuple:
    out = []
    for word, pattern, hint in DISCOURAGED:
        if hint is None:
            hint = _glossary_hint(word) or "see hindi/STYLE.md"
        out.append((word, re.compile(pattern), hint))
    return tuple(out)


def check_discouraged(page, text, where, skip_lines) -> list[Finding]:
    found = []
    for word, pattern, hint in _discouraged():
        for m in _words(pattern, text):
            line, col = where(m.start())
            if line in skip_lines:
                continue
            whole = WORD_RE.match(text, m.start())
            shown = whole.group(0) if whole and word != "अ॰" else m.group(0)
            found.append(Finding(page.path, line, col, "hi-discouraged",
                                 f"'{shown}' is a discouraged form", hint, "warning"))
    return found


def check_glossary_variants(page, text, where, skip_lines) -> list[Finding]:
    found = []
    for term in load_glossary():
        for alt in term.alts:
            for m in _words(_compiled(alt), text):
                line, col = where(m.start())
                if line in skip_lines:
                    continue
                found.append(Finding(page.path, line, col, "hi-variant",
                                     f"'{alt}' is a variant of the glossary term {term.shown} ({term.en})",
                                     f"write {term.hi}: one form per term across the site, "
                                     "so that search finds every page", "warning"))
    return found


def nukta_variants(texts: list) -> list[tuple]:
    """(page, offset, word, preferred, counts) for each word spelt with and without nukta on the site.

    `texts` is a list of (page, lint text). The spelling with the most nuktas is preferred (STYLE.md
    keeps the nukta on loanwords); the other spellings are reported wherever they occur.
    """
    spellings: dict[str, Counter] = defaultdict(Counter)
    seen = []
    for page, text in texts:
        for m in WORD_RE.finditer(text):
            word = m.group(0)
            if not unicodedata.is_normalized("NFC", word):
                word = nfc(word)
            key = word.replace(NUKTA, "")
            spellings[key][word] += 1
            seen.append((page, m.start(), word, key))
    preferred = {}
    for key, counts in spellings.items():
        if len(counts) > 1 and key not in NUKTA_DISTINCT:
            preferred[key] = max(counts, key=lambda w: (w.count(NUKTA), counts[w]))
    return [(page, offset, word, preferred[key], spellings[key])
            for page, offset, word, key in seen
            if key in preferred and word != preferred[key]]


def check_nukta_variants(texts, wheres, skips) -> list[Finding]:
    found = []
    for page, offset, word, best, counts in nukta_variants(texts):
        line, col = wheres[page.path](offset)
        if line in skips[page.path]:
            continue
        found.append(Finding(page.path, line, col, "hi-variant",
                             f"'{word}' is also written '{best}' on this site ({counts[best]} times); "
                             "search does not match one with the other",
                             f"write {best} (nukta kept, as hindi/STYLE.md asks)", "warning"))
    return found


def check_gloss(page, text, where, skip_lines) -> list[Finding]:
    """The first use of a term marked keep_english_on_first_use carries its English in brackets."""
    lines = text.split("\n")
    rows = table_rows(lines)
    # Headings are not first uses: the English goes in the first sentence that uses the term.
    body = "\n".join(" " * len(l) if HEADING_LINE_RE.match(l) else l for l in lines)
    found = []
    for term in load_glossary():
        if not term.gloss:
            continue
        first = None
        for form in (term.hi,) + term.alts:
            m = next(_words(_compiled(form), body), None)
            if m and (first is None or m.start() < first.start()):
                first = m
        if first is None:
            continue
        line, col = where(first.start())
        if line in skip_lines or _glossed(body, first, term, lines[line - 1] if line - 1 in rows else None):
            continue
        english = re.sub(r"\s*\(([^)]*)\)", r", \1", term.en)
        found.append(Finding(page.path, line, col, "hi-gloss",
                             f"first use of '{first.group(0)}' on this page has no English in brackets",
                             f"write '{first.group(0)} ({english})' here, so that a search for the "
                             "English term finds this page", "warning"))
    return found


def _glossed(body: str, m: re.Match, term: Term, table_row: str | None) -> bool:
    def has_english(fragment: str) -> bool:
        norm = _norm_en(fragment)
        return any(e in norm for e in term.english)
    after = body[m.end(): m.end() + 400]
    for paren in re.finditer(r"\(", after[:40]):
        close = after.find(")", paren.end())
        inside = after[paren.end(): close if close >= 0 else paren.end() + 80]
        if has_english(inside):
            return True
    # "English (हिंदी)": the term is in brackets right after its English.
    before = body[max(0, m.start() - 60): m.start()]
    if before.rstrip().endswith("(") and has_english(before):
        return True
    # In a table, the English may stand in another cell of the same row (the glossary page).
    return table_row is not None and has_english(table_row)


# ---------------------------------------------------------------- entry point


def _ok_lines(page) -> set[int]:
    return {i for i, line in enumerate(page.text.split("\n"), start=1) if OK_MARKER in line}


def check_pages(pages) -> list[Finding]:
    """Every Hindi lint rule over the given Hindi source pages (variants are compared site-wide)."""
    pages = list(pages)
    found: list[Finding] = []
    texts, wheres, skips = [], {}, {}
    for page in pages:
        where = _Where(page.text)
        text = plain_text(page)
        skip = _ok_lines(page)
        texts.append((page, text))
        wheres[page.path], skips[page.path] = where, skip
        found += check_nfc(page, where)
        found += check_invisible(page, where)
        found += check_digits(page, text, where)
        found += check_dandas(page, text, where)
        found += check_discouraged(page, text, where, skip)
        found += check_glossary_variants(page, text, where, skip)
        found += check_gloss(page, text, where, skip)
    found += check_nukta_variants(texts, wheres, skips)
    # One warning per place: a discouraged word is not also reported as a variant.
    out, taken = [], set()
    for f in sorted(found, key=lambda f: (f.path, f.line, f.col, _PRIORITY.get(f.rule, 0))):
        key = (f.path, f.line, f.col, f.severity)
        if f.severity == "warning" and key in taken:
            continue
        taken.add(key)
        out.append(f)
    return out


_PRIORITY = {"hi-discouraged": 0, "hi-variant": 1, "hi-gloss": 2}
