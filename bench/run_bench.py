#!/usr/bin/env python3
"""Speed of this project's link checks against the link checkers people use today.

For each size (pages per language) it generates a synthetic bilingual site with
../shared/bench/gen_site.py (--explicit-ids --variants --break 5) and, on the same machine in one
run, measures wall time, CPU time (user + system, children included) and peak memory
(/usr/bin/time -v) of:

  plain        mkdocs build (Material + static-i18n), no checks
  project      the build with this project's hooks (hooks/mkdocs_hooks.py: every check: facts,
               translations, links)
  links-hook   the build with only this project's link check (a one-function hook that calls
               hooks.checks.linkcheck.check_built_site after the last language, as the adapter does)
  links-alone  hooks.checks.linkcheck.check_built_site over the plain build's folder, in its own process
  checks-alone every check the hooks run (Markdown-level checks, then the link check) over the
               plain build's folder, in its own process: what the project's checks add, without
               the noise of a second build
  validation   MkDocs 1.6 `validation:` (links and anchors: warn)
  htmlproofer  mkdocs-htmlproofer-plugin (raise_error_after_finish: true)
  htmlproofer-warn   the same plugin, only logging
  linkchecker  linkchecker over the plain build's folder (file://)

and which of the 5 injected breaks (DIR/breaks.json) each one reported, with
../shared/bench/check_breaks.py's matching rules.

Needs mkdocs, the project's requirements and, for the comparison, the other tools:
    pip install mkdocs-htmlproofer-plugin linkchecker
(they are not in requirements.txt: the site does not need them).

    python bench/run_bench.py                     # 100 and 1000 pages, reduced set at 1000
    python bench/run_bench.py --sizes 100 --runs 3
    python bench/run_bench.py --full              # every tool at every size (1000: ~1 hour)

At 1,000 pages per language htmlproofer in log-only mode and linkchecker take 8 and 17 minutes
here; by default they run at the smaller sizes only (--full runs them everywhere).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
SLOW = {"htmlproofer-warn", "linkchecker"}   # left out above 100 pages unless --full
KEY = ["plain", "project", "links-hook", "links-alone", "checks-alone"]

LINKS_HOOK = '''"""Only the project's link check, at the end of the last language's build (as the adapter)."""
import sys
import time
from pathlib import Path

sys.path.insert(0, {root!r})
from mkdocs.plugins import get_plugin_logger  # noqa: E402

from hooks.checks import linkcheck as links  # noqa: E402
from hooks.core import mdscan  # noqa: E402

log = get_plugin_logger("checks")


def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin and plugin.current_language != list(plugin.build_languages)[-1]:
        return
    start = time.perf_counter()
    root = Path(config.config_file_path).resolve().parent
    pages = mdscan.read_pages(Path(config.docs_dir), root)
    languages = list(plugin.build_languages) if plugin else ["en"]
    for finding in sorted(links.check_built_site(Path(config.site_dir), pages, languages)):
        log.warning(finding.format())
    log.info(f"inner: link check took {{time.perf_counter() - start:.2f}} s")
'''

LINKS_ALONE = '''import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from hooks.checks import linkcheck as links
from hooks.core import mdscan
start = time.perf_counter()
pages = mdscan.read_pages(Path({docs!r}), Path({site!r}))
found = links.check_built_site(Path({built!r}), pages, ["en", "hi"])
for finding in sorted(found):
    print("WARNING -  checks: " + finding.format())
print(f"INFO    -  inner: link check took {{time.perf_counter() - start:.2f}} s", file=sys.stderr)
'''

# Every check of the project (what mkdocs_hooks runs: the Markdown-level checks at the start of
# the build, the link check at the end), on the plain build's output, without the build.
CHECKS_ALONE = '''import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from hooks.checks import run as checks, linkcheck as links
start = time.perf_counter()
project, found = checks.load_project(Path({site!r}))
found += checks.source_checks(project)
middle = time.perf_counter()
found += links.check_built_site(Path({built!r}), project.pages, ["en", "hi"])
for finding in sorted(set(found)):
    print(("WARNING -  checks: " if finding.severity == "error" else "INFO    -  checks: ") + finding.format())
print(f"INFO    -  inner: source checks took {{middle - start:.2f}} s, link check "
      f"{{time.perf_counter() - middle:.2f}} s", file=sys.stderr)
'''


def load_check_breaks(shared: Path):
    spec = importlib.util.spec_from_file_location("check_breaks", shared / "check_breaks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def caught(check_breaks, breaks: list, log_text: str, only: str | None = None) -> tuple[list, int]:
    """check_breaks.py's rule: a break is caught when a warning/error record names its source page
    and its token. Returns (caught break kinds, other warning/error records)."""
    recs = [(lvl, r) for lvl, r in check_breaks.records(log_text) if only is None or only in r]
    hits, used = [], set()
    for b in breaks:
        stem = b["src"].rsplit("/", 1)[-1].split(".")[0]
        href = b["href"]
        token = href.split("#", 1)[1] if "#" in href else \
            href.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
        for n, (lvl, r) in enumerate(recs):
            if lvl == "ERROR" and token in r and stem in r and \
                    (b["lang"] == "en") == (".hi.md" not in r and "/hi/" not in r):
                hits.append(f"{b['kind']}/{b['lang']}")
                used.add(n)
                break
    other = sum(1 for n, (lvl, _) in enumerate(recs) if lvl == "ERROR" and n not in used)
    return hits, other


def measure(cmd: list[str], log: Path, cwd: Path) -> dict:
    """Run once under /usr/bin/time -v: wall seconds, peak RSS (MiB), exit code."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    timefile = log.with_suffix(".time")
    if Path("/usr/bin/time").exists():
        full = ["/usr/bin/time", "-v", "-o", str(timefile)] + cmd
    else:
        full = cmd
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.run(full, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    wall = time.perf_counter() - start
    rss = cpu = None
    if timefile.exists():
        text = timefile.read_text()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        rss = int(m.group(1)) / 1024 if m else None
        times = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)
        cpu = sum(float(t) for t in times) if times else None
    return {"wall": wall, "rss": rss, "cpu": cpu, "rc": proc.returncode}


