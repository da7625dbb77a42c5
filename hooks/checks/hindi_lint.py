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
  hi-gender        a company written with a masculine verb, a product with a feminine one
                   (hooks/data/names.yaml; a heuristic, hence a warning)
Errors from the project's word lists (hooks/data/):
  hi-spelling      a spelling that spelling.yaml rejects (आंकड़ा, यहां, पेज, लेयर, हिन्दी...)
  hi-phrase        a wording of more than one word that spelling.yaml's phrases reject (the
                   status and interface words: रिपोर्ट की गई for ख़बरों में, ओपन वेट्स)
  hi-name-script   a name that stays in Latin script written in Devanagari (names.yaml)
  hi-glossary-missing  a page uses a technical term (terms.yaml) that the glossary page lacks

A line that ends with `<!-- hi-lint-ok -->` is exempt from the warnings and from hi-spelling and
hi-name-script (for a sentence that has to quote a variant, such as the glossary explaining one).
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

from hooks.core.findings import Finding
from hooks.core.mdscan import plain_text

DATA = Path(__file__).resolve().parents[1] / "data"
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


# ---------------------------------------------------------------- errors


# The two text rules apply to every page: as hi-* on Hindi pages, as text-* on the others.
TEXT_RULES = {"hi": {"nfc": "hi-nfc", "invisible": "hi-invisible"},
              "text": {"nfc": "text-nfc", "invisible": "text-invisible"}}


def check_nfc(page, where, prefix: str = "hi") -> list[Finding]:
    """Text not in NFC form (`prefix`-nfc: hi- on Hindi pages, text- on the others)."""
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
                    found.append(Finding(page.path, lno, col, TEXT_RULES[prefix]["nfc"],
                                         f"'{cluster}' ({names}) is not in NFC form "
                                         f"(NFC writes it as {', '.join(f'U+{ord(c):04X}' for c in nfc(cluster))})",
                                         "save the file NFC-normalised, e.g. "
                                         "python -c \"import sys,unicodedata as u;p=sys.argv[1];"
                                         "t=open(p,encoding='utf-8').read();"
                                         "open(p,'w',encoding='utf-8').write(u.normalize('NFC',t))\" FILE"))
                i = j
        offset += len(line) + 1
    return found


