"""What a reader's browser will do with a built page: the policy check of the published HTML,
and the page's Content-Security-Policy.

Pure functions over text; no MkDocs import. The MkDocs adapter (hooks/mkdocs_hooks.py,
on_post_build) and `python -m hooks check --site DIR` (hooks/commands/check.py) feed it every
HTML file of the finished site, content and theme output alike. Never cached: the check is the
last word on what is published.

Each page is parsed once by lexbor (selectolax), an HTML5 parser: attribute values arrive
entity-decoded (`&#106;avascript:` is `javascript:`), comments end where a browser ends them
(`<!-->`), a `<template>`'s content is inert (not judged), `<noscript>` is parsed as markup (a
reader without scripts gets it). Every element and attribute a browser acts on is judged after the
browser's own decoding: URLs lose their tabs and newlines and surrounding spaces, `\\` counts as
`/`, `//host` and `https:\\\\host` name a host, schemes are case-blind; CSS loses its escapes
(`u\\72l(`, `\\2f\\2f`) before `url()`, `image-set()`, `src()` and `@import` are read.

Rules (each a Violation.rule; `RULES` words them):
  html-third-party  a resource from another host (src, srcset, poster, object data, background,
                    href of link (rel that fetches), use, image, feImage and other SVG refs, CSS
                    in style attributes and <style>: url(), image-set(), src(), @import, @font-face)
  html-handler      an event-handler attribute (on*)
  html-unsafe-url   a javascript:/vbscript: URL anywhere, a data: URL to navigate to, frame, embed
                    or run (data: images and fonts are allowed); a link with a scheme other than
                    http(s), mailto and tel (another program's, or a fact: reference left raw)
  html-base         a <base> element
  html-refresh      <meta http-equiv=refresh> (or set-cookie)
  html-form         a form's action or a button's formaction to another host or an unsafe URL
  html-ping         a ping attribute
  html-srcdoc       an iframe srcdoc
  html-animate      SVG animate/set of href
  html-script       a script that is not on the list of the site's own (SCRIPTS, SCRIPT_FILES)
  html-csp          the page's Content-Security-Policy meta missing, after a script, unfilled, or
                    without the hash of one of the page's allowed inline scripts

What the theme and the hooks legitimately emit is allowed by SCRIPTS and SCRIPT_FILES below, each
entry with its reason. Nothing else is exempt.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from hooks.core.findings import Finding

RULES = {
    "html-third-party": ("loads {what} from another host ({host})",
                         "publish the file in docs/assets/ and link it relatively"),
    "html-handler": ("has an event-handler attribute {what}",
                     "remove it: the site runs no script written in a page"),
    "html-unsafe-url": ("has a {what} URL",
                        "link to a page or file of the site, or an https:// page"),
    "html-base": ("has a <base> element, which re-points every relative URL of the page",
                  "remove it"),
    "html-refresh": ("has <meta http-equiv=\"{what}\">, which redirects or sets state",
                     "remove it; link to the page instead"),
    "html-form": ("has a form that sends to {what}",
                  "remove the form: the site sends reader input nowhere"),
    "html-ping": ("has a ping attribute, which reports the click to {what}",
                  "remove the ping attribute"),
    "html-srcdoc": ("has an iframe srcdoc (a second document written inline)",
                    "remove the iframe"),
    "html-animate": ("has an SVG <{what}> that animates href (a link target set at run time)",
                     "remove the animation element"),
    "html-script": ("has a script that is not one of the site's own: {what}",
                    "remove it; a script the site needs goes in docs/assets/js/ and on the "
                    "list in hooks/checks/html_policy.py"),
    "html-csp": ("{what}", "build with the project's overrides/main.html (block site_meta)"),
}

# ---------------------------------------------------------------------------------------------
# The explicit list of what the theme and the hooks emit.

#: Script files the pages may load (paths relative to the site root, as regexes), with reasons.
SCRIPT_FILES = [
    (r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", "Material's bundle (base.html, block scripts)"),
    (r"assets/js/search-lang\.js", "the page's language only in search (overrides/main.html, block libs)"),
    (r"assets/js/search-lazy\.js", "search index loaded when the reader opens search (overrides/main.html)"),
    (r"assets/js/lang-switch\.js", "the language switch (mkdocs.yml extra_javascript)"),
    (r"assets/js/tables\.js", "table cues on pages with a table (overrides/main.html, block scripts)"),
    (r"assets/js/moe-calculator\.js", "the MoE calculator and step-through (loaded by the lazy "
                                      "loader below)"),
]

# A site-relative path as Material and MkDocs' url filter write it ("..", "../..", ".", or the
# absolute published path on the 404 pages).
_REL = r'(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~-]+/)*)'

_MATERIAL_SCOPE = (
    '__md_scope=new URL("@PATH@",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
_MATERIAL_PALETTE = (
    'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media)'
    '{var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?'
    '"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");'
    'palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute('
    '"data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent='
    'input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))'
    'document.body.setAttribute("data-md-color-"+key,value)}')
_MATERIAL_TABBED = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                    '(target.checked=target.name.startsWith("__tabbed_"))')
_MOE_LOADER = (
    '(function () { var els = [].slice.call(document.querySelectorAll("#moe-calc, #moe-size")), done = false; '
    'function go() { if (done) return; done = true; var s = document.createElement("script"); '
    's.src = "@PATH@"; document.body.appendChild(s); } '
    'if (!els.length || !window.IntersectionObserver) return go(); var w = new IntersectionObserver('
    'function (seen) { if (seen.some(function (e) { return e.isIntersecting; })) { w.disconnect(); go(); } }, '
    '{ rootMargin: "1000px 0px" }); els.forEach(function (el) { w.observe(el); }); })();')


def _pattern(text: str, holes: dict[str, str]) -> str:
    out = re.escape(text)
    for name, rx in holes.items():
        out = out.replace(re.escape(name), rx)
    return out


@lru_cache(maxsize=1)
def inline_scripts() -> list[tuple[str, str, re.Pattern]]:
    """The inline scripts the site's pages may run: (name, reason, pattern of the whole text).
    Their hashes go into each page's Content-Security-Policy; any other inline script is
    html-script (and the browser refuses it)."""
    from hooks.render import page_sources, site_fixes  # texts the hooks write, taken from where they are written
    root = _strip_tag(site_fixes.ROOT_SCRIPT).replace("%s", "@PUBLISHED@", 1).replace("%s", "@FOLDER@", 1)
    entries = [
        ("material-scope", "Material 9.8.2 partials/javascripts/base.html: where the site's local "
                           "settings (palette, consent) are kept; the site's path is the only variable",
         _pattern(_MATERIAL_SCOPE, {"@PATH@": _REL.replace("/(?:", "/?(?:", 1)})),
        ("material-palette", "Material 9.8.2 base.html: applies the reader's saved colour scheme "
                             "before the first paint (the dark scheme)", re.escape(_MATERIAL_PALETTE)),
        ("material-tabbed", "Material 9.8.2 partials/javascripts/content.html: opens the content tab "
                            "a #hash names", re.escape(_MATERIAL_TABBED)),
        ("moe-loader", "overrides/main.html, block scripts: loads the MoE calculator script when "
                       "the calculator comes near the screen",
         _pattern(_MOE_LOADER, {"@PATH@": r"(?:\.\./)*assets/js/moe-calculator\.js"})),
        ("cite-back", "hooks/render/page_sources.py (hooks/data/cite-back.js): the citation marks' "
                      "tooltips and the way back from a source entry", re.escape(page_sources.SCRIPT)),
        ("404-root", "hooks/render/site_fixes.py ROOT_SCRIPT: the 404 page finds the site's root under "
                     "any address and sets its base there",
         _pattern(root, {"@PUBLISHED@": r"/(?:[A-Za-z0-9._~-]+/)*", "@FOLDER@": r"(?:[a-z]{2}/)?"})),
        ("404-config", "hooks/render/site_fixes.py CONFIG_SCRIPT: the 404 page points Material's search "
                       "at the root found above", re.escape(_strip_tag(site_fixes.CONFIG_SCRIPT))),
    ]
    return [(name, reason, re.compile(r"\s*" + rx + r"\s*", re.S)) for name, reason, rx in entries]


def _strip_tag(text: str) -> str:
    return text.removeprefix("<script>").removesuffix("</script>")


def allowed_script(text: str) -> str | None:
    """The name of the list entry an inline script's text is, or None."""
    for name, _reason, rx in inline_scripts():
        if rx.fullmatch(text):
            return name
    return None


