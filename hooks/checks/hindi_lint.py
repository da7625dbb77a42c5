"""Hindi lint: the rules of shared/hindi/STYLE.md as pure functions over source pages, in
families under hooks/checks/hindi/ (typography, variants, wordlists, gender, coverage; base holds
what they share). This module runs them together.

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

from hooks.core.findings import Finding
from hooks.core.mdscan import plain_text
from hooks.checks.hindi.base import OK_MARKER, Where
from hooks.checks.hindi.coverage import check_glossary_coverage
from hooks.checks.hindi.gender import check_gender
from hooks.checks.hindi.typography import check_dandas, check_digits, check_invisible, check_nfc
from hooks.checks.hindi.variants import check_discouraged, check_gloss, check_glossary_variants, check_nukta_variants
from hooks.checks.hindi.wordlists import check_name_script, check_phrases, check_spelling

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
