"""How much the fact checks add to a build of the real site.

Times, on this machine in one run: the whole `mkdocs build --strict` of the real site (both
languages, every hook), and the fact work alone, run the way the hooks run it (load and check
the registry, check every page's references and numbers, write every reference out in both
languages, generate both Sources pages). Prints medians and the fact work as a share of the build.

    python bench/fact_checks.py [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.render import citations, sources_page  # noqa: E402
from hooks.checks import facts_check  # noqa: E402
from hooks.facts import registry as registry_mod  # noqa: E402
from hooks.core.mdscan import read_pages  # noqa: E402


def fact_work() -> dict:
    """The fact work of one build, step by step; returns seconds per step."""
    steps, start = {}, time.perf_counter()

    def lap(name):
        nonlocal start
        now = time.perf_counter()
        steps[name] = now - start
        start = now

    pages = read_pages(ROOT / "docs", ROOT)
    lap("read and scan pages (shared by every check)")
    registry, _ = registry_mod.load(ROOT / "facts" / "registry.yaml", "facts/registry.yaml")
    lap("load and check the registry")
    facts_check.check_all(pages, registry)
    lap("check references and numbers")
    for page in pages.values():
        citations.render_refs(page, page.text, registry, "sources.md")
    for lang, rel in (("en", "sources.md"), ("hi", "sources.hi.md")):
        sources_page.sources_markdown(registry, lang, rel, pages.values(), href=lambda p: p.rel)
    sources_page.registry_json(registry)
    lap("write references, Sources pages and facts.json")
    return steps


def build_once(site: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    builds, runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            builds.append(build_once(Path(tmp) / "site"))
            runs.append(fact_work())
    build = statistics.median(builds)
    pages = len(list((ROOT / "docs").rglob("*.md")))
    print(f"real site: {pages} Markdown files, {args.runs} runs, medians")
    print(f"  full build (--strict, both languages, all hooks): {build:.2f} s")
    total = reading = 0.0
    for step in runs[0]:
        seconds = statistics.median(r[step] for r in runs)
        print(f"  {step}: {seconds * 1000:.0f} ms")
        if step.startswith("read"):
            reading = seconds
        else:
            total += seconds
    print(f"  fact work alone (registry, checks, writing): {total * 1000:.0f} ms = "
          f"{100 * total / build:.1f}% of the build (target: at most 5%)")
    print(f"  with the page scan counted too: {(total + reading) * 1000:.0f} ms = "
          f"{100 * (total + reading) / build:.1f}%")


if __name__ == "__main__":
    main()