# ---------------------------------------------------------------------------------------------
# URLs as a browser reads them.

_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_NL = str.maketrans("", "", "\t\n\r")
_C0_SPACE = "".join(chr(i) for i in range(0x21))
SPECIAL = {"http", "https", "ws", "wss", "ftp", "file"}
SCRIPT_SCHEMES = {"javascript", "vbscript"}
LINK_SCHEMES = SPECIAL | {"mailto", "tel"}     # what a link of the site may lead to


@dataclass(frozen=True)
class URL:
    scheme: str   # "" for a relative URL
    host: str     # "" when the URL stays on the page's own host


def parse_url(value: str) -> URL:
    """Scheme and host of an attribute's URL as the WHATWG URL parser on an http(s) page sees them:
    leading/trailing C0 controls and spaces dropped, tabs and newlines removed anywhere, scheme
    case-blind, `\\` as `/` for special schemes and relative URLs, any run of slashes before a host."""
    v = value.strip(_C0_SPACE)
    if "\t" in v or "\n" in v or "\r" in v:
        v = v.translate(_TAB_NL)
    m = _SCHEME_RE.match(v)
    scheme = m.group(1).lower() if m else ""
    if scheme and scheme not in SPECIAL:
        return URL(scheme, "")
    rest = (v[m.end():] if m else v).replace("\\", "/")
    if scheme:
        # After a special scheme, a browser skips any slashes and reads a host (an https page
        # reads "https:x" as relative: judged here as the host it would be elsewhere).
        if scheme == "file":
            return URL(scheme, "file")
        authority = rest.lstrip("/")
    elif rest.startswith("//"):
        authority = rest.lstrip("/")
    else:
        return URL("", "")
    host = re.split(r"[/?#]", authority, maxsplit=1)[0]
    host = host.rpartition("@")[2]
    if host.startswith("["):
        host = host.partition("]")[0] + "]"
    else:
        host = host.partition(":")[0]
    host = unquote(host).lower().rstrip(".")
    return URL(scheme or "", host or "(no host)")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset (or imagesrcset), split as the HTML spec does (commas inside a
    candidate's URL belong to it; descriptors follow whitespace)."""
    out, i, n = [], 0, len(value)
    ws = " \t\n\r\f"
    while i < n:
        while i < n and (value[i] in ws or value[i] == ","):
            i += 1
        if i >= n:
            break
        start = i
        while i < n and value[i] not in ws:
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while i < n and (value[i] != "," or depth):
                depth += value[i] == "("
                depth -= value[i] == ")" and depth > 0
                i += 1
        if url:
            out.append(url)
    return out


# ---------------------------------------------------------------------------------------------
# CSS as a browser reads it.

_CSS_ESC_RE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6})[ \t\n\r\f]?|\r\n|([\s\S]))")
_CSS_COMMENT_RE = re.compile(r"/\*[\s\S]*?(?:\*/|$)")
_CSS_URL_RE = re.compile(r"url\(\s*(?:\"([^\"]*)\"?|'([^']*)'?|([^)\s\"']*))", re.I)
_CSS_STRING_FN_RE = re.compile(r"(?:image-set|image|src|cross-fade)\(", re.I)
_CSS_STRING_RE = re.compile(r"\"([^\"]*)\"?|'([^']*)'?")
_CSS_IMPORT_RE = re.compile(r"@import\s*(?:url\(\s*)?(?:\"([^\"]*)|'([^']*)|([^\s;\"')]+))", re.I)


