"""Text from the registry or front matter made safe for the page it goes into."""
from __future__ import annotations

import html

# Markdown punctuation written as character references: registry text stays text (no links,
# emphasis or attribute lists), and html.escape has already made it safe as HTML.
_MARKDOWN_CHARS = str.maketrans({c: f"&#{ord(c)};" for c in "[]*_`\\{}|~<>"})


def inert(text) -> str:
    """Registry text for a Markdown page: escaped as HTML (quotes too, so it may stand in an
    attribute value), with no Markdown left in it."""
    escaped = html.escape(str(text), quote=True)
    return escaped.translate(_MARKDOWN_CHARS)


# ---------------------------------------------------------------- marks with nothing to carry them
#
# A vowel sign, virama, nukta or anusvara is drawn on the letter before it. With no letter to
# carry it (a title of vowel signs only, "ािी"; a sign after another sign, "कािी"; a mark after
# a space) a browser's and the share card's shaper draw it on a dotted circle (U+25CC), which no
# reader takes for a word. Devanagari follows its cluster rules; other scripts' combining marks
# need a letter, digit or symbol before them (an accent, a keycap, an emoji's variation selector).

_DEV_CONSONANT = set(range(0x0915, 0x093A)) | set(range(0x0958, 0x0960)) | set(range(0x0978, 0x0980))
_DEV_VOWEL = set(range(0x0904, 0x0915)) | {0x0960, 0x0961} | set(range(0x0972, 0x0978))
_DEV_VOWEL_SIGN = ({0x093A, 0x093B, 0x094E, 0x094F, 0x0962, 0x0963} | set(range(0x093E, 0x094D))
                   | set(range(0x0955, 0x0958)))
_DEV_NUKTA, _DEV_VIRAMA = 0x093C, 0x094D
_DEV_BINDU = {0x0900, 0x0901, 0x0902, 0x0903}   # inverted candrabindu, candrabindu, anusvara, visarga


def _carries(prev: int | None, mark: int) -> bool:
    """Whether the character `prev` (None: the start of the text) carries the Devanagari `mark`."""
    if prev is None:
        return False
    if mark == _DEV_NUKTA:
        return prev in _DEV_CONSONANT
    if mark in _DEV_VOWEL_SIGN or mark == _DEV_VIRAMA:
        return prev in _DEV_CONSONANT or prev == _DEV_NUKTA
    if mark in _DEV_BINDU:
        return prev in _DEV_CONSONANT or prev in _DEV_VOWEL or prev in _DEV_VOWEL_SIGN or prev == _DEV_NUKTA
    return True


def stray_mark(text: str) -> int | None:
    """The offset of the first combining mark in `text` with no letter to carry it, or None."""
    import unicodedata
    prev = None
    for i, ch in enumerate(text):
        code = ord(ch)
        if code == _DEV_NUKTA or code == _DEV_VIRAMA or code in _DEV_VOWEL_SIGN or code in _DEV_BINDU:
            if not _carries(prev, code):
                return i
        elif unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            base = None if prev is None else unicodedata.category(chr(prev))
            if base is None or base[0] not in "LMNS":
                return i
        prev = code
    return None
