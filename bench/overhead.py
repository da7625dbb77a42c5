#!/usr/bin/env python3
"""What the project's hooks cost: the same build with and without them, paired in one run.

For each site it builds, interleaved (plain, hooks, plain, hooks, ...), the same `mkdocs build`
without the `hooks:` setting and with it (`--strict`), and prints the median CPU time (user +
system, from /usr/bin/time -v), wall time and peak memory of each, and the ratio hooks/plain.
The sites:

  real        a copy of this project (its tracked and untracked-not-ignored files)
  real-K29    the same with its real pages 30 times over (../shared/bench/scale_real_site.py
              . OUT 29: 242 pages per language of real prose, facts and Hindi)
  synth-N     ../shared/bench/gen_site.py --pages N --explicit-ids --break 5 (an empty fact
              registry beside it); the 5 injected link breaks must all be reported

Before the timed builds, one untimed build with the hooks fills .cache/ (share cards, font
subsets and the source checks, cached by content), as on a writer's machine and in CI (where
`python -m hooks check` runs before the build). A third build of each round, "checks not
cached", first empties .cache/checks/: the source checks are then worked out in the build. For the real sites the hooks build must pass (`--strict`, exit 0: no false report); for the
synthetic ones every injected break must be caught, and reports that are not injected breaks
are counted by rule (the synthetic pages are full of bare numbers, which the content check
reports: those are right, not false).

    python bench/overhead.py                       # real, real-K29, synth-300 (3 runs each)
    python bench/overhead.py --sites real synth-1000 --runs 1
    python bench/overhead.py --json out.json
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import run_bench  # noqa: E402  (measure, caught, machine, versions)

SHARED = ROOT.parent / "shared" / "bench"
HOOKS_BLOCK = re.compile(r"^hooks:\n(?:  - .*\n)+", re.M)


SINGLE_LINK_RE = re.compile(r"\]\(((?:\.\./)*)((?:sources|translation-status)(?:\.hi)?\.md)")


def _climb_to_single_pages(docs: Path, k: int) -> None:
    """scale_real_site.py keeps one Sources and one translation-status page: the copies' links
    to them climb one folder more (as it does for facts.json)."""
    for i in range(1, k + 1):
        for page in (docs / f"c{i}").rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            fixed = SINGLE_LINK_RE.sub(lambda m: f"]({m.group(1)}../{m.group(2)}", text)
            if fixed != text:
                page.write_text(fixed, encoding="utf-8")


def prepare(name: str, work: Path, shared: Path, project: Path) -> tuple[Path, Path | None]:
    """The site's folder (with mkdocs-plain.yml and mkdocs-hooks.yml) and its breaks.json."""
    site = work / name
    if name.startswith("real"):
        k = int(name.partition("-K")[2] or 0)
        subprocess.run([sys.executable, str(shared / "scale_real_site.py"), str(project), str(site), str(k)],
                       check=True, stdout=subprocess.DEVNULL)
        _climb_to_single_pages(site / "docs", k)
        text = (site / "mkdocs.yml").read_text(encoding="utf-8")
        (site / "mkdocs-hooks.yml").write_text(text, encoding="utf-8")
        (site / "mkdocs-plain.yml").write_text(HOOKS_BLOCK.sub("", text), encoding="utf-8")
        return site, None
    n = int(name.partition("-")[2])
    subprocess.run([sys.executable, str(shared / "gen_site.py"), "--pages", str(n), "--out", str(site),
                    "--explicit-ids", "--break", "5"], check=True, stdout=subprocess.DEVNULL)
    (site / "facts").mkdir(exist_ok=True)
    (site / "facts" / "registry.yaml").write_text("topics: {}\nfacts: []\n", encoding="utf-8")
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs-plain.yml").write_text(text, encoding="utf-8")
    (site / "mkdocs-hooks.yml").write_text(
        text + f"hooks:\n  - {project / 'hooks' / 'mkdocs_hooks.py'}\n", encoding="utf-8")
    return site, site / "breaks.json"


