"""Replay the hostile-input review (../shared/reviews/hostile-inputs.md) on a copy of the project.

    python tests/replay_hostile_review.py [--only 1,13,44]

For every case the review judged anything but "good", it copies the project's working tree into
a temporary folder, applies the review's edit, runs `mkdocs build --strict` and
`python -m hooks check`, and says whether the case now holds: the build (and, where the
review expects it, the check) fails with a message naming the file, or the output comes out
escaped; never a traceback, never a hang. It prints one line per case and a count. The cases
the review found good are not replayed: the test suite holds them (tests/test_hostile.py and
the fixture sites). Slow (a build per case): not part of the test run.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


class LiveMarkup(HTMLParser):
    """What a browser would act on: event-handler attributes, javascript: URLs, script text
    that came from the edit (the theme's own scripts carry no 'alert')."""

    def __init__(self):
        super().__init__()
        self.live, self._script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"<{tag} {name}={value!r}>")
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.live.append(f"<script>{data[:40]}")


def live_markup(html: str) -> list:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.live


@dataclass
class Case:
    row: int
    name: str
    edit: Callable[[Path], None]
    expect: str  # "fail": build and check refuse it; "build-fails": the build refuses it;
    #              "escaped": no live markup in the built site; "builds": the build passes
    says: str = ""  # a piece of the message that must be printed


