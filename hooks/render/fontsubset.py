"""Subset the site's web fonts to the characters the built site uses.

After the last language is built, every character of every HTML page, search index and
site script is collected; each font in site/assets/fonts/ is cut down to those characters
and to the glyphs HarfBuzz shapes its words with (the conjuncts, matras and reph forms the
site's Hindi actually uses, checked by shaping every word again with the subset), and
written over the copied font, same name. A character the site never shows in some
combination (a conjunct typed into the search box) still has its own glyph. The subsets are cached by content in
.cache/fonts/: a rebuild that adds no new character reuses them. docs/assets/fonts keeps the
full fonts (the share cards are drawn with those).
"""
from __future__ import annotations

import hashlib
import html
import io
import re
from pathlib import Path

from fontTools.ttLib import TTFont

# HarfBuzz and fontTools' subsetter are imported when a font is cut (not when the cached subsets
# serve): a fifth of a second of every build otherwise.

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "fonts"
VERSION = "2"  # change with the subsetting options below
TEXT_FILES = ("*.html", "*.json", "*.js")
WORD_RE = re.compile(r"[^\s<>\"'=/]+")


def used_text(site_dir: Path) -> tuple[set[int], set[str]]:
    """Every character, and every word (run of non-spaces), of the built site's text files."""
    chars: set[int] = set()
    words: set[str] = set()
    # Each distinct line once, file by file: most of a page (the navigation, the header)
    # repeats on every page. Neither a word nor a character reference spans a line, so the
    # sets are the same as over the whole text, for a third of the memory.
    seen: set[str] = set()
    tokens: set[str] = set()
    for pattern in TEXT_FILES:
        for path in site_dir.rglob(pattern):
            if "assets/javascripts" in path.as_posix():  # Material's bundle: no text shown
                continue
            new = [line for line in path.read_text(encoding="utf-8", errors="ignore").split("\n")
                   if line not in seen]
            seen.update(new)
            text = html.unescape("\n".join(new))
            chars.update(map(ord, set(text)))     # each distinct character once
            # A word never spans a space: each distinct run of non-spaces is cut into words once.
            fresh = set(text.split()) - tokens
            tokens.update(fresh)
            for token in fresh:
                words.update(WORD_RE.findall(token))
    # always: the space, the ellipsis and quotes Material itself adds, ZWJ/ZWNJ, the dotted circle
    chars.update(map(ord, " …‘’“”–—·"))
    chars.update((0x200C, 0x200D, 0x25CC))
    return chars, words


def _shape(font_bytes: bytes, words, order) -> dict[str, list]:
    """HarfBuzz's glyph run (names and positions) of each word."""
    import uharfbuzz as hb
    font = hb.Font(hb.Face(hb.Blob(font_bytes)))
    runs = {}
    for word in words:
        buf = hb.Buffer()
        buf.add_str(word)
        buf.guess_segment_properties()
        hb.shape(font, buf)
        runs[word] = [(order[i.codepoint], p.x_advance, p.x_offset, p.y_offset)
                      for i, p in zip(buf.glyph_infos, buf.glyph_positions)]
    return runs


def _cut(data: bytes, unicodes, glyphs, closure: bool) -> TTFont:
    from fontTools import subset
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_closure = closure
    options.hinting = False             # a third of Roboto; phones do not hint
    options.notdef_outline = True
    font = TTFont(io.BytesIO(data))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes, glyphs=glyphs)
    subsetter.subset(font)
    return font


def _bytes(font: TTFont, flavor=None) -> bytes:
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cmap(font: bytes) -> set[int]:
    """The characters a font maps, kept in .cache/fonts/ by the font's hash (reading the cmap
    table of five fonts was a tenth of a second of every build)."""
    from hooks.core import buildcache
    return buildcache.remember_on_disk(
        CACHE, "cmap", hashlib.sha256(font).hexdigest(),
        lambda: set(TTFont(io.BytesIO(font)).getBestCmap()), encode=sorted, decode=_codepoints)


def _codepoints(data) -> set[int]:
    """A cached cmap: a list of code points, or ValueError (worked out again)."""
    if not isinstance(data, list) or not all(type(c) is int and 0 <= c <= 0x10FFFF for c in data):
        raise ValueError("not a list of code points")
    return set(data)


def subset_font(src: Path, chars: set[int], words) -> bytes:
    """The font cut to the glyphs HarfBuzz uses for `words` (plus one for each character in
    `chars`), as woff2. Glyphs a substitution passes through but the final run does not show
    are found by shaping every word again with the subset: the words whose glyph runs differ add
    the full closure of their characters, until every run matches. Cached by content."""
    source = src.read_bytes()
    covered = chars & _cmap(source)
    keep = sorted(covered)
    # The words this font can show whole: those with no character outside it (one regex over
    # each word, not a set per word per font).
    outside = chars - covered
    if outside:
        shown_elsewhere = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(outside)) + "]")
        words = sorted(w for w in words if not shown_elsewhere.search(w))
    else:
        words = sorted(words)
    key = hashlib.sha256(VERSION.encode() + source + repr((keep, words)).encode()).hexdigest()[:20]
    from hooks.core import buildcache
    cached = buildcache.folder(CACHE) / f"{src.stem}-{key}.woff2"
    if cached.is_file() and cached.read_bytes()[:4] == b"wOF2":   # a cut or forged file: cut again
        return cached.read_bytes()
    full = TTFont(io.BytesIO(source))
    full.flavor = None
    data = _bytes(full)
    order = full.getGlyphOrder()
    want = _shape(data, words, order)
    glyphs = {name for run in want.values() for name, *_ in run}
    for _ in range(5):
        cut = _cut(data, keep, sorted(glyphs), closure=False)
        got = _shape(_bytes(cut), words, cut.getGlyphOrder())
        wrong = [w for w in words if got[w] != want[w]]
        if not wrong:
            break
        # one closure over the characters of all the words that came out wrong
        letters = sorted({ord(c) for word in wrong for c in word})
        glyphs.update(_cut(data, letters, [], closure=True).getGlyphOrder())
    else:  # never matched: the classic closure of every character
        cut = _cut(data, keep, [], closure=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_bytes(_bytes(cut, "woff2"))
    tmp.replace(cached)
    return cached.read_bytes()


def subset_site(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Subset every woff2 in site/assets/fonts; {name: (bytes before, bytes after)}."""
    chars, words = used_text(site_dir)
    sizes = {}
    for path in sorted((site_dir / "assets" / "fonts").glob("*.woff2")):
        source = ROOT / "docs" / "assets" / "fonts" / path.name
        if not source.exists():
            continue
        data = subset_font(source, chars, words)
        sizes[path.name] = (source.stat().st_size, len(data))
        path.write_bytes(data)
    return sizes
