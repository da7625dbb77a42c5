#!/usr/bin/env python3
"""What the hooks cost, paired in one run: the checks (on against CHECKS=off) and the whole build
(on against a plain Material + static-i18n build of the same pages).

For each site it builds, interleaved in each round (plain, off, on, plain, ...):

  plain   `mkdocs build` without the `hooks:` setting (Material + static-i18n only)
  off     the hooks with CHECKS=off: the same site generated (Sources and What changed pages,
          cards, fonts, marks, CSP hashes), no check run; compared file by file with `on`
  on      the hooks with every check, `--strict`

and prints the median CPU time (user + system, from /usr/bin/time -v), wall time and peak memory
of each, and the ratios on/off (the checks' cost) and on/plain (the whole build). Before each
timed build .cache/checks is emptied (the source checks are worked out every time); one untimed
build first fills the rest of .cache/ (share cards, font subsets: generation, warm as on a
writer's machine and in CI; compiled bytecode is kept too, in the working folder). Then, per site: the built-HTML policy check in ms a page
(bench/html_policy.py) on the `on` output, and each check's CPU time inside one more build
(bench/hook_times.py per_check). Once per run: the import time of the engine
(`python -X importtime -c "import hooks.mkdocs_hooks"`). The load average is printed at the
start, after each build and at the end: on a busy machine, compare ratios, not seconds.

The sites:

  real        a copy of this project (its tracked and untracked-not-ignored files)
  real-K29    the same with its real pages 30 times over (../shared/bench/scale_real_site.py
              . OUT 29: 242 pages per language of real prose, facts and Hindi)
  synth-N     ../shared/bench/gen_site.py --pages N --explicit-ids --break 5 (an empty fact
              registry beside it); the 5 injected link breaks must all be reported

For the real sites the checked build must pass (`--strict`, exit 0: no false report); for the
synthetic ones every injected break must be caught, and reports that are not injected breaks
are counted by rule (the synthetic pages are full of bare numbers, which the content check
reports: those are right, not false).

    python bench/overhead.py                       # real, real-K29, synth-300 (3 rounds each)
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
import hook_times  # noqa: E402  (per_check)
import html_policy as html_policy_bench  # noqa: E402  (measure)

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


VARIANTS = ("plain", "off", "on")   # interleaved in this order in each round


def build_cmd(variant: str, target: Path) -> list[str]:
    """plain: Material + static-i18n without the hooks; off: the hooks with CHECKS=off (the same
    site generated, no check run); on: the hooks with every check (--strict)."""
    config = "mkdocs-plain.yml" if variant == "plain" else "mkdocs-hooks.yml"
    env = ["env", "CHECKS=off"] if variant == "off" else ["env", "-u", "CHECKS"]
    return env + [sys.executable, "-m", "mkdocs", "build", "-q" if variant == "plain" else "--strict",
                  "-f", config, "-d", str(target)]


def same_files(a: Path, b: Path) -> list[str]:
    """Files of two built sites that differ (or are in one only), by relative path."""
    fa = {p.relative_to(a).as_posix(): p for p in a.rglob("*") if p.is_file()}
    fb = {p.relative_to(b).as_posix(): p for p in b.rglob("*") if p.is_file()}
    return sorted(set(fa) ^ set(fb)) + sorted(r for r in set(fa) & set(fb)
                                             if fa[r].read_bytes() != fb[r].read_bytes())


def run_site(name: str, work: Path, shared: Path, runs: int, check_breaks, project: Path) -> dict:
    site, breaks_file = prepare(name, work, shared, project)
    out = work / f"out-{name}"
    results: dict[str, list] = {v: [] for v in VARIANTS}
    # One untimed build with the hooks first: share cards and font subsets are cached by
    # content in .cache/ (generation, as on a writer's machine and in CI), the same for every
    # timed run. The source checks' cache (.cache/checks) is emptied before each timed build.
    warm = run_bench.measure(build_cmd("on", out / "warm"), out.with_name(f"{name}-warm.log"), site)
    print(f"  {name} warm-up build with the hooks: cpu {warm['cpu'] or 0:.2f} s", flush=True)
    shutil.rmtree(out / "warm", ignore_errors=True)
    for i in range(runs):
        for variant in VARIANTS:
            target = out / variant
            shutil.rmtree(target, ignore_errors=True)
            shutil.rmtree(site / ".cache" / "checks", ignore_errors=True)
            r = run_bench.measure(build_cmd(variant, target), out.with_name(f"{name}-{variant}.log"), site)
            r["load"] = os.getloadavg()[0]
            results[variant].append(r)
            print(f"  {name} {variant} run {i + 1}: cpu {r['cpu'] or 0:.2f} s, wall {r['wall']:.2f} s, "
                  f"{r['rss'] or 0:.0f} MiB, exit {r['rc']}, load {r['load']:.1f}", flush=True)
    row = {"site": name, "loads": [r["load"] for rs in results.values() for r in rs]}
    for variant, rs in results.items():
        row[variant] = {"cpu": statistics.median(r["cpu"] or 0 for r in rs),
                        "wall": statistics.median(r["wall"] for r in rs),
                        "rss": max(r["rss"] or 0 for r in rs), "cpus": [r["cpu"] for r in rs],
                        "rc": rs[-1]["rc"]}
    row["checks_ratio"] = row["on"]["cpu"] / row["off"]["cpu"]          # what the checks cost
    row["build_ratio"] = row["on"]["cpu"] / row["plain"]["cpu"]         # the whole hooked build
    row["off_ratio"] = row["off"]["cpu"] / row["plain"]["cpu"]          # what the site generates
    row["differ"] = same_files(out / "on", out / "off")
    off_log = out.with_name(f"{name}-off.log").read_text(encoding="utf-8", errors="replace")
    row["off_reports"] = len(re.findall(r"checks: \S+ [a-z]+-[a-z-]+: ", off_log))
    log = out.with_name(f"{name}-on.log").read_text(encoding="utf-8", errors="replace")
    rules = re.findall(r"WARNING\s+-\s+checks: \S+ ([a-z]+-[a-z-]+): ", log)
    row["reports"] = {r: rules.count(r) for r in sorted(set(rules))}
    if breaks_file is not None:
        breaks = json.loads(breaks_file.read_text(encoding="utf-8"))
        hits, other = run_bench.caught(check_breaks, breaks, log, "link-")
        row["caught"], row["breaks"], row["other_link_reports"] = hits, len(breaks), other
    # The built-HTML policy check, ms a page, on the site the checks built (bench/html_policy.py)
    pol = html_policy_bench.measure(out / "on")
    row["policy"] = {"pages": pol["pages"], "cpu_ms": pol["cpu_ms"], "wall_ms": pol["wall_ms"]}
    # Each check's own CPU time inside one build (checks cache emptied): bench/hook_times.py
    shutil.rmtree(site / ".cache" / "checks", ignore_errors=True)
    row["per_check"] = hook_times.per_check(site, "mkdocs-hooks.yml")
    shutil.rmtree(out, ignore_errors=True)
    return row


def import_time(project: Path, runs: int = 5) -> dict:
    """The engine's import, ms, best and median of `runs` fresh processes: the cumulative time
    `python -X importtime -c "import hooks.mkdocs_hooks"` gives (wall clock: inflated on a busy
    machine), and the process CPU time of the same import (MkDocs' modules it needs included).
    What a build pays (MkDocs has loaded its own modules and the Markdown extensions before it
    reads the hooks) is measured inside a build by hook_times.per_check ("import")."""
    def importtime() -> float:
        r = subprocess.run([sys.executable, "-X", "importtime", "-c", "import hooks.mkdocs_hooks"],
                           cwd=project, capture_output=True, text=True)
        for line in r.stderr.splitlines():
            parts = [x.strip() for x in line.split("|")]
            if len(parts) == 3 and parts[2] == "hooks.mkdocs_hooks":
                return int(parts[1]) / 1000
        raise SystemExit("importtime: no line for hooks.mkdocs_hooks:\n" + r.stderr[-2000:])

    def cpu() -> float:
        code = "import time; t = time.process_time(); import hooks.mkdocs_hooks; print(time.process_time() - t)"
        r = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
        return float(r.stdout) * 1000
    importtime()     # compiles and keeps the bytecode (PYTHONPYCACHEPREFIX): not counted
    wall = [importtime() for _ in range(runs)]
    cpus = [cpu() for _ in range(runs)]
    return {"importtime_min": min(wall), "importtime_median": statistics.median(wall),
            "cpu_min": min(cpus), "cpu_median": statistics.median(cpus)}


def table(rows: list[dict]) -> str:
    lines = ["| site | plain: CPU (wall), peak | CHECKS=off: CPU (wall) | checks on: CPU (wall), peak | "
             "checks: on / off | whole build: on / plain | same site on/off | checks on |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p, o, h = r["plain"], r["off"], r["on"]
        if "caught" in r:
            verdict = (f"{len(r['caught'])}/{r['breaks']} breaks caught, "
                       f"{r['other_link_reports']} other link reports")
        else:
            verdict = f"exit {h['rc']}" + (", " + ", ".join(f"{k} {v}" for k, v in r["reports"].items())
                                           if r["reports"] else "")
        same = "yes" if not r["differ"] else f"NO: {len(r['differ'])} files differ ({', '.join(r['differ'][:3])})"
        lines.append(f"| {r['site']} | {p['cpu']:.2f} s ({p['wall']:.2f} s), {p['rss']:.0f} MiB | "
                     f"{o['cpu']:.2f} s ({o['wall']:.2f} s), {r['off_reports']} reports | "
                     f"{h['cpu']:.2f} s ({h['wall']:.2f} s), {h['rss']:.0f} MiB | "
                     f"x{r['checks_ratio']:.3f} | x{r['build_ratio']:.3f} | {same} | {verdict} |")
    lines += ["", "| site | HTML policy check, ms a page (CPU / wall, best of 5) | each check's CPU in one build "
              "(checks cache emptied) |", "|---|---|---|"]
    for r in rows:
        pol = r["policy"]
        checks = ", ".join(f"{k} {v:.2f} s" for k, v in r["per_check"].items())
        lines.append(f"| {r['site']} | {pol['cpu_ms']:.2f} / {pol['wall_ms']:.2f} ({pol['pages']} pages) | {checks} |")
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
    # Compiled bytecode kept, as on a writer's machine and in CI (PYTHONDONTWRITEBYTECODE=1 would
    # make every build compile the hooks' modules again, ~0.17 s CPU, which no build pays there):
    # in the working folder, for every build and import below, filled by the first of them.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    load0 = os.getloadavg()
    print(f"{date.today()} on {run_bench.machine()}; load average {' '.join(f'{x:.2f}' for x in load0)}",
          flush=True)
    imports = import_time(a.project.resolve())
    print(f"import hooks.mkdocs_hooks: python -X importtime cumulative {imports['importtime_min']:.0f} ms best, "
          f"{imports['importtime_median']:.0f} ms median (wall clock); its CPU time "
          f"{imports['cpu_min']:.0f} ms best, {imports['cpu_median']:.0f} ms median", flush=True)
    rows = [run_site(name, work, a.shared, a.runs, check_breaks, a.project.resolve()) for name in a.sites]
    load1 = os.getloadavg()
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in load1)} "
          f"(during the timed builds: {min(min(r['loads']) for r in rows):.1f} to "
          f"{max(max(r['loads']) for r in rows):.1f}, on {os.cpu_count()} CPUs)\n")
    print(table(rows))
    if a.json:
        a.json.write_text(json.dumps({"date": str(date.today()), "machine": run_bench.machine(),
                                      "load": [load0, load1], "import_ms": imports, "rows": rows},
                                     indent=1), encoding="utf-8")
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