def prepare(n: int, work: Path, shared: Path) -> Path:
    site = work / f"site-{n}"
    subprocess.run([sys.executable, str(shared / "gen_site.py"), "--pages", str(n), "--out", str(site),
                    "--explicit-ids", "--variants", "--break", "5"], check=True, stdout=subprocess.DEVNULL)
    base = (site / "mkdocs.yml").read_text(encoding="utf-8")
    # The project's hooks read a fact registry beside mkdocs.yml: an empty one.
    (site / "facts").mkdir(exist_ok=True)
    (site / "facts" / "registry.yaml").write_text("topics: {}\nfacts: []\n", encoding="utf-8")
    (site / "mkdocs-project.yml").write_text(
        base + f"hooks:\n  - {ROOT / 'hooks' / 'mkdocs_hooks.py'}\n", encoding="utf-8")
    (site / "links_hook.py").write_text(LINKS_HOOK.format(root=str(ROOT)), encoding="utf-8")
    (site / "mkdocs-links.yml").write_text(base + "hooks:\n  - links_hook.py\n", encoding="utf-8")
    return site


def run_size(n: int, work: Path, shared: Path, runs: int, key_runs: int, variants: list[str],
             check_breaks) -> list[dict]:
    site = prepare(n, work, shared)
    breaks = json.loads((site / "breaks.json").read_text(encoding="utf-8"))
    out = work / f"out-{n}"
    out.mkdir(exist_ok=True)
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    plan = {
        "plain": (mkdocs + ["-f", "mkdocs.yml", "-d", str(out / "plain")], None),
        "project": (mkdocs + ["-f", "mkdocs-project.yml", "-d", str(out / "project")], "link-"),
        "links-hook": (mkdocs + ["-f", "mkdocs-links.yml", "-d", str(out / "links-hook")], "link-"),
        "links-alone": ([sys.executable, "-c", LINKS_ALONE.format(
            root=str(ROOT), docs=str(site / "docs"), site=str(site), built=str(out / "plain"))], "link-"),
        "checks-alone": ([sys.executable, "-c", CHECKS_ALONE.format(
            root=str(ROOT), site=str(site), built=str(out / "plain"))], "link-"),
        "validation": (mkdocs + ["-f", "mkdocs-validation.yml", "-d", str(out / "validation")], None),
        "htmlproofer": (mkdocs + ["-f", "mkdocs-htmlproofer.yml", "-d", str(out / "htmlproofer")],
                        "htmlproofer: invalid url"),
        "htmlproofer-warn": (mkdocs + ["-f", "mkdocs-htmlproofer-warn.yml", "-d",
                                       str(out / "htmlproofer-warn")], "htmlproofer: invalid url"),
        "linkchecker": (["linkchecker", "--no-status", str(out / "plain") + "/"], None),
    }
    # The tools the 10% target is about run `key_runs` times, interleaved (plain, project,
    # links-hook, links-alone, plain, ...), so that a change in the machine's load hits them
    # alike; the others run `runs` times. The median is reported.
    key = [v for v in KEY if v in variants]
    order = key * key_runs + [v for v in variants if v not in KEY for _ in range(runs)]
    results: dict[str, list] = {}
    for name in order:
        cmd, _ = plan[name]
        if name in ("links-alone", "checks-alone", "linkchecker") and not (out / "plain").exists():
            continue
        if name == "plain":  # every build starts from an empty folder (no cleaning in the timing)
            shutil.rmtree(out / "plain", ignore_errors=True)
        result = measure(cmd, out / f"{name}.log", site)
        inner = re.findall(r"inner: (.*)", (out / f"{name}.log").read_text(encoding="utf-8", errors="replace"))
        result["inner"] = inner[-1].strip() if inner else ""
        results.setdefault(name, []).append(result)
        print(f"  N={n} {name} run {len(results[name])}: {result['wall']:.1f} s, "
              f"cpu {result['cpu'] or 0:.1f} s, {result['rss'] or 0:.0f} MiB, exit {result['rc']}",
              flush=True)
        if name not in ("plain", "links-alone", "checks-alone"):
            shutil.rmtree(out / name, ignore_errors=True)   # ~700 MB each at 1,000 pages
    rows = []
    for name in variants:
        if name not in results:
            continue
        _, only = plan[name]
        log_text = (out / f"{name}.log").read_text(encoding="utf-8", errors="replace")
        hits, other = caught(check_breaks, breaks, log_text, only)
        extra = {}
        if name in ("project", "checks-alone"):  # what else the project's checks reported here
            rules = re.findall(r": ([a-z]+-[a-z-]+): ", log_text)
            extra["rules"] = {r: rules.count(r) for r in sorted(set(rules))}
        walls = [r["wall"] for r in results[name]]
        cpus = [r["cpu"] or 0 for r in results[name]]
        rows.append({"n": n, "variant": name, "wall": statistics.median(walls), "walls": walls,
                     "cpu": statistics.median(cpus), "cpus": cpus,
                     "inner": [r["inner"] for r in results[name] if r["inner"]],
                     "rss": max(r["rss"] or 0 for r in results[name]), "rc": results[name][-1]["rc"],
                     "caught": hits, "breaks": len(breaks), "other": other, **extra})
    shutil.rmtree(out / "plain", ignore_errors=True)
    return rows


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version
    found = {}
    for pkg in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-htmlproofer-plugin",
                "LinkChecker"):
        try:
            found[pkg] = version(pkg)
        except PackageNotFoundError:
            found[pkg] = "not installed"
    return found


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model or platform.processor()}), Python {platform.python_version()}"


