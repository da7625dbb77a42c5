#!/usr/bin/env python3
"""The CPU time spent inside each of the hooks' events during one build, beside the whole build's.

    python bench/hook_times.py [SITE] [-f mkdocs.yml]     # SITE: a project folder (default: this one)

It builds SITE (into a temporary folder, `--strict`) with its hooks module wrapped so that every
`on_*` event adds its process time to a total, and prints the totals, the import of the module
and the build's whole CPU time. What the hooks add beyond their own time is the work MkDocs does
on what they add (Markdown and HTML to render, index and write). A profiler (cProfile) inflates
Python-heavy code several times over; these are plain process times.
"""
from __future__ import annotations

import argparse
import os
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


@atexit.register
def _report():
    rows = sorted(T.items(), key=lambda x: -x[1])
    print("hook-times: import %.2f s; " % IMPORT + ", ".join("%s %.2f s" % r for r in rows)
          + "; hooks total %.2f s of %.2f s CPU" % (IMPORT + sum(T.values()), time.process_time()),
          file=sys.stderr)
'''


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("-f", "--config", default="mkdocs.yml")
    a = ap.parse_args()
    site = a.site.resolve()
    text = (site / a.config).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="hook-times-") as tmp:
        wrapper = Path(tmp) / "timed_hooks.py"
        wrapper.write_text(WRAPPER.format(root=str(site)), encoding="utf-8")
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
        try:
            r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config),
                                "-d", str(Path(tmp) / "site")], cwd=site, capture_output=True, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        finally:
            config.unlink()
    times = [line for line in r.stderr.splitlines() if line.startswith("hook-times:")]
    print("\n".join(times) or r.stderr[-2000:])
    if r.returncode:
        print(f"build exit {r.returncode}", file=sys.stderr)
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
