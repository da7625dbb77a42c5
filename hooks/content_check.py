"""What contributors write that a reader's browser would act on: requests to other hosts,
script and data links, hidden text direction changes, and pages that could not be read.

Pure functions over a scanned page; every finding names `path:line:col`.
"""
from __future__ import annotations

import re

from . import hindi_lint
from .findings import Finding
from .mdscan import SourcePage

# A URL that leaves the site: a scheme with a host, or a scheme-relative //host.
OFF_SITE_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Schemes that run code or carry a document of their own.
UNSAFE_SCHEME_RE = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)

TAG_RE = re.compile(r"<(?P<tag>[A-Za-z][\w-]*)(?P<attrs>(?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>",
                    re.S)
ATTR_RE = re.compile(r"(?P<name>[^\s=>/]+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s>]+))?", re.S)
STYLE_BLOCK_RE = re.compile(r"<style\b[^>]*>(?P<css>.*?)</style\s*>", re.S | re.I)
CSS_URL_RE = re.compile(r"url\(\s*(?P<q>['\"]?)(?P<url>[^'\")]*)(?P=q)\s*\)|@import\s+(?P<q2>['\"])(?P<url2>[^'\"]*)(?P=q2)",
                        re.I)
MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]+)")
MD_LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]+)")
MD_REF_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.M)

# Attributes whose URL the browser fetches without the reader doing anything.
FETCHED = {"src", "srcset", "poster", "data", "background", "lowsrc", "imagesrcset", "xlink:href"}
# <link rel=...> values that do not fetch by themselves.
LINK_NO_FETCH = {"canonical", "alternate", "author", "license", "help", "me", "next", "prev",
                 "search", "bookmark", "external", "nofollow", "noopener", "noreferrer"}
# Attributes that navigate or submit when the reader acts.
NAVIGATES = {"href", "action", "formaction", "xlink:href"}
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _unquote(value: str | None) -> str:
    if value is None:
        return ""
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


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
                    f"{where} loads '{url}' from another host",
                    "copy the file into docs/assets/ and link it there: pages load nothing "
                    "from other hosts")


def _unsafe(page, offset, url, where) -> Finding:
    return _finding(page, offset, "content-unsafe-link",
                    f"{where} uses '{url[:60]}': javascript:, vbscript: and data: links are not "
                    "allowed", "link a page or a file of the site, or an https address")


def _css_findings(page, css: str, base: int, where: str) -> list[Finding]:
    found = []
    for m in CSS_URL_RE.finditer(css):
        url = m.group("url") if m.group("url") is not None else m.group("url2")
        offset = base + m.start()
        if OFF_SITE_RE.match(url):
            found.append(_third_party(page, offset, url, where))
        elif UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, offset, url, where))
    return found


def check_resources(page: SourcePage) -> list[Finding]:
    """Resources from other hosts, and script or data links, in Markdown and raw HTML."""
    text = page.prose   # code blocks are blanked: code is shown, not loaded
    found = []
    for m in MD_IMAGE_RE.finditer(text):
        url = m.group("url")
        if OFF_SITE_RE.match(url):
            found.append(_third_party(page, m.start("url"), url, "an image"))
        elif UNSAFE_SCHEME_RE.match(url):
            found.append(_unsafe(page, m.start("url"), url, "an image"))
    for pattern in (MD_LINK_RE, MD_REF_DEF_RE):
        for m in pattern.finditer(text):
            if UNSAFE_SCHEME_RE.match(m.group("url")):
                found.append(_unsafe(page, m.start("url"), m.group("url"), "a link"))
    for m in STYLE_BLOCK_RE.finditer(text):
        found += _css_findings(page, m.group("css"), m.start("css"), "a <style> block")
    for m in TAG_RE.finditer(text):
        tag = m.group("tag").lower()
        attrs = {}
        for a in ATTR_RE.finditer(m.group("attrs")):
            attrs[a.group("name").lower()] = (_unquote(a.group("value")), m.start("attrs") + a.start())
        rel = set(attrs.get("rel", ("", 0))[0].lower().split())
        for name, (value, offset) in attrs.items():
            where = f"<{tag} {name}>"
            if name == "style":
                found += _css_findings(page, value, offset, f"the style of <{tag}>")
                continue
            urls = list(_srcset_urls(value)) if name.endswith("srcset") else [value]
            fetched = name in FETCHED or (tag == "link" and name == "href" and not rel <= LINK_NO_FETCH)
            for url in urls:
                if fetched and OFF_SITE_RE.match(url):
                    found.append(_third_party(page, offset, url, where))
                elif (fetched or name in NAVIGATES) and UNSAFE_SCHEME_RE.match(url):
                    found.append(_unsafe(page, offset, url, where))
            if name.startswith("on"):
                found.append(_finding(page, offset, "content-script",
                                      f"<{tag}> has an event handler '{name}'",
                                      "pages carry no scripts of their own: put behaviour in "
                                      "docs/assets/js/ and load it from mkdocs.yml"))
        if tag == "script" and "src" not in attrs:
            found.append(_finding(page, m.start(), "content-script",
                                  "an inline <script> in a page",
                                  "put scripts in docs/assets/js/ and load them from mkdocs.yml"))
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
    where = hindi_lint.Where(page.text)
    return hindi_lint.check_nfc(page, where, "text") + hindi_lint.check_invisible(page, where, "text")


def check_page(page: SourcePage) -> list[Finding]:
    return check_read(page) + check_resources(page) + check_bidi(page) + check_text(page)

