"""Fixes to the built site that static-i18n and Material leave undone: the per-language 404,
per-language search indexes, page assets only where used, the translation-status table.
(Absolute hreflang and x-default are template overrides: overrides/main.html, block site_meta,
and overrides/sitemap.xml.)"""
from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlparse

from hooks.core import freshness


def read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def place_404(site_dir: Path, english_404: str | None, other_languages, site_url: str = "") -> None:
    """The last language's build overwrote /404.html: move it to /<lang>/404.html, restore English.
    Both are made useful (useful_404); the root one, which GitHub Pages serves for every
    missing address, speaks both languages."""
    built = read(site_dir / "404.html")
    if built is None or english_404 is None:
        return
    headings = {}
    for lang in other_languages:
        if f'lang="{lang}"' in built[:300]:
            (site_dir / lang).mkdir(exist_ok=True)
            (site_dir / lang / "404.html").write_text(
                useful_404(built, site_url, lang, False, f"{lang}/", site_dir), encoding="utf-8")
            headings[lang] = headline_and_title(built)
    (site_dir / "404.html").write_text(useful_404(english_404, site_url, "en", True, "", site_dir, headings),
                                       encoding="utf-8")


def headline_and_title(page: str) -> tuple[str, str]:
    """The text of a built page's first <h1> and of its <title> (entities decoded)."""
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    return (html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() if h1 else "",
            html.unescape(title.group(1)).strip() if title else "")


STATUS_WORDS = {
    "en": {"page": "Page", "status": "Hindi translation", freshness.UP_TO_DATE: "up to date",
           freshness.OUTDATED: "outdated", freshness.MISSING: "missing",
           freshness.NOT_TRANSLATED: "not translated yet", freshness.UNRECORDED: "not recorded"},
    "hi": {"page": "पन्ना", "status": "हिंदी अनुवाद", freshness.UP_TO_DATE: "ताज़ा",
           freshness.OUTDATED: "पुराना", freshness.MISSING: "नहीं है",
           freshness.NOT_TRANSLATED: "अभी अनुवाद नहीं हुआ", freshness.UNRECORDED: "दर्ज नहीं"},
}


def status_rows(grouped: dict, not_translated=()) -> list[tuple[str, object, str]]:
    rows = []
    for key, pair in sorted(grouped.items()):
        if "en" not in pair:
            continue
        rows.append((key, pair, freshness.status(pair["en"], pair.get("hi"), not_translated)))
    return rows


def status_table(grouped: dict, not_translated, lang: str, page_rel: str, href=None) -> str:
    """The translation-status table; `href(page)` gives a page's built URL (the links are then
    HTML written here), else they are Markdown links to the pages' files."""
    words = STATUS_WORDS[lang]
    here = posixpath.dirname(page_rel) or "."
    lines = [f"| {words['page']} | {words['status']} |", "|---|---|"]
    for key, pair, state in status_rows(grouped, not_translated):
        page = pair.get(lang) or pair["en"]
        link = (f'<a href="{html.escape(href(page), quote=True)}">{html.escape(page.title)}</a>' if href
                else f"[{page.title}]({posixpath.relpath(page.rel, here)})")
        lines.append(f"| {link} | {words[state]} |")
    return "\n".join(lines)


