"""Open questions: what the site still does not know, kept in `facts/questions.yaml`.

Every item of a page's "What we still don't know" section (the heading with the id `unknowns`)
is an entry of that file: its English and Hindi text, the pages it belongs to, the day to look
for an answer again (`review_by`), the sources that would answer it, and its status (`open`, or
`answered` on a date, with the answer and the facts or sources that give it). The page holds
the marker `<!-- questions -->` where its list goes; the list is written from the file when the
page is built, in the page's language. Answered questions go under `<!-- questions answered -->`
when the page has that marker (a "what we know" part), or else just after the open ones, dated.

- `load(root)`: read and check the file (a finding with file:line for each problem).
- `check(questions, pages, registry)` (hooks/checks/questions_check.py): the file against the pages (unknown page, a page without
  the marker, an unknown fact) and the pages against the file: a list item typed into an
  unknowns section has no entry, and is an error.
- `render(markdown, source, questions, pages, registry)` (hooks/render/questions_list.py): the page's markers replaced by
  Markdown (the questions are the page's own prose: searched, counted in the reading time, their
  links checked by MkDocs). Registry text is escaped for Markdown (sources_page.inert); the only
  markup an entry may use is **bold**, *italics* and a link to a heading, [text](#id).
- `due(questions, on)`: open questions whose review date has passed (python -m hooks facts --due).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.findings import Finding
from hooks.facts.entries import EntryReader, did_you_mean
from hooks.facts.registry import ID_RE, KINDS, URL_RE
from hooks.facts.yamlnodes import Node, read_yaml
from hooks.facts.values import LANGS

QUESTIONS = "facts/questions.yaml"
MARKER = "<!-- questions -->"
ANSWERED_MARKER = "<!-- questions answered -->"
SECTION_ID = "unknowns"
STATUSES = ("open", "answered")
FIELDS = ("id", "pages", "text", "short", "status", "review_by", "sources", "answered_on", "answer",
          "answered_by")
SOURCE_FIELDS = ("title", "url", "kind")
ANSWERED_BY_FIELDS = ("facts", "sources")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The markup an entry's text may hold: **bold**, *italics*, [text](#heading-id).
INLINE_RE = re.compile(r"\*\*(?P<b>[^*]+)\*\*|\*(?P<i>[^*]+)\*|\[(?P<t>[^\[\]]+)\]\((?P<href>[^()\s]*)\)")
ANCHOR_RE = re.compile(r"^#[A-Za-z0-9][A-Za-z0-9_-]*$")
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
HEADING_ID_RE = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")

WORDS = {
    "en": {"none": "No question is open on this page any more.",
           "answered": "Answered since we asked:",
           "answered_on": "Answered {date}",
           "sources": "Sources",
           "see": "{title}"},
    "hi": {"none": "इस पन्ने पर अब कोई सवाल खुला नहीं है।",
           "answered": "जिन सवालों का जवाब तब से मिल गया:",
           "answered_on": "{date} को जवाब मिला",
           "sources": "स्रोत",
           "see": "{title}"},
}


@dataclass
class QSource:
    title: str
    kind: str
    url: str | None = None


@dataclass
class Question:
    id: str
    pages: list                   # English page paths (docs-relative): the first is its home
    text: dict                    # lang -> text
    short: dict | None = None     # lang -> a shorter wording for the other pages (the home page)
    status: str = "open"          # open | answered
    line: int = 0
    review_by: str | None = None
    sources: list = field(default_factory=list)          # what would answer it (QSource)
    answered_on: str | None = None
    answer: dict | None = None
    answered_facts: list = field(default_factory=list)   # fact ids
    answered_sources: list = field(default_factory=list)  # QSource
    lines: dict = field(default_factory=dict)            # field -> line


@dataclass
class Questions:
    path: str
    items: dict = field(default_factory=dict)   # id -> Question, in file order
    missing: bool = False                       # there is no file (a site without questions)
    unreadable: bool = False
    hindi: list = field(default_factory=list)   # (line, Hindi text) of every entry, for the Hindi lint


# ---------------------------------------------------------------- reading the file

class _Entry(EntryReader):
    KIND = "question"
    FIELDS = FIELDS
    RULE = UNKNOWN_RULE = "registry-question"

    def by_lang(self, name: str, required: bool = True) -> dict | None:
        node = self.fields.get(name)
        if node is None or node.value is None:
            if required:
                self.problem(name, "is missing", f"add '{name}:' with 'en:' and 'hi:' under it")
            return None
        if not isinstance(node.value, dict):
            self.problem(name, "needs an English and a Hindi text", f"write '{name}:' with 'en:' and 'hi:' under it")
            return None
        for key in node.value:
            if key not in LANGS:
                self.problem(name, f"'{key}' is not a language of the site", f"use {', '.join(LANGS)}",
                             line=node.value[key].line)
        out = {}
        for lang in LANGS:
            sub = node.value.get(lang)
            if not isinstance(sub, Node) or not isinstance(sub.value, str) or not sub.value.strip():
                self.problem(name, f"has no {'Hindi' if lang == 'hi' else 'English'} text ('{lang}:')",
                             f"write the question in both languages: '{name}:' with 'en:' and 'hi:'",
                             "registry-question", line=sub.line if isinstance(sub, Node) else node.line)
                continue
            problem = _markup_problem(sub.value)
            if problem:
                self.problem(f"{name}.{lang}", problem[0], problem[1], "registry-question", line=sub.line)
                continue
            out[lang] = sub.value.strip()
        return out if len(out) == len(LANGS) else None

    def date(self, name: str, required: bool) -> str | None:
        raw = self.text(name, required)
        if raw is None:
            return None
        if not FULL_DATE_RE.match(raw):
            self.problem(name, f"'{raw}' is not a date written YYYY-MM-DD", "write e.g. 2027-03-01",
                         "registry-question-date")
            return None
        try:
            dt.date.fromisoformat(raw)
        except ValueError:
            self.problem(name, f"'{raw}' is not a day of the calendar", "check the month and the day",
                         "registry-question-date")
            return None
        return raw

    def sources(self, node: Node | None, name: str) -> list[QSource]:
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.problem(name, "must be a list of sources", "write '- title: ...' with kind: (and url:) under it")
            return []
        found = []
        for item in node.value:
            if not isinstance(item.value, dict):
                self.problem(name, "each source must be a map of title, kind and (if it has one) url",
                             "write '- title: ...' with kind: under it", "registry-question", line=item.line)
                continue
            data = item.value

            def get(key):
                sub = data.get(key)
                return sub.value if sub is not None and isinstance(sub.value, str) else None
            ok = True
            for key in data:
                if key not in SOURCE_FIELDS:
                    self.problem(f"{name}.{key}", "is not a field of a source",
                                 did_you_mean(key, SOURCE_FIELDS), "registry-question", line=data[key].line)
                    ok = False
            title, kind, url = get("title"), get("kind"), get("url")
            if not title:
                self.problem(f"{name}.title", "is missing", "name the record or report that would answer it",
                             "registry-question", line=item.line)
                ok = False
            if kind not in KINDS:
                self.problem(f"{name}.kind", f"'{kind}' is not one of {', '.join(KINDS)}" if kind else "is missing",
                             f"use one of: {', '.join(KINDS)}", "registry-question",
                             line=data["kind"].line if "kind" in data else item.line)
                ok = False
            if "url" in data and not (url and URL_RE.match(url)):
                self.problem(f"{name}.url", f"'{url}' is not an https URL without spaces, quotes or brackets",
                             "link the https address, or leave url: out when the record has none yet",
                             "registry-question", line=data["url"].line)
                ok = False
            if ok:
                found.append(QSource(title, kind, url))
        return found


def _markup_problem(text: str) -> tuple[str, str] | None:
    """Why a question's text cannot be written out, or None."""
    hint = ("link only to a heading of the question's first page, e.g. [how we know](#how-we-know); "
            "name other pages in the pages: list")
    for m in INLINE_RE.finditer(text):
        href = m.group("href")
        if href is not None and not ANCHOR_RE.match(href):
            return f"the link to '{href}' is not a link to a heading ('#id')", hint
    rest = INLINE_RE.sub("", text)
    if "](" in rest:
        return "it holds a link or image the site cannot write ('](')", hint
    return None


