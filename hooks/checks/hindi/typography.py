"""Hindi typography, errors whoever reads the page: NFC, invisible characters, Devanagari
digits, and the danda (pipe, double, space before, a full stop for it).
"""

from __future__ import annotations

import unicodedata

from hooks.core.findings import Finding
from hooks.checks.hindi.base import ABBREVIATION_RE, DANDA, DEV_DIGITS_RE, DOUBLE_DANDA_RE, INVISIBLE, INVISIBLE_RE, PIPE_DANDA_RE, SPACE_DANDA_RE, TERMINATOR_RE, TITLE_ABBREVIATIONS, TO_LATIN, WORD_RE, _line_starts, nfc, table_rows

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