def search_for_language(site_dir: Path, lang: str, languages) -> None:
    """Write search/index.<lang>.json: the search index of one language (English at the root,
    other languages under /<lang>/), which assets/js/search-lazy.js fetches on opening search.
    Called in each language's pass, when search/search_index.json holds that pass's pages
    (static-i18n merges both languages into it only after the last pass)."""
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    others = [f"{code}/" for code in languages if code != languages[0]]
    if lang == languages[0]:
        docs = [d for d in index.get("docs", []) if not d.get("location", "").startswith(tuple(others))]
    else:
        docs = [d for d in index.get("docs", []) if d.get("location", "").startswith(f"{lang}/")]
    # What a reader may type for the pages' words (मेटा for Meta), in the index's config: Material
    # hands the worker only config and docs (search-worker.js swaps them in before searching).
    from hooks.render.search_synonyms import pairs
    config = dict(index.get("config") or {}, synonyms=pairs(lang))
    (site_dir / "search" / f"index.{lang}.json").write_text(
        json.dumps(dict(index, config=config, docs=docs), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8")


# ---- valid HTML where Material's base.html is not (it has no block to override there)

# Material 9.8.2 base.html: its two state checkboxes carry autocomplete="off", which HTML allows
# on text-like inputs only (the Nu HTML Checker: an error on every page). It keeps Firefox from
# restoring a checked box on reload; Material's script unchecks both on every page load anyway.
CHECKBOX_TOGGLES = tuple(f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"'
                         for name in ("drawer", "search"))


def valid_toggles(html: str) -> str:
    """The page without autocomplete="off" on Material's drawer and search checkboxes."""
    for tag in CHECKBOX_TOGGLES:
        html = html.replace(tag + ' autocomplete="off">', tag + ">", 1)
    return html


# ---- the 404 page: usable by a lost reader, in both languages, under any deployment path

SECTIONS = [("", "Home", "होम"), ("llama4/", "The Llama 4 story", "Llama 4 की कहानी"),
            ("race/", "The AI race", "एआई की होड़"), ("moe/", "Mixture of Experts", "मिक्सचर ऑफ़ एक्सपर्ट्स"),
            ("release/", "How open is Llama?", "Llama कितना खुला है?"), ("timeline/", "Timeline", "समयरेखा"),
            ("glossary/", "Glossary", "शब्दावली"), ("sources/", "Sources", "स्रोत")]
HELP_404 = {
    "en": ("This address is not on the site: perhaps it moved, or a link was mistyped.",
           "Search the site", "Or go to a section:"),
    "hi": ("यह पता साइट पर नहीं है: शायद पन्ना कहीं और चला गया है या लिंक ग़लत लिखा गया है।",
           "साइट में खोजें", "या किसी हिस्से पर जाएँ:"),
}
# Runs first in the head: finds the site's root (the published path when the address is under
# it, else the longest prefix of the address that holds the site) and makes it the page's base,
# so that every relative URL of the page (assets, links) resolves under any deployment path.
ROOT_SCRIPT = """<script>(function () {
  var published = "%s", path = location.pathname, root = "/";
  if (path.indexOf(published) === 0) root = published;
  else {
    var parts = path.split("/").slice(1, -1);
    for (var i = parts.length; i > 0; i--) {
      var prefix = "/" + parts.slice(0, i).join("/") + "/", xhr = new XMLHttpRequest();
      try { xhr.open("HEAD", prefix + "assets/js/search-lazy.js", false); xhr.send(); } catch (e) { continue; }
      if (xhr.status === 200) { root = prefix; break; }
    }
  }
  window.__siteRoot = root;
  var base = document.createElement("base");
  base.href = root + "%s";
  document.head.appendChild(base);
})();</script>"""
CONFIG_SCRIPT = """<script>(function () {
  var tag = document.getElementById("__config"), config = JSON.parse(tag.textContent);
  config.base = window.__siteRoot; config.search = window.__siteRoot + config.search;
  tag.textContent = JSON.stringify(config);
  if (location.pathname.indexOf(window.__siteRoot + "hi/") === 0) {   // a Hindi address: Hindi first
    var hi = document.querySelector(".lost[lang=hi]"), en = document.querySelector(".lost[lang=en]");
    if (hi && en && en.compareDocumentPosition(hi) & Node.DOCUMENT_POSITION_FOLLOWING) en.before(hi);
    var h1 = document.querySelector("h1");   // and the Hindi 404's headline and title
    if (hi && h1 && hi.getAttribute("data-headline")) {
      h1.textContent = hi.getAttribute("data-headline"); h1.lang = "hi";
      document.title = hi.getAttribute("data-title") || document.title;
    }
  }
})();</script>"""


def _built_sections(site_dir: Path | None, lang: str) -> list:
    """The sections of SECTIONS that this build has in `lang` (a fixture or a one-language
    preview has fewer): a 404 page links only pages that exist."""
    folder = "hi/" if lang == "hi" else ""
    if site_dir is None:
        return SECTIONS
    return [s for s in SECTIONS if (site_dir / folder / s[0] / "index.html").exists()]


def _help_block(lang: str, to_root: str, site_dir: Path | None = None, heading: tuple | None = None) -> str:
    """One language's help on a 404 page; with `heading` (that language's 404 headline and
    title), carried as data-headline/data-title for CONFIG_SCRIPT to show at an address in it."""
    text, search, sections = HELP_404[lang]
    prefix = to_root + ("hi/" if lang == "hi" else "")
    items = "".join(f'<li><a href="{prefix}{path}" hreflang="{lang}">{en if lang == "en" else hi}</a></li>'
                    for path, en, hi in _built_sections(site_dir, lang))
    data = "".join(f' data-{name}="{html.escape(value, quote=True)}"'
                   for name, value in zip(("headline", "title"), heading or ()) if value)
    return (f'<div class="lost" lang="{lang}"{data}><p>{text}</p>'
            f'<p><label class="md-button md-button--primary" for="__search">{search}</label></p>'
            f'<p>{sections}</p><ul>{items}</ul></div>')


def useful_404(html: str, site_url: str, lang: str, both: bool, folder: str = "",
               site_dir: Path | None = None, headings: dict | None = None) -> str:
    """A 404 page with a search button, links home and to each section (in its language, and
    in the other too when `both`: GitHub Pages serves the root 404 for every missing
    address), whose URLs resolve under any deployment path: they are made relative to the
    page's folder in the site (`folder`, "" or "hi/"), and a script in the head sets the
    page's base to that folder under the root it finds the site at."""
    published = urlparse(site_url).path or "/"
    if "window.__siteRoot" in html:
        return html
    to_root = "../" * folder.count("/")
    html = re.sub(r'((?:href|src|action)=")' + re.escape(published) + r'(?:' + re.escape(folder) + r')?',
                  lambda m: m.group(1) + ("" if m.group(0).endswith(published + folder) and folder else to_root),
                  html)
    html = html.replace('href=""', 'href="./"')  # the folder's own home, not this page
    html = html.replace(f'"base": "{published}"', '"base": ""').replace(f'"search": "{published}', '"search": "')
    # After the Content-Security-Policy meta (overrides/main.html), which governs only what follows it.
    csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', html)
    at = csp.end() if csp else html.find("<head>") + len("<head>")
    html = html[:at] + "\n" + ROOT_SCRIPT % (published, folder) + html[at:]
    blocks = [_help_block(lang, to_root, site_dir)] + (
        [_help_block(o, to_root, site_dir, (headings or {}).get(o)) for o in HELP_404 if o != lang
         and (site_dir is None or (site_dir / ("hi/" if o == "hi" else "") / "index.html").exists())]
        if both else [])
    html = re.sub(r"(<h1>[^<]*</h1>)", lambda m: m.group(1) + "".join(blocks), html, count=1)
    return re.sub(r'(<script id="__config"[^>]*>.*?</script>)', lambda m: m.group(1) + CONFIG_SCRIPT,
                  html, count=1, flags=re.S)
