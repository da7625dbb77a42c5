"""Share cards: a 1200x630 PNG per page, drawn at build time with the site's own fonts.

Text is shaped by HarfBuzz (Pillow's raqm layout), so Devanagari conjuncts, matras and reph
come out right. The Devanagari and the Latin font are separate files (the site's fonts are
split by script), so each line is cut into runs of one script and each run is drawn with its
font. Cards are cached by content in .cache/cards/: a rebuild copies unchanged cards instead
of drawing them again. No network is used.
"""
from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "docs" / "assets" / "fonts"
CACHE = ROOT / ".cache" / "cards"
VERSION = "3"  # change to redraw every card after a change of design
SIZE = (1200, 630)
BG, BAR, INK, MUTED, ACCENT = "#2d1a5c", "#7e57c2", "#ffffff", "#d8ccf2", "#ffc107"
FONT_FILES = {
    ("latin", 400): "roboto-latin-400-normal.woff2",
    ("latin", 700): "roboto-latin-700-normal.woff2",
    ("deva", 400): "noto-sans-devanagari-devanagari-wght-normal.woff2",  # variable: 400-700
    ("deva", 700): "noto-sans-devanagari-devanagari-wght-normal.woff2",
}
LOCALE = {"en": "en_US", "hi": "hi_IN"}
# Devanagari letters and the marks, spaces and punctuation that can sit inside a Hindi run
DEVA_RE = re.compile(r"[\u0900-\u097F\u1CD0-\u1CFF\uA8E0-\uA8FF\u200C\u200D]+")


SAFE_CARD_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")


def card_url(page_url: str) -> str:
    """Site-relative URL of a page's card: '' -> assets/cards/index.png, hi/moe/ -> .../hi/moe.png.

    The same string is the card's file name under the site and its address in og:image, so it
    must mean the same as both: a page whose URL holds anything else (MkDocs percent-encodes
    `Über Seite.md` as %C3%9Cber%20Seite/, which a server reads back as 'Über Seite') gets a
    card named by its letters in ASCII and a hash of its URL: assets/cards/Uber-Seite-e7ab076adc.png.
    """
    name = page_url.strip("/") or "index"
    if name == "hi":
        name = "hi/index"
    name = name.removesuffix(".html")
    if not SAFE_CARD_RE.fullmatch(name):
        import unicodedata
        from urllib.parse import unquote

        def ascii_of(part: str) -> str:
            return unicodedata.normalize("NFKD", unquote(part)).encode("ascii", "ignore").decode()
        parts = [re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_of(part)).strip("-")[:80] or "page"
                 for part in name.split("/")]
        parts[-1] += "-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        name = "/".join(parts)
    return f"assets/cards/{name}.png"


def _ttf(key) -> Path:
    """The woff2 font as a TTF in the cache (FreeType builds need not read WOFF2); a variable
    font is cut to the static instance of the weight asked for."""
    src = FONTS / FONT_FILES[key]
    digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
    from hooks.core import buildcache
    out = buildcache.folder(CACHE / "fonts") / f"{src.stem}-{key[1]}-{digest}.ttf"
    if not (out.is_file() and out.read_bytes()[:4] in TTF_MAGIC):   # missing, cut or forged: made again
        font = TTFont(src)
        font.flavor = None
        if "fvar" in font:
            from fontTools.varLib import instancer
            font = instancer.instantiateVariableFont(font, {"wght": key[1]}, updateFontNames=False)
        tmp = out.with_suffix(".tmp")
        font.save(tmp)
        tmp.replace(out)
    return out


_FONTS: dict = {}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TTF_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def _font(script: str, weight: int, size: int):
    key = (script, weight, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(_ttf((script, weight))), size,
                                         layout_engine=ImageFont.Layout.RAQM)
    return _FONTS[key]


def runs(text: str):
    """Split text into (script, text) runs: 'deva' for Devanagari, 'latin' for the rest.
    Spaces between two Devanagari words stay in the Devanagari run."""
    out, pos = [], 0
    for m in DEVA_RE.finditer(text):
        if m.start() > pos:
            out.append(["latin", text[pos:m.start()]])
        out.append(["deva", m.group(0)])
        pos = m.end()
    if pos < len(text):
        out.append(["latin", text[pos:]])
    merged = []
    for script, part in out:  # "क ख": the space joins the Devanagari run around it
        if merged and part.strip() == "" and script == "latin":
            merged[-1][1] += part
        elif merged and merged[-1][0] == script:
            merged[-1][1] += part
        else:
            merged.append([script, part])
    return [tuple(r) for r in merged]


def _width(text: str, weight: int, size: int) -> float:
    return sum(_font(s, weight, size).getlength(t, language="hi" if s == "deva" else "en")
               for s, t in runs(text))


