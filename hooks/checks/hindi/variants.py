"""Word choice, warnings of house style: discouraged words, glossary alternatives, one word
with and without nukta across the site, and the English gloss on a term's first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections import defaultdict
from functools import lru_cache

from hooks.core.findings import Finding
from hooks.checks.hindi.base import DISCOURAGED, HEADING_LINE_RE, NUKTA, NUKTA_DISTINCT, Term, WORD_RE, _norm_en, _term_words, _words, glossary_entries, load_glossary, nfc, table_rows

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