def load(root: Path, shown: str = QUESTIONS) -> tuple[Questions, list[Finding]]:
    """Read and check facts/questions.yaml under `root`; problems name the file as `shown`."""
    path = Path(root) / QUESTIONS
    questions = Questions(shown)
    if not path.exists():
        questions.missing = True
        return questions, []
    node, findings = read_yaml(path)
    findings = [Finding(shown, f.line, f.col, f.rule, f.message.replace("the registry", "the questions file"),
                        f.hint.replace("facts/registry.yaml", QUESTIONS)) for f in findings]
    if node is None:
        questions.unreadable = True
        return questions, findings
    top = node.value if isinstance(node.value, dict) else None
    if top is None or "questions" not in top or not isinstance(top["questions"].value, list):
        questions.unreadable = True
        return questions, findings + [Finding(shown, node.line, 1, "registry-question",
                                              "the file must hold 'questions:' and a list of entries",
                                              "see facts/SCHEMA.md, Open questions")]
    for key in top:
        if key != "questions":
            findings.append(Finding(shown, top[key].line, 1, "registry-question",
                                    f"'{key}' is not a part of the questions file", "keep only 'questions:'"))
    first_line: dict[str, int] = {}
    for index, item in enumerate(top["questions"].value):
        entry = _Entry(shown, item, index)
        for name in ("text", "short", "answer"):
            node = entry.fields.get(name)
            hi = node.value.get("hi") if node is not None and isinstance(node.value, dict) else None
            if isinstance(hi, Node) and isinstance(hi.value, str):
                questions.hindi.append((hi.line, hi.value))
        if not isinstance(item.value, dict):
            findings.append(Finding(shown, item.line, 1, "registry-question",
                                    "each question must be a map (id:, pages:, text:, status: ...)",
                                    "write '- id: ...' with the other fields under it"))
            continue
        qid = entry.text("id")
        if qid is not None and not ID_RE.match(qid):
            entry.problem("id", f"'{qid}' is not an id of lower-case letters, digits and hyphens",
                          "write e.g. behemoth-shelved")
            qid = None
        if qid is not None and qid in first_line:
            findings.append(Finding(shown, entry.line("id"), 1, "registry-question-duplicate",
                                    f"question id '{qid}' is used twice (first on line {first_line[qid]})",
                                    "give each question its own id"))
            findings += entry.findings
            continue
        if qid is not None:
            first_line[qid] = entry.line("id")
        q = _question(entry, qid)
        findings += entry.findings
        if q is not None and not entry.findings:
            questions.items[q.id] = q
    return questions, findings