def check_invisible(page, where, prefix: str = "hi") -> list[Finding]:
    """Invisible characters; on English pages a leading byte-order mark is harmless."""
    found = []
    for m in INVISIBLE_RE.finditer(page.text):
        if prefix != "hi" and m.start() == 0 and m.group(0) == "\ufeff":
            continue
        line, col = where(m.start())
        found.append(Finding(page.path, line, col, TEXT_RULES[prefix]["invisible"],
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
            for m in _term_words(alt, text):
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
    # Counted per distinct word (C-speed), then only the pages that hold a variant are walked
    # for its places.
    spellings: dict[str, Counter] = defaultdict(Counter)
    per_page = []
    normal: dict[str, str] = {}
    for page, text in texts:
        counts = Counter(WORD_RE.findall(text))
        per_page.append(counts)
        for raw, n in counts.items():
            word = normal.get(raw)
            if word is None:
                word = normal[raw] = raw if unicodedata.is_normalized("NFC", raw) else nfc(raw)
            spellings[word.replace(NUKTA, "")][word] += n
    preferred = {}
    for key, counts in spellings.items():
        if len(counts) > 1 and key not in NUKTA_DISTINCT:
            preferred[key] = max(counts, key=lambda w: (w.count(NUKTA), counts[w]))
    out = []
    for (page, text), counts in zip(texts, per_page):
        bad = {raw for raw in counts
               if (key := normal[raw].replace(NUKTA, "")) in preferred and normal[raw] != preferred[key]}
        if not bad:
            continue
        for m in WORD_RE.finditer(text):
            if m.group(0) in bad:
                word = normal[m.group(0)]
                key = word.replace(NUKTA, "")
                out.append((page, m.start(), word, preferred[key], spellings[key]))
    return out


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
            m = next(_term_words(form, body), None)
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


# ---------------------------------------------------------------- word lists (hooks/data/)


def _load_yaml(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or {}


@dataclass(frozen=True)
class Spelling:
    variant: str
    use: str
    stem: bool
    excepts: tuple
    hint: str | None


@lru_cache(maxsize=4)
def load_spelling(path: str = str(SPELLING)) -> tuple:
    """(words, patterns): words as Spelling entries; patterns as (regex, replacement, why)."""
    data = _load_yaml(path)
    words = []
    for e in data.get("words") or ():
        for variant in e.get("not") or ():
            words.append(Spelling(nfc(str(variant)), nfc(str(e["use"])), bool(e.get("stem")),
                                  tuple(nfc(str(x)) for x in e.get("except") or ()), e.get("hint")))
    patterns = tuple((re.compile(nfc(str(p["find"]))), nfc(str(p["replace"])), str(p.get("why", "")))
                     for p in data.get("patterns") or ())
    return tuple(words), patterns


WORD_ENDINGS = ("ों", "ें", "ो", "े", "")


@lru_cache(maxsize=4)
def _spelling_index(path: str = str(SPELLING)) -> tuple:
    """The word list as look-ups: whole words, whole words with an ending, stems by length. The
    first entry of the list wins where two would apply, as in a walk over the list."""
    words, patterns = load_spelling(path)
    exact: dict = {}
    ended: dict = {}
    stems: dict = {}
    for s in words:
        if not s.stem:
            exact.setdefault(s.variant, (s.use, s, ""))
            for ending in WORD_ENDINGS[:-1]:
                ended.setdefault(s.variant + ending, (s.use + ending, s, ""))
        else:
            stems.setdefault(s.variant, s)
    lengths = sorted({len(v) for v in stems}, reverse=True)
    return exact, ended, stems, lengths, patterns


@lru_cache(maxsize=4096)
def spelling_fix(word: str, path: str = str(SPELLING)):
    """(preferred word, entry or None, why) when the word list rejects `word`; None when it is fine."""
    exact, ended, stems, lengths, patterns = _spelling_index(path)
    word = nfc(word)
    fix = exact.get(word) or ended.get(word)     # whole words first: पेजों before पेज
    if fix:
        return fix
    for n in lengths:                             # the longest stem first
        s = stems.get(word[:n]) if len(word) >= n else None
        if s is not None:
            return s.use + word[len(s.variant):], s, ""
    for regex, replacement, why in patterns:
        if regex.search(word):
            return regex.sub(replacement, word), None, why
    return None


def _except_spans(text: str, phrases) -> list[tuple[int, int]]:
    spans = []
    for phrase in phrases:
        spans += [(m.start(), m.end()) for m in _term_words(phrase, text)]
    return spans


def check_spelling(page, text, where, skip_lines, path: str = str(SPELLING)) -> list[Finding]:
    found = []
    excepts = {}
    # Most pages have no word the list rejects: the distinct words are looked up first.
    if not any(spelling_fix(w, path) for w in set(WORD_RE.findall(text))):
        return found
    for m in WORD_RE.finditer(text):
        if m.start() > 0 and WORD_CHAR.match(text, m.start() - 1) and text[m.start() - 1] != "-":
            continue                               # not the start of a word (Latin letters before it)
        fix = spelling_fix(m.group(0), path)
        if fix is None:
            continue
        best, entry, why = fix
        if entry is not None and entry.excepts:
            spans = excepts.setdefault(entry.excepts, _except_spans(text, entry.excepts))
            if any(a <= m.start() < b for a, b in spans):
                continue
        line, col = where(m.start())
        if line in skip_lines:
            continue
        hint = (entry.hint if entry is not None and entry.hint else f"write {best}")
        reason = why or "one spelling per word across the site (hooks/data/spelling.yaml)"
        found.append(Finding(page.path, line, col, "hi-spelling",
                             f"'{m.group(0)}' is not the site's spelling: {reason}", hint))
    return found


@lru_cache(maxsize=4)
def load_phrases(path: str = str(SPELLING)) -> tuple:
    """spelling.yaml `phrases:`: the controlled wordings of more than one word (status and
    interface words, ओपन-वेट): ((regex of a rejected wording, rejected, preferred, hint), ...)."""
    out = []
    for e in _load_yaml(path).get("phrases") or ():
        for variant in e.get("not") or ():
            words = [re.escape(w) for w in nfc(str(variant)).split()]
            regex = re.compile(rf"(?<![{DEV}\w-])" + r"\s+".join(words) + RIGHT)
            out.append((regex, nfc(str(variant)), nfc(str(e["use"])), e.get("hint")))
    return tuple(out)


def check_phrases(page, text, where, skip_lines, path: str = str(SPELLING)) -> list[Finding]:
    """hi-phrase: a wording the controlled list rejects (रिपोर्ट की गई for ख़बरों में)."""
    found = []
    for regex, variant, use, hint in load_phrases(path):
        if variant.split()[0] not in text:       # most texts hold none: skip the search
            continue
        for m in regex.finditer(text):
            line, col = where(m.start())
            if line in skip_lines:
                continue
            found.append(Finding(page.path, line, col, "hi-phrase",
                                 f"'{variant}' is not the site's wording: one wording per idea "
                                 "across the site (hooks/data/spelling.yaml, phrases)",
                                 hint or f"write {use}"))
    return found


def data_conflicts(glossary=None, spelling_path: str = str(SPELLING), terms=None) -> list[str]:
    """Where the glossary (or the term list) and the word list disagree; [] when they agree.

    A recommended glossary form, or a term of terms.yaml, that the word list rejects; or a form the
    word list prefers that the glossary lists as a discouraged alternative.
    """
    glossary = glossary_entries() if glossary is None else glossary
    terms = load_terms() if terms is None else terms
    words, _ = load_spelling(spelling_path)
    out = []
    recommended = [(f"glossary term {e['en']!r}", nfc(str(e["hi"]))) for e in glossary]
    recommended += [(f"terms.yaml term {t.hi!r}", t.hi) for t in terms]
    for where_, form in recommended:
        for m in WORD_RE.finditer(form):
            fix = spelling_fix(m.group(0), spelling_path)
            if fix and not (fix[1] and any(form.find(x) >= 0 and form.find(x) <= m.start() < form.find(x) + len(x)
                                           for x in fix[1].excepts)):
                out.append(f"{where_} writes {m.group(0)!r}, the word list wants {fix[0]!r}")
    alts = {nfc(str(a)): e["en"] for e in glossary for a in e.get("alt") or ()}
    for s in words:
        if s.use in alts and not s.stem:
            out.append(f"the word list prefers {s.use!r}, which the glossary discourages "
                       f"(an alternative for {alts[s.use]!r})")
    return out


# Names: script and gender (names.yaml).

@dataclass(frozen=True)
class Name:
    latin: str
    gender: str | None
    devanagari: tuple


@lru_cache(maxsize=4)
def load_names(path: str = str(NAMES)) -> tuple:
    return tuple(Name(str(e["latin"]), e.get("gender"), tuple(nfc(str(x)) for x in e.get("devanagari") or ()))
                 for e in _load_yaml(path).get("names") or ())


def check_name_script(page, text, where, skip_lines) -> list[Finding]:
    found = []
    for name in load_names():
        for form in name.devanagari:
            for m in _term_words(form, text):
                line, col = where(m.start())
                if line in skip_lines:
                    continue
                found.append(Finding(page.path, line, col, "hi-name-script",
                                     f"'{m.group(0)}' is a name that the site writes in Latin script",
                                     f"write {name.latin} (companies, products, models and publications keep "
                                     "their Latin name: hooks/data/names.yaml)"))
    return found


# Words after a name that end the subject: the name is not the subject of the next verb.
NOT_SUBJECT = {"का", "की", "के", "को", "ने", "से", "में", "पर", "तक", "और", "या", "व", "जैसी", "जैसे",
               "जैसा", "समेत", "वाले", "वाली", "वाला", "जो", "जिसे", "जिसने", "जिसके", "जिसकी", "जिसका"}
STOP_WORDS = {"जो", "जिसे", "जिसने", "जिन्हें", "जिनके", "जब", "कि", "अगर", "तो", "लेकिन", "पर", "बल्कि"}
AUX = {"है", "हैं", "था", "थी", "थे", "होगा", "होगी", "हो"}
MASCULINE = {"सकता", "रहा", "गया", "चुका", "लगा", "पाया", "हुआ"}
FEMININE = {"सकती", "रही", "गई", "गयी", "चुकी", "लगी", "पाई", "हुई"}
CLAUSE_END = re.compile(r"[।,;:?!()\"“”‘’]|\n\s*\n")
TOKEN_RE = re.compile(rf"[{DEV}]+|[A-Za-z0-9][\w.-]*")


def _gender_of_verb(tokens: list[str]) -> tuple[str, int] | None:
    for i, tok in enumerate(tokens[:14]):
        if tok in STOP_WORDS and i > 0:
            return None
        if tok in ("वाला", "वाली") and i > 0 and tokens[i - 1].endswith("ने"):   # करने वाला था
            return ("masculine" if tok == "वाला" else "feminine"), i
        if tok in MASCULINE:
            return "masculine", i
        if tok in FEMININE:
            return "feminine", i
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if re.search("(?:ता|ेगा)$", tok) and (nxt in AUX or tok.endswith("ेगा")):
            return "masculine", i
        if re.search("(?:ती|ेगी)$", tok) and (nxt in AUX or tok.endswith("ेगी")):
            return "feminine", i
    return None


@lru_cache(maxsize=4)
def _gender_names(path: str = str(NAMES)) -> tuple[dict, re.Pattern]:
    """{latin: (rank, Name)} of the names with a gender (rank 0 the longest) and one pattern that
    finds, at each place, the longest of them (a look-ahead: every start is tried)."""
    names = sorted((n for n in load_names(path) if n.gender), key=lambda n: -len(n.latin))
    ranks: dict = {}
    for i, n in enumerate(names):
        ranks.setdefault(n.latin, (i, n))
    alternatives = "|".join(re.escape(n.latin) + r"(?![\w-])" for n in names) or "(?!)"
    return ranks, re.compile(rf"(?<![\w-])(?=({alternatives}))")


def check_gender(page, text, where, skip_lines) -> list[Finding]:
    """A company as the subject of a masculine verb, or a product of a feminine one (a heuristic)."""
    names, pattern = _gender_names()
    taken: list[tuple[int, int]] = []
    found = []
    # One pass over the text finds, at each place, the longest name written there; the names are
    # then taken longest first (a name inside a longer one is not a name of its own), as when
    # each name was searched on its own.
    hits = sorted(((names[m.group(1)][0], m.start(), m.start() + len(m.group(1)))
                   for m in pattern.finditer(text)))
    for _, start, stop in hits:
        name = names[text[start:stop]][1]
        if any(a <= start < b for a, b in taken):
            continue
        taken.append((start, stop))
        end = CLAUSE_END.search(text, stop)
        clause = text[stop: end.start() if end else len(text)][:200]
        tokens = TOKEN_RE.findall(clause)
        # Skip the rest of a Latin name (Llama 4 Scout) and a first word that ends the subject.
        while tokens and re.match(r"[A-Za-z0-9]", tokens[0]):
            tokens.pop(0)
        if not tokens or tokens[0] in NOT_SUBJECT or "ने" in tokens[:6]:
            continue
        verb = _gender_of_verb(tokens)
        if verb is None or verb[0] == name.gender:
            continue
        line, col = where(start)
        if line in skip_lines:
            continue
        word = tokens[verb[1]]
        found.append(Finding(page.path, line, col, "hi-gender",
                             f"{name.latin} is {name.gender} on this site, but '{word}' is {verb[0]}",
                             f"make the verb {name.gender} (hooks/data/names.yaml: companies take the "
                             "gender of कंपनी, models and products of मॉडल)", "warning"))
    return found


# Glossary coverage (terms.yaml).

@dataclass(frozen=True)
class GlossaryTerm:
    hi: str
    en: str
    forms: tuple


@lru_cache(maxsize=4)
def _terms_data(path: str = str(TERMS)) -> dict:
    return _load_yaml(path)


@lru_cache(maxsize=4)
def load_terms(path: str = str(TERMS)) -> tuple:
    out = []
    for e in _terms_data(path).get("terms") or ():
        hi = nfc(str(e["hi"]))
        out.append(GlossaryTerm(hi, str(e.get("en", "")), (hi,) + tuple(nfc(str(f)) for f in e.get("forms") or ())))
    return tuple(out)


def _term_pattern(form: str) -> re.Pattern:
    if _has_dev(form):
        return _compiled(form)
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


def glossary_cells(text: str) -> list[str]:
    """The term cells of the glossary page: the second cell of every table row after the header."""
    cells = []
    for line in text.split("\n"):
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(parts) >= 2 and not set(parts[1]) <= set("-: "):
            cells.append(parts[1])
    return cells


def check_glossary_coverage(texts, wheres, path: str = str(TERMS)) -> list[Finding]:
    page_name = str(_terms_data(path).get("glossary_page", "glossary.hi.md"))
    glossary = [(p, t) for p, t in texts if p.path == page_name or p.path.endswith("/" + page_name)]
    if not glossary:
        return []                                   # a page set without the glossary (one page, a fixture)
    gpage, gtext = glossary[0]
    cells = glossary_cells(gtext)
    missing = [t for t in load_terms(path)
               if not any(next(_words(_term_pattern(f), c), None) if _has_dev(f) else _term_pattern(f).search(c)
                          for f in t.forms for c in cells)]
    found = []
    for page, text in texts:
        if page is gpage:
            continue
        for term in missing:
            hits = [m for f in term.forms
                    for m in ([next(_words(_term_pattern(f), text), None)] if _has_dev(f)
                              else [_term_pattern(f).search(text)]) if m]
            if not hits:
                continue
            first = min(hits, key=lambda m: m.start())
            line, col = wheres[page.path](first.start())
            found.append(Finding(page.path, line, col, "hi-glossary-missing",
                                 f"'{first.group(0)}' is a technical term (hooks/data/terms.yaml) that the "
                                 f"glossary ({gpage.path}) does not explain",
                                 f"add a row for {term.hi} ({term.en}) to {gpage.path} and its English twin"))
    return found


# ---------------------------------------------------------------- entry point


def _ok_lines(page) -> set[int]:
    return {i for i, line in enumerate(page.text.split("\n"), start=1) if OK_MARKER in line}


def check_pages(pages) -> list[Finding]:
    """Every Hindi lint rule over the given Hindi source pages (variants are compared site-wide)."""
    pages = list(pages)
    found: list[Finding] = []
    texts, wheres, skips = [], {}, {}
    for page in pages:
        where = Where(page.text)
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
        found += check_spelling(page, text, where, skip)
        found += check_phrases(page, text, where, skip)
        found += check_name_script(page, text, where, skip)
        found += check_gender(page, text, where, skip)
    found += check_nukta_variants(texts, wheres, skips)
    found += check_glossary_coverage(texts, wheres)
    # One warning per place: a discouraged word is not also reported as a variant.
    out, taken = [], set()
    for f in sorted(found, key=lambda f: (f.path, f.line, f.col, _PRIORITY.get(f.rule, 0))):
        key = (f.path, f.line, f.col, f.severity)
        if f.severity == "warning" and key in taken:
            continue
        taken.add(key)
        out.append(f)
    return out


_PRIORITY = {"hi-discouraged": 0, "hi-variant": 1, "hi-gloss": 2, "hi-gender": 3}