def sub(path: Path, pattern: str, repl: str, count: int = 1, flags=re.M) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=count, flags=flags)
    if n == 0:
        raise RuntimeError(f"edit did not apply to {path}: {pattern}")
    path.write_text(new, encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def reg(root: Path) -> Path:
    return root / "facts" / "registry.yaml"


def both(root: Path, name: str, text: str) -> None:
    append(root / "docs" / f"{name}.md", text)
    append(root / "docs" / f"{name}.hi.md", text)


THIRD_PARTY = ('\n\n<script src="https://evil.example/x.js"></script>\n<img src="https://track.example/p.gif">\n'
               '<iframe src="https://evil.example/f"></iframe>\n'
               '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">\n'
               '<p style="background:url(https://evil.example/b.png)">x</p>\n'
               '<video poster="https://evil.example/v.jpg"></video>\n')

CASES = [
    Case(1, "markup in a label and a text value",
         lambda r: (sub(reg(r), r"^(\s+label:\n\s+en: )(.*)$", r"\1When <script>alert('LABEL')</script> \2"),
                    sub(reg(r), r"^(\s+value:\n\s+en: )(.*)$", r"\1\2 <script>alert('TEXTVAL')</script>")),
         "escaped"),
    Case(2, "an img with a handler in a publisher",
         lambda r: sub(reg(r), r"^(\s+publisher: ).*$", r"""\1"digest <img src=\\"x\\" onerror=\\"alert('PUB')\\">\""""),
         "escaped"),
    Case(4, "a quoted img in a publisher",
         lambda r: sub(reg(r), r"^(\s+publisher: ).*$", r"""\1'digest <img src="x" onerror="location=name">'"""),
         "escaped"),
    Case(6, "a note is shown, escaped",
         lambda r: sub(reg(r), r"^(\s+confidence: .*)$", r"\1\n    note: {en: \"<script>alert('NOTE')</script> shown\", hi: \"<script>alert('NOTE')</script> दिखा\"}"),
         "escaped"),
    Case(7, "a script in a reference's text",
         lambda r: both(r, "race", "\n\nA <script>alert('REFTEXT')</script> here.\n"), "fail", "content-script"),
    Case(8, "an img with a handler in a page",
         lambda r: both(r, "race", '\n\n<img src="x.png" onerror="alert(1)">\n'), "fail", "content-"),
    Case(9, "third-party resources in one language", lambda r: append(r / "docs/race.md", THIRD_PARTY),
         "fail", "content-third-party"),
    Case(10, "third-party resources in both languages", lambda r: both(r, "race", THIRD_PARTY),
         "fail", "content-third-party"),
    Case(12, "a source URL that breaks out of an attribute",
         lambda r: sub(reg(r), r"^(\s+url: ).*$", r'\1https://evil.example/"onmouseover=alert(1)'),
         "fail", "registry-source"),
    Case(13, "a javascript: link in a label, script in a topic",
         lambda r: (sub(reg(r), r"^(\s+label:\n\s+en: )(.*)$", r"\1When [click me](javascript:alert(document.domain)) \2"),
                    sub(reg(r), r"^(topics:\n\s+[\w-]+:\n\s+en: )(.*)$", r"\1\2 <script>alert('TOPIC')</script>")),
         "escaped"),
    Case(14, "javascript: links in both twins",
         lambda r: both(r, "race", '\n\n[details](javascript:alert(document.cookie)) <a href="javascript:alert(2)">x</a>\n'),
         "fail", "content-unsafe-link"),
    Case(15, "a brace in a publisher",
         lambda r: sub(reg(r), r"^(\s+publisher: ).*$", r'\1"digest} {: onclick=alert`1` }"'), "escaped"),
    Case(19, "an unclosed quote in a title",
         lambda r: sub(reg(r), r'^(\s+- title: )(.*)$', r'\1"\2'), "fail", "registry-yaml"),
    Case(20, "a tab in the indentation", lambda r: sub(reg(r), r"^    topic:", "\ttopic:"), "fail", "registry-yaml"),
    Case(29, "a supersession cycle",
         lambda r: sub(reg(r), r"^(\s+superseded_by: )(.*)$", r"\1\2", count=1), "builds"),  # placeholder, replaced below
    Case(30, "a fact superseded by itself", None, "fail", "registry-"),
    Case(33, "bytes that are not UTF-8 in the registry", None, "fail", "registry-encoding"),
    Case(36, "an empty registry", lambda r: reg(r).write_text("", encoding="utf-8"), "fail", "registry-empty"),
    Case(37, "a registry of blank lines and a comment",
         lambda r: reg(r).write_text("\n\n# nothing\n", encoding="utf-8"), "fail", "registry-empty"),
    Case(38, "no registry", lambda r: reg(r).unlink(), "fail", "registry-missing"),
    Case(40, "NaN as a value", lambda r: sub(reg(r), r"^(\s+value: )\d+(\.\d+)?$", r"\1NaN"), "fail", "registry-"),
    Case(41, "Infinity as a value", lambda r: sub(reg(r), r"^(\s+value: )\d+(\.\d+)?$", r"\1Infinity"), "fail", "registry-"),
    Case(42, "1e999 as a value", lambda r: sub(reg(r), r"^(\s+value: )\d+(\.\d+)?$", r"\g<1>1e999"), "fail", "registry-"),
    Case(43, "a parameter count of -109", lambda r: sub(reg(r), r"^(\s+value: )\d+(\.\d+)?$", r"\1-109"), "fail", "registry-"),
    Case(44, "a YAML alias bomb",
         lambda r: reg(r).write_text(
             'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
             'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
             'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'
             'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n'
             'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n' + reg(r).read_text(encoding="utf-8"), encoding="utf-8"),
         "fail", "registry-alias"),
    Case(45, "nesting 5,000 deep",
         lambda r: reg(r).write_text("deep: " + "[" * 5000 + "]" * 5000 + "\n" + reg(r).read_text(encoding="utf-8"),
                                     encoding="utf-8"), "fail", "registry-"),
    Case(47, "topics as a list", lambda r: sub(reg(r), r"^topics:\n", "topics:\n  - one\n"), "fail", "registry-"),
    Case(49, "misspelt field names", lambda r: sub(reg(r), r"^(\s+)confidence:", r"\1confidance:"), "fail", "registry-unknown-field"),
    Case(50, "note misspelt notes",
         lambda r: sub(reg(r), r"^(\s+confidence: .*)$", r"\1\n    notes: misspelt"), "fail", "registry-unknown-field"),
    Case(51, "front matter that is not YAML",
         lambda r: sub(r / "docs/race.hi.md", r'^translated_from: .*$', 'translated_from: [22ee'), "fail", "page-front-matter"),
    Case(52, "front matter that does not close",
         lambda r: sub(r / "docs/race.hi.md", r"\A(---\n(?:.*\n)*?)---\n", r"\1"), "fail", "page-front-matter"),
    Case(53, "an unknown reference in indented code (left alone)",
         lambda r: both(r, "race", "\n\nCode:\n\n    [](fact:indented-code-nope)\n"), "builds"),
    Case(54, "a known reference in indented code (left alone)",
         lambda r: both(r, "race", "\n\nCode:\n\n    [](fact:chatgpt-launch-date)\n"), "builds"),
    Case(55, "nested brackets around a reference",
         lambda r: both(r, "race", "\n\n[[2]](fact:chatgpt-launch-date)\n"), "fail", "fact-syntax"),
    Case(56, "brackets inside a reference's text",
         lambda r: both(r, "race", "\n\n[later [this] month](fact:chatgpt-launch-date)\n"), "fail", "fact-syntax"),
    Case(58, "a space after the id", lambda r: both(r, "race", "\n\n[](fact:chatgpt-launch-date )\n"), "fail", "fact-syntax"),
    Case(59, "a space after fact:", lambda r: both(r, "race", "\n\n[](fact: chatgpt-launch-date)\n"), "fail", "fact-syntax"),
    Case(64, "a bidi override in English", lambda r: append(r / "docs/race.md", "\n\nA \u202etxt.exe\n"), "fail", "content-bidi"),
    Case(71, "an id set twice on a page",
         lambda r: (append(r / "docs/race.md", '\n\n<div id="chatgpt" markdown>\n\nx\n\n</div>\n'),
                    append(r / "docs/race.hi.md", '\n\n<div id="chatgpt" markdown>\n\nx\n\n</div>\n')),
         "build-fails", "page-duplicate-id"),
    Case(77, "a folder link into itself", lambda r: os.symlink(".", r / "docs" / "loop"), "fail", "page-symlink-loop"),
    Case(81, "not_translated naming a missing and a translated page",
         lambda r: sub(r / "mkdocs.yml", r"not_translated: \[\]", "not_translated: [does-not-exist.md, race.md]"),
         "fail", "i18n-not-translated-unknown"),
    Case(82, "mkdocs.yml that is not YAML", lambda r: sub(r / "mkdocs.yml", r"^theme:\n", "theme: [unclosed\n"), "fail"),
    Case(83, "an unsupported language",
         lambda r: sub(r / "mkdocs.yml", r"^(\s+)- locale: hi\n", r"\1- locale: fr\n\1  name: Français\n\1  build: true\n\1- locale: hi\n"),
         "fail"),
    Case(84, "a page in an unknown language",
         lambda r: shutil.copy(r / "docs/glossary.md", r / "docs/glossary.fr.md"), "fail", "i18n-unknown-language"),
    Case(87, "no site_url", lambda r: sub(r / "mkdocs.yml", r"^site_url:.*\n", ""), "fail", "config-site-url"),
]


def _cycle(root: Path) -> None:
    """The last fact of the first supersession chain points back at the first."""
    text = reg(root).read_text(encoding="utf-8")
    ids = re.findall(r"^\s+- id: (\S+)\n(?:(?!\s+- id:).*\n)*?\s+superseded_by: (\S+)", text, re.M)
    first, nxt = ids[0]
    chain, seen = [first], {first}
    links = dict(ids)
    while nxt in links and nxt not in seen:
        chain.append(nxt)
        seen.add(nxt)
        nxt = links[nxt]
    last = nxt  # the newest figure, not superseded
    block = re.compile(rf"(^\s+- id: {re.escape(last)}\n(?:(?!\s+- id:).*\n)*?)(\s+status: )\S+", re.M)
    text, n = block.subn(rf"\1\2superseded\n    superseded_by: {first}", text, count=1)
    assert n, "no chain found"
    reg(root).write_text(text, encoding="utf-8")


def _self(root: Path) -> None:
    text = reg(root).read_text(encoding="utf-8")
    m = re.search(r"^\s+- id: (\S+)\n(?:(?!\s+- id:).*\n)*?\s+superseded_by: (\S+)", text, re.M)
    start = m.start()
    text = text[:start] + text[start:].replace(f"superseded_by: {m.group(2)}", f"superseded_by: {m.group(1)}", 1)
    reg(root).write_text(text, encoding="utf-8")


def _latin1(root: Path) -> None:
    data = reg(root).read_bytes()
    i = data.index(b"label:")
    reg(root).write_bytes(data[:i] + b"# caf\xe9 \xff\n    " + data[i:])


for case in CASES:
    if case.row == 29:
        case.edit, case.expect, case.says = _cycle, "fail", "registry-"
    elif case.row == 30:
        case.edit = _self
    elif case.row == 33:
        case.edit = _latin1


def run(cmd, cwd, timeout=120):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    env.pop("BUILD_ONLY_LOCALE", None)
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
        return done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        return "timeout", ""


def copy_project(dest: Path) -> None:
    """The working tree as it is (the edits being judged included), without caches and builds."""
    shutil.copytree(ROOT, dest, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", ".venv", "site", "test-artifacts", "__pycache__",
                                                  ".pytest_cache", ".hypothesis"))


