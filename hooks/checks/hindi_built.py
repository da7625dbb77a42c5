"""The built Hindi pages as a reader meets them (issue 29): every page under site/hi/, parsed with
the HTML5 parser the built-site policy uses (selectolax/lexbor), scripts and styles left out.

- hi-fact-id: a registry fact id shown to the reader (the generator that printed it should name
  the fact by its label);
- hi-spelling, hi-phrase: a word or wording the controlled list rejects (hooks/data/spelling.yaml),
  generated text included;
- hi-latin-prose: English prose in a Hindi page. Latin script is the reader's own only as a name
  (hooks/data/names.yaml), a quoted original beside its Hindi (in quotation marks or brackets,
  as the pages write `"हिंदी" (मूल अंग्रेज़ी में: "<span lang="en">original</span>")`), a first-use gloss in
  brackets, the title of a source (a link to another site, a work's title set in italics or
  `<cite>`), code, or a figure's unit. Marking a run `lang="en"` does not make it any of these.
  Four or more Latin words in a row outside them is prose the reader cannot read.

Findings name the built file and the line of its HTML.
"""
from __future__ import annotations

import html as html_mod
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from hooks.checks.hindi import base, wordlists
from hooks.core.findings import Finding

# Elements whose text is not the page's prose, or is Latin by right (see the module's docstring).
SKIP_TAGS = {"script", "style", "template", "noscript", "code", "pre", "kbd", "samp", "cite", "em", "i"}
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption",
          "summary", "caption", "blockquote", "div", "section", "article", "header", "footer",
          "nav", "label", "button", "title", "text", "desc", "body", "ol", "ul", "table", "details"}
WORD = r"[A-Za-z][A-Za-z'’&.-]*"
NUMBER = r"\d[\d.,]*[A-Za-z%]*"
# Four Latin words in a row; figures between them (a model's size, a year) do not break a run.
LATIN_RUN_RE = re.compile(rf"{WORD}(?:(?:[ ,:;/]+{NUMBER})*[ ,:;/]+{WORD}){{3,}}")
# Quoted or bracketed stretches: an original beside its Hindi, a gloss, a publisher and date.
ASIDE_RE = re.compile(r"\"[^\"\n]*\"|“[^“”\n]*”|‘[^‘’\n]*’|«[^«»\n]*»|\([^()\n]*\)"
                      r"|(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])")
TAG_RE = re.compile(r"<[^>]*>", re.S)
GAP = "\u2063"   # what stands for text taken out: it ends a run (a name is not part of a sentence)
HIDDEN_RE = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)


def names_pattern(publishers=()) -> re.Pattern | None:
    """The names a Hindi page may write in Latin: hooks/data/names.yaml's, and the publishers
    of the registry's sources (a source's name, as a source list prints it)."""
    names = sorted({n.latin for n in wordlists.load_names()} | {p for p in publishers if p},
                   key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, names)) + r")(?![A-Za-z])")


def visible_text(page_html: str) -> str:
    """A built page's text with its lines kept (tags and hidden elements as spaces), to give
    each finding the line of the HTML it comes from."""
    text = HIDDEN_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), page_html)
    return html_mod.unescape(TAG_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text))


def _off_site_link(node) -> bool:
    return node.tag == "a" and re.match(r"(?i)\s*https?://", node.attributes.get("href") or "") is not None