def table(rows: list[dict]) -> str:
    plain = {r["n"]: r["wall"] for r in rows if r["variant"] == "plain"}
    plain_cpu = {r["n"]: r.get("cpu") for r in rows if r["variant"] == "plain"}
    lines = ["| pages per language | tool | wall, median (runs) | x plain | CPU | x plain | peak RSS | "
             "injected breaks caught | other reports |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        base, base_cpu = plain.get(r["n"]), plain_cpu.get(r["n"])
        ratio = f"x{r['wall'] / base:.2f}" if base and r["variant"] != "plain" else ""
        cpu_ratio = f"x{r['cpu'] / base_cpu:.2f}" if base_cpu and r.get("cpu") and r["variant"] != "plain" else ""
        if r["variant"] in ("links-alone", "checks-alone") and base:
            ratio = f"+{100 * r['wall'] / base:.1f}%"
            cpu_ratio = f"+{100 * r['cpu'] / base_cpu:.1f}%" if base_cpu and r.get("cpu") else ""
        n_breaks = r.get("breaks", 5)
        caught_text = "" if r["variant"] == "plain" else f"{len(r['caught'])}/{n_breaks}" + (
            f" ({', '.join(r['caught'])})" if r["caught"] and len(r["caught"]) < n_breaks else "")
        other = "" if r["variant"] == "plain" else str(r["other"])
        if "rules" in r:
            non_link = {k: v for k, v in r["rules"].items() if not k.startswith("link-")}
            if non_link:
                other += " link; other rules: " + ", ".join(f"{k} {v}" for k, v in non_link.items())
        cpu = f"{r['cpu']:.1f} s" if r.get("cpu") else ""
        walls = r.get("walls", [])
        wall = f"{r['wall']:.1f} s" + (f" ({', '.join(f'{w:.1f}' for w in walls)})" if len(walls) > 1 else "")
        lines.append(f"| {r['n']} | {r['variant']} | {wall} | {ratio} | {cpu} | {cpu_ratio} | "
                     f"{r['rss']:.0f} MiB | {caught_text} | {other} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--runs", type=int, default=1, help="runs of the other tools (median reported)")
    ap.add_argument("--key-runs", type=int, default=3,
                    help="runs of plain, project, links-hook and links-alone, interleaved (median)")
    ap.add_argument("--only", nargs="+", help="run only these tools (names as in the docstring)")
    ap.add_argument("--full", action="store_true", help="run the slow tools above 100 pages too")
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder of gen_site.py and check_breaks.py")
    ap.add_argument("--work", type=Path, help="working folder (default: a new temporary one)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--table", type=Path, metavar="JSON", help="only print the table of an earlier --json")
    a = ap.parse_args()
    if a.table:
        print(table(json.loads(a.table.read_text(encoding="utf-8"))["rows"]))
        return
    check_breaks = load_check_breaks(a.shared)
    work = a.work or Path(tempfile.mkdtemp(prefix="links-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    everything = ["plain", "project", "links-hook", "links-alone", "checks-alone", "validation", "htmlproofer",
                  "htmlproofer-warn", "linkchecker"]
    print(f"{date.today()} on {machine()}; load average {os.getloadavg()[0]:.2f}; work folder {work}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()), flush=True)
    rows = []
    for n in a.sizes:
        variants = a.only or [v for v in everything if a.full or n <= 100 or v not in SLOW]
        if "plain" not in variants:
            variants = ["plain"] + variants
        rows += run_size(n, work, a.shared, a.runs, a.key_runs, variants, check_breaks)
        print(f"  load average after N={n}: {os.getloadavg()[0]:.2f}", flush=True)
    print()
    print(table(rows))
    for r in rows:
        if r.get("inner"):
            print(f"N={r['n']} {r['variant']}: " + "; ".join(r["inner"]))
    if a.json:
        a.json.write_text(json.dumps({"date": str(date.today()), "machine": machine(),
                                      "versions": versions(), "rows": rows}, indent=1), encoding="utf-8")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