def judge(case: Case, work: Path) -> tuple[bool, str]:
    root = work / "p"
    copy_project(root)
    case.edit(root)
    build_rc, build_out = run([PY, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")], root)
    check_rc, check_out = run([PY, "-m", "hooks", "check"], root)
    out = build_out + check_out
    if "timeout" in (build_rc, check_rc):
        return False, "hang"
    if "Traceback" in out:
        return False, "traceback"
    if case.expect == "builds":
        return build_rc == 0, f"build {build_rc}"
    if case.expect == "escaped":
        live = [str(p.relative_to(work)) for p in (work / "site").rglob("*.html")
                if live_markup(p.read_text(encoding="utf-8", errors="replace"))] if build_rc == 0 else []
        return not live, f"build {build_rc}, live markup in {live[:3]}" if live else f"build {build_rc}, escaped"
    refused = build_rc != 0 and (case.expect == "build-fails" or check_rc != 0)
    named = not case.says or case.says in out
    return refused and named, f"build {build_rc}, check {check_rc}" + ("" if named else f", no '{case.says}'")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated row numbers")
    args = parser.parse_args(argv)
    only = {int(n) for n in args.only.split(",")} if args.only else None
    held = 0
    chosen = [c for c in CASES if only is None or c.row in only]
    for case in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                ok, how = judge(case, Path(tmp))
            except RuntimeError as err:  # the review's edit no longer applies to the project
                ok, how = False, f"not replayed: {err}"
        held += ok
        print(f"{case.row:>3} {'holds ' if ok else 'FAILS '} {case.name}: {how}", flush=True)
    print(f"{held} of {len(chosen)} replayed cases hold")
    return 0 if held == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
