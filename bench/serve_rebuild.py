#!/usr/bin/env python3
"""Hook time of a `mkdocs serve` rebuild after an edit of one page.

Does what the server does, in one process (site_url set to the dev server's address, as
`mkdocs serve` sets it): loads mkdocs.yml and builds (the first build), then
edits one page (a blank line appended, in a copy of the project), loads the config again and
rebuilds, R times. Prints the CPU time of the whole rebuild and the part spent in the hooks'
event handlers (hooks/mkdocs_hooks.py; each handler's time includes the checks it calls).

    python bench/serve_rebuild.py [--page race.md] [--runs 3] [--project DIR]
"""
from __future__ import annotations

import argparse
import functools
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ("config", "pre_build", "files", "nav", "page_markdown", "page_content", "page_context",
          "post_page", "post_build", "serve")


def copy_project(project: Path, dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=project,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        if (project / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(project / rel, dest / rel)
    if (project / ".cache").is_dir():   # share cards and font subsets, as on a writer's machine
        shutil.copytree(project / ".cache", dest / ".cache", dirs_exist_ok=True)
    return dest


def timed_build(config_file: Path, site_dir: Path, spent: dict) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    # as mkdocs serve does: site_url becomes the dev server's address
    host, port = config.dev_addr
    config.site_url = f"http://{host}:{port}{urlsplit(config.site_url or '/').path}"
    for name, event in list(config.plugins.events.items()):
        if name not in EVENTS:
            continue
        for i, method in enumerate(event):
            if "mkdocs_hooks" not in (getattr(method, "__module__", "") or ""):
                continue

            def wrap(fn, event_name=name):
                @functools.wraps(fn)
                def inner(*args, **kwargs):
                    start = time.process_time()
                    try:
                        return fn(*args, **kwargs)
                    finally:
                        spent[event_name] = spent.get(event_name, 0.0) + time.process_time() - start
                return inner
            event[i] = wrap(method)
    start = time.process_time()
    build(config, serve_url=config.site_url, dirty=False)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", default="race.md", help="the page edited (docs-relative)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--project", type=Path, default=ROOT)
    a = ap.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="serve-rebuild-"))
    project = copy_project(a.project.resolve(), work / "project")
    os.chdir(project)
    sys.path.insert(0, str(project))
    first: dict = {}
    total = timed_build(project / "mkdocs.yml", work / "site", first)
    print(f"first build: {total:.2f} s CPU, hooks {sum(first.values()):.2f} s")
    totals, hooks, per_event = [], [], {}
    page = project / "docs" / a.page
    for i in range(a.runs):
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        spent: dict = {}
        totals.append(timed_build(project / "mkdocs.yml", work / "site", spent))
        hooks.append(sum(spent.values()))
        for k, v in spent.items():
            per_event.setdefault(k, []).append(v)
        print(f"rebuild {i + 1} after editing {a.page}: {totals[-1]:.2f} s CPU, hooks {hooks[-1]:.2f} s")
    print(f"median rebuild: {statistics.median(totals):.2f} s CPU, of it in the hooks "
          f"{statistics.median(hooks):.2f} s")
    for k, v in sorted(per_event.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {k}: {statistics.median(v):.3f} s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