def _css_unescape(m: re.Match) -> str:
    if m.group(1):
        code = int(m.group(1), 16)
        return "\ufffd" if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else chr(code)
    if m.group(2) is None or m.group(2) in "\n\r\f":
        return ""          # an escaped newline: a line continuation inside a string
    return m.group(2)


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet (or a style attribute) may fetch: url(), the strings of
    image-set()/image()/src()/cross-fade(), @import (with or without url()), @font-face's src.
    Read twice, with comments kept and with comments as spaces, so that neither a comment nor a
    string that only looks like one hides a URL (over-counting is safe)."""
    if "\\" in css:
        css = _CSS_ESC_RE.sub(_css_unescape, css)
    out = []
    texts = [css, _CSS_COMMENT_RE.sub(" ", css)] if "/*" in css else [css]
    for text in texts:
        out += [a or b or c for a, b, c in _CSS_URL_RE.findall(text)]
        out += [a or b or c for a, b, c in _CSS_IMPORT_RE.findall(text)]
        for m in _CSS_STRING_FN_RE.finditer(text):
            depth, i = 1, m.end()
            while i < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            out += [a or b for a, b in _CSS_STRING_RE.findall(text, m.end(), i)]
    return [u for u in dict.fromkeys(out) if u.strip()]


# ---------------------------------------------------------------------------------------------
# The judgement.

@dataclass(frozen=True)
class Violation:
    rule: str
    tag: str
    attr: str      # the attribute, or "" for an element or its text
    value: str     # the decoded value, as the browser uses it
    message: str   # the rule's words, filled in

    def needles(self) -> list[str]:
        """Texts to look for in the Markdown source (and the built file) to place the finding,
        the most telling first: the attribute as written, its value, the host, the name."""
        out = []
        first = self.value.strip().splitlines()[0][:80] if self.value.strip() else ""
        if self.attr and first:
            out += [f'{self.attr}="{first}"', f"{self.attr}='{first}'", f"{self.attr}={first}"]
        if first:
            out.append(first)
            host = parse_url(self.value).host
            if host and host != "(no host)":
                out.append(host)
        if self.attr:
            out.append(self.attr + "=")
        out.append("<" + self.tag)
        return out


# Media may be data: URLs (images, fonts); these tags navigate, frame, embed or run what they load.
_DATA_REFUSED = {"script", "iframe", "frame", "embed", "object", "link", "portal", "fencedframe"}
# <link rel> values that fetch nothing: judged as links, not as resources.
_LINK_NO_FETCH = {"canonical", "alternate", "author", "license", "help", "next", "prev", "bookmark",
                  "external", "nofollow", "noopener", "noreferrer", "tag", "me", "search",
                  "privacy-policy", "terms-of-service", "opener"}
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
             "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
             "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
             "text/x-ecmascript", "text/x-javascript",
             # not JavaScript, but acted on: an import map and speculation rules (prefetches)
             "importmap", "speculationrules"}
_RESOURCE_ATTRS = {"src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc",
                   "codebase", "archive", "manifest", "profile", "icon"}
_HREFS = {"href", "xlink:href"}
_URL_ONLY = {"action", "formaction", "cite", "longdesc", "usemap", "itemid", "itemtype",
             "attributionsrc", "data"}
# A URL that starts with one of these and has no ":" is a relative path on the site's own host
# (not "/": "//host" and "/\\host" name a host; not whitespace or controls, which the URL parser
# drops first)
_PATH_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#?.-_~%")
_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "discard"}
_INTERESTING = _RESOURCE_ATTRS | _HREFS | _URL_ONLY | {"style", "srcdoc", "ping", "http-equiv",
                                                       "attributename", "values", "to", "from", "by"}
# lexbor lowercases attribute names, then gives some SVG ones their camel case back
_INTERESTING_AS_PARSED = _INTERESTING | {"attributeName"}

_CSP_EQUIV = "Content-Security-Policy".lower()
CSP_PLACEHOLDER_SCRIPTS = "'inline-script-hashes'"
CSP_PLACEHOLDER_STYLES = "'inline-style-hashes'"


def _short(value: str, n: int = 80) -> str:
    value = " ".join(value.split())
    return value if len(value) <= n else value[: n - 1] + "…"


class _Judge:
    def __init__(self, own_hosts, site_root_depth=None):
        self.own = {h.lower() for h in own_hosts}
        self.out: list[Violation] = []

    def add(self, rule, tag, attr, value, **words):
        what, _hint = RULES[rule]
        self.out.append(Violation(rule, tag, attr, value, what.format(**words)))

    def where(self, tag, attr):
        return f"<{tag}> {attr}" if attr else f"<{tag}>"

    def resource(self, tag, attr, url, *, data_ok: bool, what: str | None = None):
        """A URL the browser fetches (or runs, frames, embeds)."""
        if ":" not in url and "/" not in url[:3] and "\\" not in url[:3]:
            return None          # a plain relative path: the site's own (fast path)
        u = parse_url(url)
        if u.scheme in SCRIPT_SCHEMES:
            self.add("html-unsafe-url", tag, attr, url, what=f"{u.scheme}: ({self.where(tag, attr)})")
        elif u.scheme == "data" and not data_ok:
            self.add("html-unsafe-url", tag, attr, url, what=f"data: ({self.where(tag, attr)})")
        elif u.host and u.host not in self.own:
            self.add("html-third-party", tag, attr, url, what=what or self.where(tag, attr), host=u.host)
        return u

    def navigation(self, tag, attr, url):
        """A URL the reader goes to: any host, but no script and no data: document."""
        if ":" not in url or url.startswith(("https://", "http://", "mailto:")):
            return               # relative, or a scheme that only navigates (fast path)
        u = parse_url(url)
        if u.scheme in SCRIPT_SCHEMES or u.scheme == "data":
            self.add("html-unsafe-url", tag, attr, url, what=f"{u.scheme}: ({self.where(tag, attr)})")
        elif u.scheme and u.scheme not in LINK_SCHEMES:
            # another program's scheme (or a reference that never became a link, e.g. fact:)
            self.add("html-unsafe-url", tag, attr, url,
                     what=f"{u.scheme}: ({self.where(tag, attr)}; a scheme the site does not link with)")

    def css(self, tag, attr, text):
        for url in css_urls(text):
            self.resource(tag, attr, url, data_ok=True, what=f"CSS url in {self.where(tag, attr or 'text')}")


def _script_type(attrs: dict) -> str:
    if "type" in attrs:
        return (attrs["type"] or "").strip().lower()
    lang = (attrs.get("language") or "").strip().lower()
    return "text/" + lang if lang else ""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass
class PageReport:
    violations: list[Violation]
    script_hashes: list[str]     # CSP sources of the page's allowed inline scripts, in order
    style_hashes: list[str]      # CSP sources of its style attributes and <style> elements that passed


def _site_path(src: str, u: URL, own) -> str:
    """A script URL as a path to match SCRIPT_FILES: an absolute URL of the site's own host
    loses its scheme and host."""
    v = src.strip()
    if u.host and u.host in own:
        v = "/" + re.split(r"[/\\]", v.split("//", 1)[-1].lstrip("/\\"), maxsplit=1)[-1]
    return v


_SCRIPT_FILE_RES = [re.compile(r"(?:(?:\.\./)*|/(?:[A-Za-z0-9._~-]+/)*)" + rx) for rx, _ in SCRIPT_FILES]


def judge_page(text: str, own_hosts=(), require_csp: bool = False, check_files: bool = True,
               csp_filled_later: bool = False) -> PageReport:
    """Every violation of the policy in one HTML document (or fragment), and the hashes its
    Content-Security-Policy must list. `own_hosts`: the site's own host names (site_url's), whose
    absolute URLs are not another host. `require_csp`: the page must carry the project's CSP
    meta, in <head> before any script, filled with the hashes of its allowed inline scripts.
    `check_files`: a script file the page loads must be one of SCRIPT_FILES. `csp_filled_later`:
    the build fills the meta's hashes after this judgement (fill_csp), so they are not looked for."""
    tree = LexborHTMLParser(text)
    judge = _Judge(own_hosts)
    script_hashes: list[str] = []
    style_hashes: list[str] = []
    csp_metas = []
    first_script_before_csp = False
    if tree.root is None:
        return PageReport([], [], [])
    # Every element, in document order (a ~900-element page of Material's navigation is walked in
    # about a third of a millisecond); the per-attribute test is one set look-up.
    for node in tree.root.traverse(include_text=False):
        attrs = node.attributes
        if attrs:
            tag = None
            for name, value in attrs.items():
                if name in _INTERESTING_AS_PARSED:
                    if value is None:
                        continue
                    if (name == "href" or name == "src") and ":" not in value and value[:1] in _PATH_START:
                        continue    # a relative path ("../x/", "#id", "x.png"): no host, no scheme
                elif name[0] == "o" and name[1:2] == "n":   # lexbor lower-cases attribute names
                    tag = tag or (node.tag or "").lower()
                    judge.add("html-handler", tag, name, value or "", what=f"{name} on <{tag}>")
                    continue
                else:
                    continue
                ltag = tag = tag or (node.tag or "").lower()
                lname = name.lower()
                if lname in _HREFS:
                    if ltag in ("a", "area"):
                        judge.navigation(ltag, lname, value)
                    elif ltag == "link":
                        rels = set((attrs.get("rel") or "").lower().split())
                        if rels and rels <= _LINK_NO_FETCH:
                            judge.navigation(ltag, lname, value)
                        else:
                            judge.resource(ltag, lname, value, data_ok=False)
                    elif ltag != "base":
                        judge.resource(ltag, lname, value, data_ok=ltag not in _DATA_REFUSED)
                elif lname in ("srcset", "imagesrcset"):
                    for url in srcset_urls(value):
                        judge.resource(ltag, lname, url, data_ok=True)
                elif lname in _RESOURCE_ATTRS:
                    judge.resource(ltag, lname, value, data_ok=ltag not in _DATA_REFUSED)
                elif lname == "data":
                    if ltag == "object":
                        judge.resource(ltag, lname, value, data_ok=False)
                elif lname in ("action", "formaction"):
                    if value.strip():
                        u = parse_url(value)
                        if (u.scheme and u.scheme not in LINK_SCHEMES) or (u.host and u.host not in judge.own):
                            judge.add("html-form", ltag, lname, value, what=_short(value))
                elif lname in _URL_ONLY:
                    judge.navigation(ltag, lname, value)
                elif lname == "style":
                    before = len(judge.out)
                    judge.css(ltag, "style", value)
                    if len(judge.out) == before and value.strip():
                        style_hashes.append(_csp_hash(value))
                elif lname == "srcdoc":
                    judge.add("html-srcdoc", ltag, lname, value)
                elif lname == "ping":
                    judge.add("html-ping", ltag, lname, value, what=_short(value))
                elif lname == "http-equiv" and ltag == "meta":
                    equiv = value.strip().lower()
                    if equiv in ("refresh", "set-cookie"):
                        judge.add("html-refresh", ltag, lname, attrs.get("content") or value, what=equiv)
                elif lname == "attributename" and ltag in _ANIMATIONS:
                    if value.strip().lower() in ("href", "xlink:href"):
                        judge.add("html-animate", ltag, lname, value, what=ltag)
                elif lname in ("values", "to", "from", "by") and ltag in _ANIMATIONS:
                    for part in value.split(";"):
                        judge.navigation(ltag, lname, part)
    # The elements judged by name, in document order (found by lexbor: the walk above reads no
    # element's name unless one of its attributes matters).
    for node in tree.css("script, style, base, meta"):
        ltag = (node.tag or "").lower()
        attrs = node.attributes or {}
        if ltag == "meta":
            if (attrs.get("http-equiv") or "").strip().lower() == _CSP_EQUIV:
                csp_metas.append((node, attrs.get("content") or ""))
            continue
        if ltag == "script":
            kind = _script_type(attrs)
            if kind not in _JS_TYPES:
                continue            # data (JSON, JSON-LD): not run
            if not csp_metas:
                first_script_before_csp = True
            src = attrs.get("src") if "src" in attrs else attrs.get("href", attrs.get("xlink:href"))
            if src is not None:
                # (its host and scheme were judged with the attributes above)
                u = parse_url(src)
                elsewhere = u.host and u.host not in judge.own
                if check_files and not elsewhere and u.scheme not in SCRIPT_SCHEMES | {"data"} and not any(
                        f.fullmatch(_site_path(src, u, judge.own)) for f in _SCRIPT_FILE_RES):
                    judge.add("html-script", ltag, "src", src, what=_short(src))
                continue
            body = node.text(deep=True)
            if allowed_script(body):
                script_hashes.append(_csp_hash(body))
            else:
                judge.add("html-script", ltag, "", body, what="inline: " + _short(body, 60))
        elif ltag == "style":
            body = node.text(deep=True)
            before = len(judge.out)
            judge.css(ltag, "", body)
            if len(judge.out) == before and body.strip():
                style_hashes.append(_csp_hash(body))
        elif ltag == "base":
            judge.add("html-base", ltag, "href", (attrs or {}).get("href") or "")
    if require_csp:
        _judge_csp(judge, csp_metas, first_script_before_csp, [] if csp_filled_later else script_hashes,
                   csp_filled_later)
    return PageReport(judge.out, list(dict.fromkeys(script_hashes)), list(dict.fromkeys(style_hashes)))