def _question(entry: _Entry, qid: str | None) -> Question | None:
    pages_node = entry.fields.get("pages")
    pages = []
    if pages_node is None or not isinstance(pages_node.value, list) or not pages_node.value:
        entry.problem("pages", "needs the list of pages the question belongs to",
                      "write 'pages: [llama4/after.md]' (the English file; its Hindi twin is implied)")
    else:
        for p in pages_node.value:
            if not isinstance(p.value, str):
                entry.problem("pages", "each page is a path such as llama4/after.md", "write the path",
                              line=p.line)
            else:
                pages.append(p.value)
    text = entry.by_lang("text")
    short = entry.by_lang("short", required=False)
    status = entry.text("status")
    if status is not None and status not in STATUSES:
        entry.problem("status", f"'{status}' is not one of {', '.join(STATUSES)}", did_you_mean(status, STATUSES),
                      "registry-question")
        status = None
    review_by = entry.date("review_by", required=status == "open")
    sources = entry.sources(entry.fields.get("sources"), "sources")
    if status == "open" and "sources" not in entry.fields:
        entry.problem("sources", "is missing: an open question names the records that would answer it",
                      "add 'sources:' with title, kind (and url when the record exists)")
    answered_on = entry.date("answered_on", required=False)
    answer = entry.by_lang("answer", required=False)
    facts, answered_sources = [], []
    by = entry.fields.get("answered_by")
    if by is not None:
        data = by.value if isinstance(by.value, dict) else None
        if data is None:
            entry.problem("answered_by", "must hold facts: and/or sources:",
                          "write 'answered_by:' with 'facts: [fact-id]' or 'sources:' under it")
        else:
            for key in data:
                if key not in ANSWERED_BY_FIELDS:
                    entry.problem(f"answered_by.{key}", "is not a part of answered_by",
                                  did_you_mean(key, ANSWERED_BY_FIELDS), line=data[key].line)
            fnode = data.get("facts")
            if fnode is not None:
                if not isinstance(fnode.value, list) or any(not isinstance(f.value, str) for f in fnode.value):
                    entry.problem("answered_by.facts", "must be a list of fact ids", "write 'facts: [fact-id]'",
                                  line=fnode.line)
                else:
                    facts = [(f.value, f.line) for f in fnode.value]
            answered_sources = entry.sources(data.get("sources"), "answered_by.sources")
    if status == "answered":
        if answered_on is None and "answered_on" not in entry.fields:
            entry.problem("answered_on", "is missing: an answered question says when it was answered",
                          "add 'answered_on: YYYY-MM-DD'", "registry-question-answered")
        if answer is None and "answer" not in entry.fields:
            entry.problem("answer", "is missing: an answered question gives its answer in both languages",
                          "add 'answer:' with 'en:' and 'hi:'", "registry-question-answered")
        if not facts and not answered_sources and not entry.findings:
            entry.problem("answered_by", "is missing: an answered question names the facts or sources "
                          "that answer it", "add 'answered_by:' with 'facts: [fact-id]' or 'sources:'",
                          "registry-question-answered")
        if answered_on and answered_on > _today():
            entry.problem("answered_on", f"{answered_on} is in the future", "write the day it was answered",
                          "registry-question-date")
    elif status == "open":
        for name in ("answered_on", "answer", "answered_by"):
            if name in entry.fields:
                entry.problem(name, "is given but the status is open",
                              "set 'status: answered', or remove the field", "registry-question-answered")
    if qid is None or text is None or status is None or not pages:
        return None
    return Question(qid, pages, text, short, status, entry.node.line, review_by, sources, answered_on,
                    answer, facts, answered_sources, lines={k: v.line for k, v in entry.fields.items()})