def wrap(text: str, weight: int, size: int, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and _width(trial, weight, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _draw_line(draw, xy, text: str, weight: int, size: int, fill) -> None:
    x, y = xy
    for script, part in runs(text):
        font = _font(script, weight, size)
        lang = "hi" if script == "deva" else "en"
        draw.text((x, y), part, font=font, fill=fill, language=lang, anchor="ls")
        x += font.getlength(part, language=lang)


def dek_lines(dek: str, size: int = 34, width: int = 1040, most: int = 2) -> list[str]:
    """The page's one-line description under the title, at most `most` lines, cut at a word
    with "…" when it runs longer (issue 29: a WhatsApp reader sees the card first)."""
    lines = wrap(" ".join(dek.split()), 400, size, width)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1].split()
        while len(last) > 1 and _width(" ".join(last) + " …", 400, size) > width:
            last.pop()
        lines[-1] = " ".join(last).rstrip(",;:") + " …"
    return lines


def render(title: str, site_name: str, lang: str, dek: str = "") -> bytes:
    """The card of one page as PNG bytes: the site name, the title and, when the page has a
    description, its first words as a dek under the title."""
    if not features.check("raqm"):
        raise RuntimeError("Pillow has no raqm (HarfBuzz) layout: Devanagari would not be shaped")
    image = Image.new("RGB", SIZE, BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 24, SIZE[1]], fill=BAR)
    draw.rectangle([80, 150, 200, 158], fill=ACCENT)
    _draw_line(draw, (80, 115), site_name, 700, 40, MUTED)
    size = 72
    deks = dek_lines(dek) if dek else []
    most = 4 if not deks else 2
    lines = wrap(title, 700, size, 1040)
    while len(lines) > most and size > 40:
        size -= 6
        lines = wrap(title, 700, size, 1040)
    y = 150 + 40 + size * 1.3
    for line in lines[:most]:
        _draw_line(draw, (80, y), line, 700, size, INK)
        y += size * 1.45
    y += 10
    for line in deks:
        _draw_line(draw, (80, y), line, 400, 34, MUTED)
        y += 34 * 1.6
    if not deks:   # the other language, for a card without a dek; a Hindi reader needs no "English"
        footer = "हिंदी में पढ़ें" if lang == "hi" else "English · हिंदी"
        _draw_line(draw, (80, SIZE[1] - 60), footer, 400, 30, MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _key(title: str, site_name: str, lang: str, dek: str = "") -> str:
    h = hashlib.sha256(f"{VERSION}\0{title}\0{site_name}\0{lang}\0{dek}".encode())
    for name in FONT_FILES.values():
        h.update(hashlib.sha256((FONTS / name).read_bytes()).digest())
    return h.hexdigest()[:20]


def write(site_dir: Path, cards: dict[str, tuple[str, str, str]]) -> dict[str, int]:
    """Write each card {site-relative png path: (title, site name, lang)} into site_dir.
    Returns {"drawn": n, "cached": n}."""
    from hooks.core import buildcache
    counts = {"drawn": 0, "cached": 0}
    for rel, (title, site_name, lang, *more) in sorted(cards.items()):
        dek = more[0] if more else ""
        cached = buildcache.folder(CACHE) / f"{_key(title, site_name, lang, dek)}.png"
        if cached.is_file() and cached.read_bytes()[:8] == PNG_MAGIC:   # a cut or forged file: redrawn
            counts["cached"] += 1
        else:
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(render(title, site_name, lang, dek))
            tmp.replace(cached)
            counts["drawn"] += 1
        dest = site_dir / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, dest)
    return counts


# ---- the page head: what the template (overrides/main.html, block extrahead) writes

PENDING: dict[str, tuple] = {}  # cards of the language being built: (title, site name, lang, dek)


def is_home(page) -> bool:
    return page.url.strip("/") in ("", *LOCALE)  # "" and "hi/"


def card_title(page) -> str:
    """The nav title, or on a home page (nav title "Home") its first heading."""
    if is_home(page) and page.toc and getattr(page.toc, "items", None):
        return page.toc.items[0].title
    return page.title or ""


def share(page, config, lang: str, dates: dict, checked: str | None = None) -> dict:
    """Open Graph / Twitter values of one page, its dates (first published and last changed, from
    `dates`, a pagedates.History; `checked`, the day its facts were last checked, from
    pagedates.facts_checked), its JSON-LD and its card queued for drawing."""
    from hooks.render import pagedates
    site_name = config.site_name
    title = card_title(page)
    image = card_url(page.url)
    description = (page.meta or {}).get("description") or ""
    PENDING[image] = (title, site_name, lang, description if isinstance(description, str) else "")
    source = Path(page.file.abs_src_path)
    when = pagedates.last_changed(source, ROOT, dates)
    published = (pagedates.first_published(source, ROOT, dates)
                 if isinstance(dates, pagedates.History) else None)
    other = [code for code in LOCALE if code != lang]
    kind = "website" if is_home(page) else "article"
    url = page.canonical_url or ""
    return {
        "title": title, "site_name": site_name, "lang": lang,
        "description": (page.meta or {}).get("description") or config.site_description or "",
        "url": url, "image": (config.site_url or "") + image,
        "image_alt": f"{title} · {site_name}",
        "locale": LOCALE[lang], "alternate": [LOCALE[code] for code in other],
        "type": kind,
        "modified": when.isoformat(), "modified_shown": pagedates.shown(when, lang),
        "modified_label": pagedates.LABEL[lang],
        "checked": checked, "checked_shown": pagedates.shown_iso(checked, lang) if checked else "",
        "checked_label": pagedates.CHECKED_LABEL[lang],
        "json_ld": pagedates.json_ld(kind, title, url, lang, when.isoformat(), checked,
                                     published=published.isoformat() if published else None,
                                     image=(config.site_url or "") + image, site_name=site_name,
                                     site_url=config.site_url or ""),
    }


def write_pending(site_dir: Path) -> dict[str, int]:
    counts = write(site_dir, PENDING)
    PENDING.clear()
    return counts