def _judge_csp(judge: _Judge, metas, script_first: bool, hashes: list[str], later: bool) -> None:
    def problem(what):
        judge.add("html-csp", "meta", "http-equiv", "Content-Security-Policy", what=what)
    if not metas:
        problem("has no Content-Security-Policy meta")
        return
    if len(metas) > 1:
        problem(f"has {len(metas)} Content-Security-Policy metas (the site writes one)")
    node, content = metas[0]
    if node.parent is None or node.parent.tag != "head":
        problem("has its Content-Security-Policy meta outside <head>, where browsers ignore it")
    if script_first:
        problem("runs a script before its Content-Security-Policy meta, which does not govern it")
    if later:
        return
    if CSP_PLACEHOLDER_SCRIPTS in content or CSP_PLACEHOLDER_STYLES in content:
        problem("has a Content-Security-Policy whose hashes were never filled in (post-build)")
        return
    listed = set(re.split(r"[\s;]+", content))
    for h in hashes:
        if h not in listed:
            problem(f"allows an inline script of the site's list whose hash {h} its "
                    "Content-Security-Policy lacks (the browser refuses it)")
    if "'unsafe-inline'" in _directive(content, "script-src"):
        problem("allows any inline script ('unsafe-inline' in script-src)")


def _directive(policy: str, name: str) -> str:
    for part in policy.split(";"):
        words = part.split(None, 1)
        if words and words[0].lower() == name:
            return words[1] if len(words) > 1 else ""
    return ""


