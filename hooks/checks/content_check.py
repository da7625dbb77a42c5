"""What contributors write that a reader's browser would act on: requests to other hosts,
script and data links, hidden text direction changes, and pages that could not be read.

Pure functions over a scanned page; every finding names `path:line:col`.
"""
from __future__ import annotations

import html
import re

from markdown.extensions.attr_list import get_attrs_and_remainder

from hooks.checks.hindi import base, typography
from hooks.core.findings import Finding
from hooks.core.htmltok import tokens
from hooks.core.mdscan import SourcePage

# A URL that leaves the site: a scheme with a host, or a scheme-relative //host (read after
# url_form: a browser takes \ as / and drops tabs and newlines), or http(s): with no slashes
# (a browser reads https:evil.example/x as https://evil.example/x).
OFF_SITE_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|^https?:", re.I)
# Schemes that run code or carry a document of their own.
UNSAFE_SCHEME_RE = re.compile(r"^(?:javascript|vbscript|data):", re.I)

# CSS: a url(...) or a quoted string (image-set("..."), @import "...") whose URL leaves the site.
CSS_URL_RE = re.compile(r"""(?:url\(\s*['"]?|['"])\s*(?P<url>(?:[a-z][a-z0-9+.-]*:)?//[^\s'")]*"""
                        r"""|(?:javascript|vbscript|data):[^\s'")]*)""", re.I)
CSS_ESCAPE_RE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", re.S)
CSS_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
# Markdown: an image's text may hold balanced brackets, one level deep ([a [b] c]).
_MD_TEXT = r"(?:[^\[\]\n]|\[[^\[\]\n]*\])*"
MD_IMAGE_RE = re.compile(r"!\[" + _MD_TEXT + r"\]\(\s*<?(?P<url>[^)\s>]+)")
MD_LINK_RE = re.compile(r"(?<!!)\[" + _MD_TEXT + r"\]\(\s*<?(?P<url>[^)\s>]+)")
MD_REF_IMAGE_RE = re.compile(r"!\[(?P<text>" + _MD_TEXT + r")\](?:[ ]?\[(?P<label>[^\[\]\n]*)\])?")
MD_REF_DEF_RE = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?", re.M)
# An attribute list (attr_list): {: ... } or { ... } after a block, a heading or an inline element.
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*)\}")

# Attributes whose URL the browser fetches without the reader doing anything.
FETCHED = {"src", "srcset", "poster", "data", "background", "lowsrc", "imagesrcset", "xlink:href", "ping",
           "dynsrc", "longdesc", "manifest", "codebase", "archive", "profile", "itemtype"}
# Elements whose href the browser fetches (SVG and <link> with a rel that loads).
FETCHED_HREF = {"image", "feimage", "use", "script", "link"}
# <link rel=...> values that do not fetch by themselves.
LINK_NO_FETCH = {"canonical", "alternate", "author", "license", "help", "me", "next", "prev",
                 "search", "bookmark", "external", "nofollow", "noopener", "noreferrer"}
# Attributes that navigate or submit when the reader acts.
NAVIGATES = {"href", "action", "formaction", "xlink:href"}
# Elements a page may not carry: they re-point the page's URLs, redirect it, or run code.
REFUSED = {"base": "re-points every relative URL of the page", "meta": "can redirect or reconfigure the page",
           "script": "runs code", "object": "embeds another document", "embed": "embeds another document",
           "applet": "runs code", "portal": "embeds another document"}
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def url_form(value: str) -> str:
    """A URL as a browser's URL parser reads it: leading and trailing C0 controls and spaces
    dropped, tabs and newlines removed anywhere, backslashes taken as slashes."""
    value = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                  "\x1d\x1e\x1f ")
    return value.replace("\\", "/")


def css_text(css: str) -> str:
    """CSS as the browser reads it: comments dropped, escapes (\\72, \\2f, \\() decoded."""
    css = CSS_COMMENT_RE.sub(" ", css)

    def unescape(m):
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return m.group(2)
    return CSS_ESCAPE_RE.sub(unescape, css) if "\\" in css else css


def _srcset_urls(value: str):
    for part in value.split(","):
        url = part.strip().split(" ")[0]
        if url:
            yield url


def _finding(page: SourcePage, offset: int, rule: str, message: str, hint: str) -> Finding:
    line, col = page.line_col(offset)
    return Finding(page.path, line, col, rule, message, hint)


def _third_party(page, offset, url, where) -> Finding:
    return _finding(page, offset, "content-third-party",
                    f"{where} loads '{url[:80]}' from another host",
                    "copy the file into docs/assets/ and link it there: pages load nothing "
                    "from other hosts")


def _unsafe(page, offset, url, where) -> Finding:
    return _finding(page, offset, "content-unsafe-link",
                    f"{where} uses '{url[:60]}': javascript:, vbscript: and data: links are not "
                    "allowed", "link a page or a file of the site, or an https address")


def _script(page, offset, message) -> Finding:
    return _finding(page, offset, "content-script", message,
                    "pages carry no scripts of their own: put behaviour in docs/assets/js/ and "
                    "load it from mkdocs.yml")


def _css_findings(page, css: str, base: int, where: str) -> list[Finding]:
    found = []
    for m in CSS_URL_RE.finditer(css_text(css)):
        url = url_form(m.group("url"))
        offset = base + min(m.start(), max(len(css) - 1, 0))   # decoding may shorten the text
        if UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, offset, url, where))
        elif OFF_SITE_RE.match(url):
            found.append(_third_party(page, offset, url, where))
    return found