def _today() -> str:
    from hooks.facts.review import today
    return today()


def hindi_page(questions: Questions):
    """The file's Hindi texts as a Hindi page for hooks/checks/hindi_lint.py, each on its own line of
    the file (so a finding names facts/questions.yaml:LINE), or None when there are none."""
    if not questions.hindi:
        return None
    from hooks.core.mdscan import parse
    lines = [""] * max(line for line, _ in questions.hindi)
    for line, text in questions.hindi:
        lines[line - 1] = " ".join(text.split())
    return parse("\n".join(lines) + "\n", "questions.hi.md", questions.path)


# ---------------------------------------------------------------- review dates

def due(questions: Questions, on: str) -> list[Question]:
    """Open questions whose review date is on or before `on`, in file order."""
    return [q for q in questions.items.values()
            if q.status == "open" and q.review_by and q.review_by <= on]


def check_due(questions: Questions, on: str) -> list[Finding]:
    """A warning (not an error) for each open question due for another look."""
    return [Finding(questions.path, q.lines.get("review_by", q.line), 1, "registry-question-due",
                    f"question '{q.id}' was due to be looked at again by {q.review_by}; "
                    f"on {', '.join(q.pages)}",
                    "look for an answer in its sources; then set review_by: to the next date, or "
                    "status: answered with answered_on:, answer: and answered_by:", severity="warning")
            for q in due(questions, on)]