# ---------------------------------------------------------------------------------------------
# The Content-Security-Policy, filled in after the build.

_CSP_META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def fill_csp(text: str, report: PageReport) -> str:
    """The page with its CSP meta's placeholders replaced by the hashes of its allowed inline
    scripts and of its style attributes and <style> elements (policy-clean ones only).
    Unchanged if there is no placeholder."""
    m = _CSP_META_RE.search(text)
    if m is None or CSP_PLACEHOLDER_SCRIPTS not in m.group(1):
        return text
    content = m.group(1)
    content = content.replace(CSP_PLACEHOLDER_SCRIPTS, " ".join(report.script_hashes))
    styles = " ".join(report.style_hashes)
    # 'unsafe-hashes': the hashes also allow style attributes with exactly those values
    content = content.replace(CSP_PLACEHOLDER_STYLES, ("'unsafe-hashes' " + styles) if styles else "")
    content = re.sub(r" {2,}", " ", content).replace(" ;", ";")
    return text[: m.start(1)] + content + text[m.end(1):]


def drop_csp(text: str) -> str:
    """The page without its CSP meta (the dev server injects its own reload script)."""
    return _CSP_META_RE.sub("", text, count=1)


def line_of(text: str, needles, used: set | None = None) -> tuple[int, int] | None:
    """(line, column), 1-based, of the first place in `text` where a needle occurs (the most
    telling needle first), skipping places already given to another finding (`used`)."""
    lowered = unescaped = None
    for needle in needles:
        if not needle:
            continue
        for how in ("as is", "any case", "decoded"):
            if how == "any case":
                lowered = lowered if lowered is not None else text.lower()
                hay, want = lowered, needle.lower()
            elif how == "decoded":
                # the source wrote the value with character references (&#106;avascript:):
                # each line as the browser decodes it (the column is the line's start)
                if unescaped is None:
                    unescaped = [html.unescape(line) if "&" in line else line for line in text.split("\n")]
                for number, decoded in enumerate(unescaped, 1):
                    if needle in decoded and (used is None or (number, 1) not in used):
                        if used is not None:
                            used.add((number, 1))
                        return number, 1
                continue
            else:
                hay, want = text, needle
            i = hay.find(want)
            while i >= 0:
                row = text.count("\n", 0, i) + 1
                at = (row, i - (text.rfind("\n", 0, i) + 1) + 1)
                if used is None or at not in used:
                    if used is not None:
                        used.add(at)
                    return at
                i = hay.find(want, i + 1)
    return None


