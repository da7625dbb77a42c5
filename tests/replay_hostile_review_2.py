"""Replay the second hostile-input review (../shared/reviews/2026-12-07/hostile.md) on a copy of
the project, from its cases file (hostile-cases.json beside it: each case's exact edit).

    python tests/replay_hostile_review_2.py [--only H01,K2] [--cases PATH]

The committed project (git HEAD) is replayed, not the working tree. The file holds the 49 cases
the review did not find held (78 in all; the other 29 held then and are held by the test suite).
For each case (its entries grouped by id: one per edited file), git HEAD is copied into a
temporary folder, the edit is applied, then `mkdocs build --strict` and `python -m hooks check`
are run, as the review ran them (each child with PYTHONPATH set to the copy, so the copy's own
hooks package is the one imported). A case holds when nothing ends in a traceback or a hang and
the outcome is what the review wanted:

- a refusal: the build fails with an error naming the edited file (or mkdocs.yml, the
  registry); when the case's `expect` names rules (content-third-party, fact-mark-lost ...), one
  of them must be among the errors of the build or of `hooks check` (a build that fails for
  another reason does not hold); where the expect names something that is not a rule ("a
  hi-lint finding": the linter's name), WANTED below gives the rules that answer it and why;
- a clean build holds only where the review accepted an escaped output instead of a refusal
  (ESCAPED_OK below: the expectation says "or escaped"), and then only if the built site
  carries nothing live from the edit (no new event handler, script URL, request to
  evil.example, <base>, <meta http-equiv>, second <title>) compared with a build of the
  unchanged copy; elsewhere a clean build is the review's silent pass, whatever it publishes;
- for the command-line cases: exit 2 with an "error:" line (refused with a message: for C02
  the review wanted either the answer of --on 2027-01-14 or a refusal, and issue 25 chose
  to read days as YYYY-MM-DD only);
- for the cache cases: the broken page still fails check and build, and no traceback;
- for the long line: check and build finish within the review's own limits (120 s and 60 s;
  times printed, the machine's load varies).

It prints one line per case, with whether `hooks check` (the source check, which gives the
writer a line number) refused it too, and a count. Slow (two runs per case): not in the test run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent


def _main_checkout() -> Path:
    """The repository's main checkout (a worktree such as /tmp/wt25 has its .git elsewhere): the
    shared reviews and the virtual environment sit beside or in it, not beside a worktree."""
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        return Path(common).parent
    except (OSError, subprocess.CalledProcessError):
        return ROOT


MAIN = _main_checkout()
CASES = next((c for c in (base.parent / "shared" / "reviews" / "2026-12-07" / "hostile-cases.json"
                          for base in (ROOT, MAIN)) if c.is_file()),
             MAIN.parent / "shared" / "reviews" / "2026-12-07" / "hostile-cases.json")
# the child processes run the project's virtual environment (REPLAY_PYTHON overrides it), with
# PYTHONPATH set to the copy they build (see run): the venv's editable install of the package
# points at the main checkout, whose hooks/ may be another engineer's unfinished edit
PY = os.environ.get("REPLAY_PYTHON") or next(
    (str(v) for v in (ROOT / ".venv" / "bin" / "python", MAIN / ".venv" / "bin" / "python") if v.is_file()),
    sys.executable)
BIN = str(Path(PY).parent)
SITE_URL = "https://example.github.io/llama4-explainer/"


def env_for(extra=None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1", PATH=BIN + os.pathsep + os.environ["PATH"])
    for name in ("BUILD_ONLY_LOCALE", "FACTS_TODAY", "GITHUB_ACTIONS"):
        env.pop(name, None)
    env.update(extra or {})
    return env


def run(cmd, cwd, timeout=600, shell=False, extra=None):
    """cmd in the copy at cwd, whose own hooks package is the one imported (PYTHONPATH=cwd)."""
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              env=env_for({"PYTHONPATH": str(cwd), **(extra or {})}), shell=shell)
        return done.returncode, done.stdout + done.stderr, time.monotonic() - start
    except subprocess.TimeoutExpired:
        return "timeout", "", time.monotonic() - start


def copy_project(dest: Path) -> None:
    """The committed project (HEAD: the working tree may hold others' unfinished edits), with
    the card and font caches of the working tree (not the checks' cache); an empty .git/config
    stands in for the repository's (a case links to it)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    for cache in ("cards", "fonts"):
        if (ROOT / ".cache" / cache).is_dir():
            try:
                shutil.copytree(ROOT / ".cache" / cache, dest / ".cache" / cache)
            except shutil.Error:
                pass   # a cache file removed while copying (another build prunes it): only slower
    (dest / ".git").mkdir()
    (dest / ".git" / "config").write_text("[core]\n", encoding="utf-8")


def apply(entry: dict, root: Path, work: Path) -> None:
    action, rel = entry["action"], entry.get("file")
    if action == "append":
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + entry["text"], encoding="utf-8")
    elif action == "replace":
        path = root / rel
        text = path.read_text(encoding="utf-8")
        if entry["old"] not in text:
            raise RuntimeError(f"edit did not apply to {rel}: {entry['old'][:60]!r}")
        path.write_text(text.replace(entry["old"], entry["text"], 1), encoding="utf-8")
    elif action == "shell":
        rc, out, _ = run(entry["text"].replace("<scratch>", str(work / "shell")), root, shell=True)
        if rc == "timeout":
            raise RuntimeError("the edit itself hung")


# Rule names in a case's `expect` ("content-third-party or content-script"): one of them must be
# among the errors when the case is refused.
RULE_RE = re.compile(r"\b(?:content|fact|registry|config|html|page|hi|i18n|link|text)-[a-z0-9]+(?:-[a-z0-9]+)*\b")
# An error as the build logs it and `hooks check` prints it: path:line[:col]: rule: message.
ERROR_RE = re.compile(r"(?P<path>[^\s:]+):\d+(?::\d+)?: (?P<rule>[a-z0-9]+(?:-[a-z0-9]+)+):")
# Where a case's expect names something that is not a rule id, the rules that answer it, and why.
WANTED = {
    "T03": ({"page-title-mark"}, "the review asked for 'a hi-lint finding or a drawn card'; hi-lint is the "
            "Hindi linter's name, not a rule. A title of vowel signs only is a title problem in any script: "
            "hooks/checks/titles.py reads every front-matter string and nav title (the Hindi lint reads page "
            "text, not mkdocs.yml's nav_translations) and reports page-title-mark at the line"),
    "T06": ({"page-title-mark"}, "as T03, for the nav_translations title in mkdocs.yml"),
}
# Cases whose expectation accepts the edit published as text instead of a refusal.
ESCAPED_OK = {"H13": "content-unsafe-link or escaped href", "P01": "escaped in <title>, nav, og:title, JSON-LD, card",
              "M04": "refused or escaped in <head>"}
# The review's own time limits (its `run` lines: timeout 120 mkdocs build; timeout 60 hooks check).
REVIEW_LIMITS = (120, 60)


def wanted_rules(entries: list) -> set:
    kind = entries[0]["id"].split("-")[0] if entries else ""
    if kind in WANTED:
        return WANTED[kind][0]
    return {rule for e in entries for rule in RULE_RE.findall(e.get("expect", ""))}


def error_rules(output: str, named: set | None = None) -> set:
    """The rules of the errors in a build's log or `hooks check`'s output (those naming one of
    `named` when given)."""
    found = set()
    for line in output.splitlines():
        if line.rstrip().endswith("[warning]") or re.search(r"\bwarning: [^\s:]+:\d+", line):
            continue            # a warning: `hooks check` marks it so, the build logs it at INFO
        for m in ERROR_RE.finditer(line):
            if named is None or any(m.group("path") == n or m.group("path").startswith(n) for n in named):
                found.add(m.group("rule"))
    return found


FETCHING = {"src", "srcset", "poster", "data", "background", "lowsrc", "ping", "action", "formaction",
            "href", "xlink:href", "srcdoc", "style", "values", "to", "content", "imagesrcset"}


def live(site: Path) -> set:
    """What a browser would act on in the built site: handlers, script/data URLs, anything that
    names evil.example in an attribute (other than a plain link's href), <base>, <meta
    http-equiv>, scripts that alert, pages with two titles."""
    found = set()
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        if len(tree.css("title")) > 1:
            found.add((rel, "two titles"))
        for node in tree.css("*"):
            tag = node.tag
            if tag == "base":
                found.add((rel, "<base>"))
            if tag == "meta" and node.attributes.get("http-equiv", "").lower() not in ("", "content-security-policy"):
                found.add((rel, f"<meta http-equiv={node.attributes.get('http-equiv')}>"))
            if tag in ("script", "style") and ("alert(" in (node.text() or "") or "evil.example" in (node.text() or "")):
                if (node.attributes.get("type") or "") != "application/ld+json":
                    found.add((rel, f"<{tag}> {node.text()[:50]}"))
            for name, value in (node.attributes or {}).items():
                name, value = name.lower(), value or ""
                squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if name.startswith("on"):
                    found.add((rel, f"<{tag} {name}>"))
                elif squashed.startswith(("javascript:", "vbscript:", "data:text")) and name != "content":
                    found.add((rel, f"<{tag} {name}={value[:40]}>"))
                elif "evil.example" in value.lower() and name in FETCHING and not (tag == "a" and name == "href"):
                    found.add((rel, f"<{tag} {name}={value[:50]}>"))
    return found


def judge(case_id: str, entries: list, work: Path, baseline: set) -> tuple[bool, str]:
    root = work / "p"
    copy_project(root)
    kind = case_id.split("-")[0]
    if kind in ("C01", "C02", "C04"):
        return _cli_case(kind, root)
    if kind == "K2":
        return _forged_cache(root, work)
    for entry in entries:
        apply(entry, root, work)
    build_rc, build_out, build_s = run([PY, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")], root)
    check_rc, check_out, check_s = run([PY, "-m", "hooks", "check"], root, timeout=300)
    timing = f"build {build_s:.0f} s, check {check_s:.0f} s"
    if "timeout" in (build_rc, check_rc):
        return False, f"hang ({timing})"
    out = build_out + check_out
    if "Traceback" in out:
        return False, "traceback: " + out[out.index("Traceback"):][-200:].replace("\n", " | ")
    source = "check refuses" if check_rc not in (0, "timeout") else "check passes"
    if kind == "K3":
        return True, f"build {build_rc}, no traceback"
    if kind == "P06":
        within = build_s <= REVIEW_LIMITS[0] and check_s <= REVIEW_LIMITS[1]
        return within, (f"finishes ({timing}); build {build_rc}, check {check_rc}"
                        + ("" if within else f": over the review's limits {REVIEW_LIMITS}"))
    if kind == "P05":
        return _card_address(work / "site", build_rc, build_out)
    named = {e["file"] for e in entries if e.get("file")} or {"docs/", "mkdocs.yml"}
    wanted = wanted_rules(entries)
    if build_rc != 0:
        msgs = [line for line in build_out.splitlines() if line.startswith("ERROR")]
        if any(n in line for line in msgs for n in named) or \
                any(n.startswith("docs/") and _built_of(n) in line for line in msgs for n in named):
            rules = error_rules(build_out, named) | error_rules(check_out, named)
            shown = ", ".join(sorted(rules)) or "no rule named"
            if wanted and not wanted & rules:
                return False, f"refused by {shown}, not by {' or '.join(sorted(wanted))}: {source}"
            return True, f"refused: build {build_rc} ({shown}), {source}"
        return False, f"build {build_rc} without naming {sorted(named)}: {msgs[:2]}"
    new = live(work / "site") - baseline
    if new:
        return False, f"build 0, live: {sorted(new)[:3]}"
    if kind not in ESCAPED_OK:
        return False, f"build 0, nothing live but no finding (the review wanted: {entries[0].get('expect', '')[:70]}), {source}"
    return True, f"build 0, nothing live (accepted: {ESCAPED_OK[kind]}), {source}"


def _built_of(rel: str) -> str:
    """docs/race.hi.md -> hi/race/index.html, docs/race.md -> race/index.html"""
    name = rel.removeprefix("docs/").removesuffix(".md")
    lang = ""
    if name.endswith(".hi"):
        name, lang = name[:-3], "hi/"
    name = "" if name == "index" else name.removesuffix("/index") + "/"
    return f"{lang}{name}index.html"


def _card_address(site: Path, build_rc, out) -> tuple[bool, str]:
    pages = [p for p in site.rglob("index.html") if "ber Seite" in p.as_posix()]
    if not pages:
        return False, f"build {build_rc}: no page built"
    bad = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        m = re.search(r'property="og:image" content="([^"]*)"', html)
        if not m:
            bad.append(f"{page.relative_to(site)}: no og:image")
            continue
        path = unquote(urlsplit(m.group(1)).path).removeprefix(urlsplit(SITE_URL).path)
        if not (site / path).is_file():
            bad.append(f"og:image {m.group(1)} is not a file of the site")
    return (not bad), f"build {build_rc}; " + ("; ".join(bad) if bad else "each og:image is a file of the site")


def _cli_case(kind: str, root: Path) -> tuple[bool, str]:
    runs = {"C01": [([PY, "-m", "hooks", "facts", "--due"], {"FACTS_TODAY": "garbage"})],
            "C02": [([PY, "-m", "hooks", "facts", "--due", "--on", "20270114"], None),
                    ([PY, "-m", "hooks", "facts", "--due"], {"FACTS_TODAY": "20270114"})],
            "C04": [([PY, "-m", "hooks", "new", "a" * 300], None)]}[kind]
    said = []
    for cmd, extra in runs:
        rc, out, _ = run(cmd, root, extra=extra)
        if rc == "timeout" or "Traceback" in out:
            return False, f"{cmd[3:5]}: {rc}, {out[-200:]}"
        if rc != 2 or "error:" not in out:
            return False, f"{' '.join(cmd[3:])[:40]}: rc {rc}: {out.strip().splitlines()[-1:]}"
        said.append(out.strip().splitlines()[-1][:90])
    return True, "rc 2: " + " / ".join(said)


def _forged_cache(root: Path, work: Path) -> tuple[bool, str]:
    for rel in ("docs/race.md", "docs/race.hi.md"):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n[](fact:no-such-fact)\n", encoding="utf-8")
    first = run([PY, "-m", "hooks", "check"], root)
    results = [first[0]]
    for forged in ("{}", "[]"):
        for f in (root / ".cache" / "checks").glob("source-checks-*.json"):
            f.write_text(forged, encoding="utf-8")
        again = run([PY, "-m", "hooks", "check"], root)
        build = run([PY, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")], root)
        results += [again[0], build[0]]
        if "fact-unknown" not in again[1] or "fact-unknown" not in build[1] or \
                "Traceback" in again[1] + build[1]:
            return False, f"forged {forged}: check {again[0]}, build {build[0]}"
    ok = all(rc not in (0, "timeout") for rc in results)
    return ok, f"check/build rc after forging {{}} and []: {results}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case ids or their prefixes (H01,K2)")
    parser.add_argument("--cases", type=Path, default=CASES)
    args = parser.parse_args(argv)
    grouped: dict = {}
    for entry in json.loads(args.cases.read_text(encoding="utf-8")):
        grouped.setdefault(entry["id"], []).append(entry)
    only = [o.strip() for o in args.only.split(",")] if args.only else None
    chosen = [cid for cid in grouped if only is None or any(cid.split("-")[0] == o or cid == o for o in only)]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        copy_project(base / "p")
        rc, out, _ = run([PY, "-m", "mkdocs", "build", "--strict", "-d", str(base / "site")], base / "p")
        if rc != 0:
            print("the unchanged copy does not build:\n" + out[-2000:])
            return 2
        baseline = live(base / "site")
    held = 0
    for cid in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                ok, how = judge(cid, grouped[cid], Path(tmp), baseline)
            except RuntimeError as err:
                ok, how = False, f"not replayed: {err}"
        held += ok
        print(f"{cid:<36} {'holds ' if ok else 'FAILS '} {how}", flush=True)
    print(f"{held} of {len(chosen)} replayed cases hold (the review's other {78 - len(grouped)} cases "
          "held already and are not in the cases file)")
    return 0 if held == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