def run_site(name: str, work: Path, shared: Path, runs: int, check_breaks, project: Path) -> dict:
    site, breaks_file = prepare(name, work, shared, project)
    out = work / f"out-{name}"
    results: dict[str, list] = {"plain": [], "hooks": [], "hooks-cold": []}
    # One untimed build with the hooks first: share cards and font subsets are cached by
    # content in .cache/ (as on a writer's machine and in CI), the same for every timed run.
    warm = run_bench.measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-hooks.yml", "-d", str(out / "warm")],
                             out.with_name(f"{name}-warm.log"), site)
    print(f"  {name} warm-up build with the hooks: cpu {warm['cpu'] or 0:.2f} s", flush=True)
    shutil.rmtree(out / "warm", ignore_errors=True)
    for i in range(runs):
        for variant in results:
            target = out / variant
            shutil.rmtree(target, ignore_errors=True)
            if variant == "hooks-cold":   # the source checks worked out, not read from .cache/checks
                shutil.rmtree(site / ".cache" / "checks", ignore_errors=True)
            config = "mkdocs-plain.yml" if variant == "plain" else "mkdocs-hooks.yml"
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q" if variant == "plain" else "--strict",
                   "-f", config, "-d", str(target)]
            r = run_bench.measure(cmd, out.with_name(f"{name}-{variant}.log"), site)
            results[variant].append(r)
            print(f"  {name} {variant} run {i + 1}: cpu {r['cpu'] or 0:.2f} s, wall {r['wall']:.2f} s, "
                  f"{r['rss'] or 0:.0f} MiB, exit {r['rc']}", flush=True)
    row = {"site": name}
    for variant, rs in results.items():
        row[variant] = {"cpu": statistics.median(r["cpu"] or 0 for r in rs),
                        "wall": statistics.median(r["wall"] for r in rs),
                        "rss": max(r["rss"] or 0 for r in rs), "cpus": [r["cpu"] for r in rs],
                        "rc": rs[-1]["rc"]}
    row["ratio_cpu"] = row["hooks"]["cpu"] / row["plain"]["cpu"]
    row["ratio_cpu_cold"] = row["hooks-cold"]["cpu"] / row["plain"]["cpu"]
    row["ratio_rss"] = row["hooks"]["rss"] / row["plain"]["rss"] if row["plain"]["rss"] else None
    log = out.with_name(f"{name}-hooks.log").read_text(encoding="utf-8", errors="replace")
    rules = re.findall(r"WARNING\s+-\s+checks: \S+ ([a-z]+-[a-z-]+): ", log)
    row["reports"] = {r: rules.count(r) for r in sorted(set(rules))}
    if breaks_file is not None:
        breaks = json.loads(breaks_file.read_text(encoding="utf-8"))
        hits, other = run_bench.caught(check_breaks, breaks, log, "link-")
        row["caught"], row["breaks"], row["other_link_reports"] = hits, len(breaks), other
    shutil.rmtree(out, ignore_errors=True)
    return row


def table(rows: list[dict]) -> str:
    lines = ["| site | plain: CPU (wall), peak | hooks: CPU (wall), peak | CPU ratio | "
             "hooks, checks not cached: CPU | CPU ratio | peak ratio | hooks build |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p, h = r["plain"], r["hooks"]
        if "caught" in r:
            verdict = (f"{len(r['caught'])}/{r['breaks']} breaks caught, "
                       f"{r['other_link_reports']} other link reports")
        else:
            verdict = f"exit {h['rc']}" + (", " + ", ".join(f"{k} {v}" for k, v in r["reports"].items())
                                           if r["reports"] else "")
        lines.append(f"| {r['site']} | {p['cpu']:.2f} s ({p['wall']:.2f} s), {p['rss']:.0f} MiB | "
                     f"{h['cpu']:.2f} s ({h['wall']:.2f} s), {h['rss']:.0f} MiB | "
                     f"x{r['ratio_cpu']:.3f} | {r['hooks-cold']['cpu']:.2f} s | x{r['ratio_cpu_cold']:.3f} | "
                     f"x{r['ratio_rss'] or 0:.2f} | {verdict} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", nargs="+", default=["real", "real-K29", "synth-300"],
                    help="real, real-KN (N copies more), synth-N (N pages per language)")
    ap.add_argument("--runs", type=int, default=3, help="pairs of builds per site (median reported)")
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder of gen_site.py and scale_real_site.py")
    ap.add_argument("--project", type=Path, default=ROOT,
                    help="the project whose hooks are measured (a git checkout; default: this one)")
    ap.add_argument("--work", type=Path, help="working folder (default: a new temporary one)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    a = ap.parse_args()
    check_breaks = run_bench.load_check_breaks(a.shared)
    work = a.work or Path(tempfile.mkdtemp(prefix="hooks-overhead-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{date.today()} on {run_bench.machine()}; load average {os.getloadavg()[0]:.2f}", flush=True)
    rows = [run_site(name, work, a.shared, a.runs, check_breaks, a.project.resolve()) for name in a.sites]
    print(f"load average at the end: {os.getloadavg()[0]:.2f}\n")
    print(table(rows))
    if a.json:
        a.json.write_text(json.dumps({"date": str(date.today()), "machine": run_bench.machine(),
                                      "rows": rows}, indent=1), encoding="utf-8")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