# ---------------------------------------------------------------------------------------------
# The whole site (file reading and placing the findings; still no MkDocs).

def host_of(site_url: str) -> set[str]:
    host = parse_url(site_url or "").host
    return {host} if host and host != "(no host)" else set()


def sources_by_file(pages: dict, languages) -> dict:
    """Built file (site-relative) -> the Markdown page it was made from; a language's page that
    has no twin is served from the default language's."""
    from hooks.checks.linkcheck.urls import built_file, page_url
    languages = list(languages) or ["en"]
    default = languages[0]
    by_key: dict = {}
    for page in pages.values():
        by_key.setdefault(page.twin_key, {})[page.lang] = page
    out = {}
    for key, twins in by_key.items():
        for lang in languages:
            page = twins.get(lang) or twins.get(default)
            if page is not None:
                out[built_file(page_url(key, lang, default))] = page
    return out


def place(violation: Violation, rel: str, text: str, source, site_dir, config=None,
          used: set | None = None) -> Finding:
    """The finding at the source page's line when the offending text is found there (the page
    wrote it), else at the line of another source that holds its value (`config`: [(shown path,
    text)]: mkdocs.yml's site_url or a nav title, the registry's text), else at the built file's."""
    hint = RULES[violation.rule][1]
    message = f"{rel}: " + violation.message
    needles = violation.needles()
    if source is not None:
        at = line_of(source.text, needles, used)
        if at is not None:
            return Finding(source.path, at[0], at[1], violation.rule, message, hint)
    telling = [n for n in needles if len(n) > 3 and not n.startswith("<") and not n.endswith("=")]
    for shown, other in config or ():
        at = line_of(other, telling)
        if at is not None:
            return Finding(shown, at[0], at[1], violation.rule, message, hint)
    at = line_of(text, needles) or (1, 1)
    return Finding(str(Path(site_dir) / rel), at[0], at[1], violation.rule,
                   violation.message + " (written by the theme or the hooks, not found in a page's text)",
                   hint)


