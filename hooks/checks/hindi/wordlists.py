"""The project's word lists (hooks/data/): spellings and phrases spelling.yaml rejects, their
conflicts with the glossary, and names that keep their Latin script (names.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from hooks.core.findings import Finding
from hooks.checks.hindi.base import DEV, NAMES, RIGHT, SPELLING, WORD_CHAR, WORD_RE, _term_words, glossary_entries, load_yaml_mapping, nfc
from hooks.checks.hindi.coverage import load_terms

# ---------------------------------------------------------------- word lists (hooks/data/)


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
    data = load_yaml_mapping(path)
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


PHRASE_LEFT_RE = re.compile(rf"[{DEV}\w-]")


@lru_cache(maxsize=4)
def load_phrases(path: str = str(SPELLING)) -> tuple:
    """spelling.yaml `phrases:`: the controlled wordings of more than one word (status and
    interface words, ओपन-वेट): ((regex of a rejected wording, rejected, preferred, hint), ...)."""
    out = []
    for e in load_yaml_mapping(path).get("phrases") or ():
        for variant in e.get("not") or ():
            words = [re.escape(w) for w in nfc(str(variant)).split()]
            # the literal first, so the engine can search for it; the word's left edge is
            # checked on each match (check_phrases): a lookbehind first made every search crawl
            regex = re.compile(r"\s+".join(words) + RIGHT)
            out.append((regex, nfc(str(variant)), nfc(str(e["use"])), e.get("hint")))
    return tuple(out)


def check_phrases(page, text, where, skip_lines, path: str = str(SPELLING)) -> list[Finding]:
    """hi-phrase: a wording the controlled list rejects (रिपोर्ट की गई for ख़बरों में)."""
    found = []
    for regex, variant, use, hint in load_phrases(path):
        if variant.split()[0] not in text:       # most texts hold none: skip the search
            continue
        for m in regex.finditer(text):
            if m.start() > 0 and PHRASE_LEFT_RE.match(text, m.start() - 1):
                continue                           # inside a longer word
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
                 for e in load_yaml_mapping(path).get("names") or ())


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
