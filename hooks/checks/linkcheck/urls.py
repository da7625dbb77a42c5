"""URL rules: where a page is served, what an external URL must look like, and the words."""
from __future__ import annotations

import difflib
import os
import re
from urllib.parse import urlsplit

from hooks.core.findings import Finding

BROKEN, ANCHOR, CROSS, EXTERNAL = "link-broken", "link-anchor", "link-cross-language", "link-external"
from hooks.core.settings import SUPPORTED as LANG_NAMES  # noqa: E402,N811 -- {"en": "English", ...}
SOURCES_MARKER = "<!-- sources -->"   # the Sources page gets its fact-<id> anchors at build time
GENERATED = ("facts.json",)           # files the build adds to the site (not in docs/)

SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "blob", "fact", "sms", "geo"}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"}
LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".invalid", ".internal", ".lan", ".home.arpa")
HOST_RE = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)\.?$"
                     r"|^\d{1,3}(?:\.\d{1,3}){3}$")

HINT_ANCHOR = "link an existing heading id, or give the heading that id: ## Title {{#{frag}}}"
HINT_CROSS = ("link the {lang} twin: a .md link to the English file name becomes the twin in "
              "each language")
HINT_MD = "link an existing page by its .md file"
HINT_URL = "link an existing page (best by its .md file, which MkDocs checks too)"


def page_url(twin_key: str, lang: str = "en", default: str = "en") -> str:
    """The directory URL of a page, site-relative: moe.md -> moe/, a/index.md -> a/, hi: hi/moe/."""
    stem = twin_key[:-3]
    if stem == "index" or stem == "README":
        url = ""
    elif stem.endswith("/index") or stem.endswith("/README"):
        url = stem.rsplit("/", 1)[0] + "/"
    else:
        url = stem + "/"
    return url if lang == default else f"{lang}/{url}"


def built_file(url: str) -> str:
    """The file a directory URL is served from: moe/ -> moe/index.html, '' -> index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def external_problem(url: str) -> str | None:
    """Why an external URL is not acceptable, or None. https only, with a public host."""
    if any(c.isspace() for c in url) or any(c in url for c in '<>"{}|\\^`'):
        return "is malformed (spaces or characters that must be escaped)"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- raises on a bad port
    except ValueError as err:
        return f"is malformed ({err})"
    scheme = parts.scheme.lower()
    if url.startswith("//"):
        return "has no scheme (protocol-relative)"
    if scheme not in ("https", "http", "ftp", "file"):
        return f"uses the unsupported scheme '{scheme}:'"
    if not host:
        return "has no host"
    if host in LOCAL_HOSTS or host.endswith(LOCAL_SUFFIXES) or host.startswith("127."):
        return f"points to the local machine or a private name ({host})"
    if not host.isascii():  # an internationalized name: check its ASCII (punycode) form
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"has a malformed host '{host}'"
    if not HOST_RE.match(host):
        return f"has a malformed host '{host}'"
    if scheme != "https":
        return f"is not https ({scheme}://)"
    return None


def external_finding(path, line, col, href, problem) -> Finding:
    https = "https://" + href.split("://", 1)[1] if href.lower().startswith("http://") else None
    hint = (f"link {https} (check it serves the same page)" if https and "not https" in problem
            else "link the page's full https:// address")
    return Finding(path, line, col, EXTERNAL, f"external link '{href}' {problem}", hint)


def nearest(word: str, candidates, n: int = 1) -> list[str]:
    """The closest candidates to `word` (difflib); on a large site, among the word's folder."""
    if not candidates:
        return []
    folder = word
    while len(candidates) > 200 and "/" in folder:
        folder = folder.rpartition("/")[0]
        subset = [c for c in candidates if c.startswith(folder + "/")]
        if subset:
            candidates = subset
    close = difflib.get_close_matches(word, candidates, n=n, cutoff=0.4)
    if close:
        return close
    # Nothing close: the candidate sharing the longest common prefix.
    best = max(candidates, key=lambda c: (len(os.path.commonprefix([c, word])), -len(c)))
    return [best]


def a_lang(lang: str) -> str:
    """'an English', 'a Hindi'."""
    name = LANG_NAMES.get(lang, lang)
    return ("an " if name[:1] in "AEIOU" else "a ") + name


def did_you_mean(suggestion: str | None) -> str:
    return f" -> did you mean {suggestion}?" if suggestion else ""