def _blanked(node) -> bool:
    """Whether a text node sits where Latin is the reader's own by right."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in SKIP_TAGS or _off_site_link(parent):
            return True
        parent = parent.parent
    return False


def _block_of(node):
    parent = node.parent
    while parent is not None and parent.tag not in BLOCKS:
        parent = parent.parent
    return parent


def block_texts(page_html: str) -> list[str]:
    """The text of each block of the page's body, in document order, with the text that is
    Latin by right (code, titles, links to sources) replaced by GAP."""
    tree = LexborHTMLParser(page_html)
    root = tree.body
    if root is None:
        return []
    blocks: dict[int, list[str]] = {}
    order: list[int] = []
    for node in root.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = node.text(deep=False) or ""
        block = _block_of(node)
        key = block.mem_id if block is not None else 0
        if key not in blocks:
            blocks[key] = []
            order.append(key)
        blocks[key].append(f" {GAP} " if _blanked(node) else text)
    return ["".join(blocks[k]) for k in order]


def latin_runs(page_html: str, names: re.Pattern | None = None) -> list[str]:
    """The runs of English prose in a page (see the module's docstring); `names` as
    names_pattern() gives it."""
    runs = []
    for text in block_texts(page_html):
        text = " ".join(text.split())
        if names is not None:
            text = names.sub(f" {GAP} ", text)
        # innermost brackets and quotes first, so that a quote inside brackets goes too
        for _ in range(3):
            text = ASIDE_RE.sub(f" {GAP} ", text)
        runs += [m.group(0) for m in LATIN_RUN_RE.finditer(text)]
    return runs


def _line_of(visible: str, run: str) -> int:
    words = run.split()
    m = re.search(r"\s+".join(map(re.escape, words[:4])), visible)
    return visible.count("\n", 0, m.start()) + 1 if m else 1


def check_page(page_html: str, shown: str, id_re: _IdFinder | None = None,
               names: re.Pattern | None = None) -> list[Finding]:
    """The Hindi checks of one built page; `shown` is its path in findings."""
    from hooks.checks.hindi_outside import check_text   # the controlled list, as for source text
    visible = visible_text(page_html)
    where = base.Where(visible)
    found: list[Finding] = []
    if id_re is not None:
        for m in id_re.finditer(visible):
            line, col = where(m.start())
            found.append(Finding(shown, line, col, "hi-fact-id",
                                 f"the fact id '{m.group(0)}' is shown to a Hindi reader",
                                 "name the fact by its label (the generator that printed it)"))
    found += check_text(shown, visible)
    for run in latin_runs(page_html, names):
        found.append(Finding(shown, _line_of(visible, run), 1, "hi-latin-prose",
                             f"English prose on a Hindi page: '{run[:80]}'",
                             "write it in Hindi; an original quoted beside its Hindi goes in quotation "
                             "marks or brackets, a name in hooks/data/names.yaml"))
    return found


ID_LIKE_RE = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+){2,}(?![\w-])")


class _IdFinder:
    """finditer over a text for the given ids: the words shaped like an id, kept when they are
    one (a set look-up; an alternation of a few hundred ids crawled over every page)."""

    def __init__(self, ids):
        self.ids = frozenset(ids)

    def finditer(self, text: str):
        return (m for m in ID_LIKE_RE.finditer(text) if m.group(0) in self.ids)


def fact_id_pattern(fact_ids) -> _IdFinder | None:
    """Ids of two hyphens or more (shorter ones are ordinary words: 'meta', 'llama-4')."""
    ids = [i for i in fact_ids if i.count("-") >= 2]
    return _IdFinder(ids) if ids else None


def check_site(site_dir: Path, fact_ids, publishers=(), not_translated=()) -> list[Finding]:
    """Every built Hindi page (site/hi/**/*.html). `not_translated`: the English file names
    (moe.md) the config lists as not translated yet: their Hindi pages show the English text
    under a notice on purpose, so only ids and listed variants are looked for there."""
    from hooks.checks.linkcheck.urls import built_file, page_url
    english = {built_file(page_url(rel, "hi")) for rel in not_translated}
    id_re, names = fact_id_pattern(fact_ids), names_pattern(publishers)
    found: list[Finding] = []
    for path in sorted((Path(site_dir) / "hi").rglob("*.html")):
        shown = path.relative_to(site_dir).as_posix()
        page = check_page(path.read_text(encoding="utf-8", errors="replace"), shown, id_re, names)
        found += [f for f in page if not (shown in english and f.rule == "hi-latin-prose")]
    return found
