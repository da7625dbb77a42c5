#!/usr/bin/env python3
"""The CPU time spent inside each of the hooks' events during one build, beside the whole build's.

    python bench/hook_times.py [SITE] [-f mkdocs.yml] [--checks]   # SITE: a project folder (default: this one)

It builds SITE (into a temporary folder, `--strict`) with its hooks module wrapped so that every
`on_*` event adds its process time to a total, and prints the totals, the import of the module
and the build's whole CPU time. What the hooks add beyond their own time is the work MkDocs does
on what they add (Markdown and HTML to render, index and write). A profiler (cProfile) inflates
Python-heavy code several times over; these are plain process times.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

WRAPPER = r'''
import atexit, sys, time
sys.path.insert(0, {root!r})
t0 = time.process_time()
from hooks import mkdocs_hooks as H
IMPORT = time.process_time() - t0
T = {{}}


def _wrap(name):
    f = getattr(H, name)

    def g(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            T[name] = T.get(name, 0.0) + time.process_time() - t
    if hasattr(f, "mkdocs_priority"):
        g.mkdocs_priority = f.mkdocs_priority
    return g


for _n in dir(H):
    if _n.startswith("on_"):
        globals()[_n] = _wrap(_n)


CHECK_T = {{}}
CHECKS = {checks!r}


def _wrap_check(mod_name, fn, label):
    import importlib
    mod = importlib.import_module(mod_name)
    real = getattr(mod, fn)

    def g(*a, **k):
        t = time.process_time()
        try:
            return real(*a, **k)
        finally:
            CHECK_T[label] = CHECK_T.get(label, 0.0) + time.process_time() - t
    setattr(mod, fn, g)


for _m, _f, _label in CHECKS:
    _wrap_check(_m, _f, _label)


@atexit.register
def _report():
    if CHECKS:
        print("check-times: " + "; ".join("%s %.3f" % r for r in sorted(CHECK_T.items(), key=lambda x: -x[1])),
              file=sys.stderr)
    rows = sorted(T.items(), key=lambda x: -x[1])
    print("hook-times: import %.3f s; " % IMPORT + ", ".join("%s %.2f s" % r for r in rows)
          + "; hooks total %.2f s of %.2f s CPU" % (IMPORT + sum(T.values()), time.process_time()),
          file=sys.stderr)
'''


# Every check the build runs, by its entry point (called through its module, so wrapping the
# module's attribute times the build's calls) and the family it belongs to. The source checks
# (hooks/checks/run.py source_checks) are the first group; "source checks, all" is their sum with
# what is not listed. html_policy.check_site also fills the CSP hashes (generation: it runs
# under CHECKS=off too).
CHECK_POINTS = [
    ("hooks.checks.run", "source_checks", "source checks, all"),
    ("hooks.checks.parity", "check_languages", "parity"), ("hooks.checks.parity", "check_missing", "parity"),
    ("hooks.checks.parity", "check_not_translated", "parity"), ("hooks.checks.parity", "check_nav_labels", "parity"),
    ("hooks.checks.parity", "check_structure", "parity"),
    ("hooks.checks.titles", "check_config", "titles"), ("hooks.checks.titles", "check_page", "titles"),
    ("hooks.core.freshness", "check", "freshness"),
    ("hooks.checks.content_check", "check_page", "content"),
    ("hooks.checks.facts_check", "check_all", "facts"), ("hooks.facts.review", "check_due", "facts due"),
    ("hooks.facts.quotes", "check_pages", "quotes"),
    ("hooks.checks.questions_check", "check", "questions"), ("hooks.facts.questions", "check_due", "questions"),
    ("hooks.checks.run", "lint_hindi_with_questions", "Hindi lint"),
    ("hooks.render.timeline", "check_all", "timeline"), ("hooks.checks.glossary", "check_all", "glossary"),
    ("hooks.render.reading_time", "check_pages", "reading time"),
    ("hooks.checks.html_ids", "check_built_page", "built ids"),
    ("hooks.checks.html_policy", "check_site", "HTML policy + CSP fill"),
    ("hooks.checks.linkcheck", "check_built_site", "links (built site)"),
    ("hooks.checks.hindi_built", "check_site", "Hindi built pages"),
]


def timed_build(site: Path, config_name: str = "mkdocs.yml", checks=()) -> subprocess.CompletedProcess:
    """One --strict build of `site` with its hooks wrapped (and the `checks` entry points)."""
    text = (site / config_name).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="hook-times-") as tmp:
        wrapper = Path(tmp) / "timed_hooks.py"
        wrapper.write_text(WRAPPER.format(root=str(site), checks=list(checks)), encoding="utf-8")
        out, in_hooks = [], False
        for line in text.splitlines():
            if line.startswith("hooks:"):
                in_hooks = True
                out += ["hooks:", f"  - {wrapper}"]
                continue
            if in_hooks and line.startswith("  - "):
                continue
            in_hooks = False
            out.append(line)
        config = site / f".hook-times-{os.getpid()}.yml"
        config.write_text("\n".join(out) + "\n", encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("CHECKS", None)
        try:
            return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config),
                                   "-d", str(Path(tmp) / "site")], cwd=site, capture_output=True, text=True,
                                  env=env)
        finally:
            config.unlink()


def per_check(site: Path, config_name: str = "mkdocs.yml") -> dict:
    """{family: CPU seconds} of each check in one build of `site` (empty its .cache/checks first
    for the source checks to be worked out), plus the hooks' import in the build, "hooks total"
    (import and every event) and "build" (the whole process)."""
    r = timed_build(site, config_name, CHECK_POINTS)
    out: dict = {}
    for line in r.stderr.splitlines():
        if line.startswith("check-times: "):
            for part in line[len("check-times: "):].split("; "):
                label, _, secs = part.rpartition(" ")
                out[label] = float(secs)
        m = re.search(r"hook-times: import ([\d.]+) s", line)
        if m:
            out["import (in the build)"] = float(m.group(1))
        m = re.search(r"hooks total ([\d.]+) s of ([\d.]+) s CPU", line)
        if m:
            out["hooks total"], out["build"] = float(m.group(1)), float(m.group(2))
    if r.returncode or not out:
        raise SystemExit(f"per-check build of {site} failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("-f", "--config", default="mkdocs.yml")
    ap.add_argument("--checks", action="store_true",
                    help="also each check's CPU time (empty SITE/.cache/checks first to have them worked out)")
    a = ap.parse_args()
    r = timed_build(a.site.resolve(), a.config, CHECK_POINTS if a.checks else ())
    times = [line for line in r.stderr.splitlines() if line.startswith(("hook-times:", "check-times:"))]
    print("\n".join(times) or r.stderr[-2000:])
    if r.returncode:
        print(f"build exit {r.returncode}", file=sys.stderr)
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