def _attribute_findings(page, tag: str, name: str, value: str, offset: int, rel: set,
                        attrs: dict) -> list[Finding]:
    """One attribute of a tag (raw HTML or an attribute list), its value decoded."""
    found = []
    where = f"<{tag} {name}>"
    if name.startswith("on"):
        return [_script(page, offset, f"<{tag}> has an event handler '{name}'")]
    if name == "style":
        return _css_findings(page, value, offset, f"the style of <{tag}>")
    if name == "srcdoc":      # a document of its own: read as a page
        return [_finding(page, offset, "content-script", f"<{tag} srcdoc> carries a document of its own",
                         "link a page of the site instead")]
    fetched = name in FETCHED or (name == "href" and tag in FETCHED_HREF and not (tag == "link" and rel <= LINK_NO_FETCH))
    urls = list(_srcset_urls(value)) if name.endswith("srcset") else [value]
    if tag in ("animate", "set", "animatemotion", "animatetransform") and name in ("values", "to", "from", "by"):
        urls = [v for v in value.split(";")] if attrs.get("attributename", "").lower().endswith("href") else []
        fetched = False
        name = "href"
    for url in urls:
        url = url_form(url)
        if (fetched or name in NAVIGATES or name == "href") and UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, offset, url, where))
        elif fetched and OFF_SITE_RE.match(url):
            found.append(_third_party(page, offset, url, where))
        elif name in ("action", "formaction") and OFF_SITE_RE.match(url):
            found.append(_finding(page, offset, "content-third-party",
                                  f"{where} sends a form to '{url[:80]}', another host",
                                  "pages send nothing to other hosts: link to the form instead"))
    return found


def _attr_list_findings(page, text: str) -> list[Finding]:
    """Attribute lists ({: onclick=... }, { src=... }): the keys Markdown sets on the element."""
    found = []
    for m in ATTR_LIST_RE.finditer(text):
        body = m.group("body")
        if "=" not in body:
            continue
        attrs, _ = get_attrs_and_remainder(body)
        for key, value in attrs:
            name = key.lower()
            if name in (".", "id"):
                continue
            found += _attribute_findings(page, "element", name, html.unescape(value or ""), m.start("body"), set(), {})
    return found


def check_resources(page: SourcePage) -> list[Finding]:
    """Resources from other hosts, and script or data links, in Markdown and raw HTML: raw HTML
    read as a browser's tokenizer reads it (hooks/core/htmltok.py), attribute lists as attr_list
    reads them, Markdown images inline and by reference, character references decoded."""
    text = page.prose   # code blocks are blanked: code is shown, not loaded
    found = []
    for m in MD_IMAGE_RE.finditer(text):
        url = url_form(html.unescape(m.group("url")))
        if UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, m.start("url"), url, "an image"))
        elif OFF_SITE_RE.match(url):
            found.append(_third_party(page, m.start("url"), url, "an image"))
    for m in MD_LINK_RE.finditer(text):
        url = url_form(html.unescape(m.group("url")))
        if UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, m.start("url"), url, "a link"))
    definitions = {}
    for m in MD_REF_DEF_RE.finditer(text):
        url = url_form(html.unescape(m.group("url")))
        definitions.setdefault(" ".join(m.group("label").lower().split()), (url, m.start("url")))
        if UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, m.start("url"), url, "a link"))
    for m in MD_REF_IMAGE_RE.finditer(text):
        label = m.group("label") or m.group("text")
        url, _ = definitions.get(" ".join(label.lower().split()), ("", 0))
        if url and OFF_SITE_RE.match(url) and not UNSAFE_SCHEME_RE.match(url):
            found.append(_third_party(page, m.start(), url, "an image (by reference)"))
    found += _attr_list_findings(page, text)
    for tag in tokens(text):
        if tag.closing:
            continue
        attrs = {a.name: a.value for a in tag.attrs}
        rel = set(attrs.get("rel", "").lower().split())
        if tag.name in REFUSED and not (tag.name == "script" and "src" in attrs):
            if tag.name == "script":
                found.append(_script(page, tag.start, "an inline <script> in a page"))
            else:
                found.append(_finding(page, tag.start, "content-script",
                                      f"<{tag.name}> in a page: it {REFUSED[tag.name]}",
                                      "pages carry no such elements: link a page or a file of the site"))
        if tag.name == "style" and tag.content is not None:
            found += _css_findings(page, tag.content, tag.content_start, "a <style> block")
        for attr in tag.attrs:
            found += _attribute_findings(page, tag.name, attr.name, attr.value, attr.start, rel, attrs)
    return found


def check_bidi(page: SourcePage) -> list[Finding]:
    """Characters that reorder text invisibly (the 'Trojan Source' class), in any language."""
    return [_finding(page, m.start(), "content-bidi",
                     f"invisible direction control U+{ord(m.group(0)):04X}",
                     "delete it: neither language of the site needs it")
            for m in BIDI_RE.finditer(page.text)]


def check_read(page: SourcePage) -> list[Finding]:
    """Problems met while reading the page: encoding, front matter, fact reference syntax."""
    return [Finding(page.path, line, col, rule, message, hint)
            for line, col, rule, message, hint in page.problems]


def check_text(page: SourcePage) -> list[Finding]:
    """Invisible characters and un-normalised text on pages that are not Hindi (the Hindi lint
    applies the same two rules, as hi-invisible and hi-nfc, to Hindi pages)."""
    if page.lang == "hi":
        return []
    where = base.Where(page.text)
    return typography.check_nfc(page, where, "text") + typography.check_invisible(page, where, "text")


def check_page(page: SourcePage) -> list[Finding]:
    return check_read(page) + check_resources(page) + check_bidi(page) + check_text(page)