def declares_csp(custom_dir) -> bool:
    """Whether the theme override folder's main.html writes the CSP meta: then every page must
    carry it (fixture sites built with Material alone do not)."""
    if not custom_dir:
        return False
    try:
        return 'http-equiv="Content-Security-Policy"' in (Path(custom_dir) / "main.html").read_text(encoding="utf-8")
    except OSError:
        return False


def check_site(site_dir, pages: dict | None = None, languages=("en",), site_url: str = "",
               require_csp: bool = False, fill: bool = False, drop: bool = False,
               also=()) -> list[Finding]:
    """Every HTML file of a finished site judged (judge_page); findings placed (place), also in
    the files `also` names (mkdocs.yml, the registry). With `fill`, each page's CSP meta gets its
    hashes (fill_csp) and the file is rewritten; with `drop` (the dev server, which injects its
    own reload script), the meta is taken out."""
    site_dir = Path(site_dir)
    config = []
    for other in also:
        try:
            config.append((str(other), Path(other).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    sources = sources_by_file(pages or {}, languages)
    own = host_of(site_url)
    found: list[Finding] = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            found.append(Finding(str(path), 1, 1, "html-csp", f"{rel}: cannot be read as UTF-8 text ({err})",
                                 "rebuild the site"))
            continue
        report = judge_page(text, own, require_csp=require_csp and not drop, csp_filled_later=fill)
        if drop:
            new = drop_csp(text)
        elif fill:
            new = fill_csp(text, report)
        else:
            new = text
        if new != text:
            path.write_text(new, encoding="utf-8")
        used: set = set()     # each place in the source gets one finding
        for violation in report.violations:
            found.append(place(violation, rel, text, sources.get(rel), site_dir, config, used))
    return found
