"""Time of the built-site policy check (hooks/checks/html_policy.py) per page, on built sites.

    python bench/html_policy.py SITE_DIR [SITE_DIR ...]

For each folder: its HTML files, then the check over all of them (parse and judgement, the CSP
rule on, nothing cached, files read beforehand), best of 5 rounds, as CPU time and wall time per
page, with the machine's load average. Issue 24's budget is 2 ms a page.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks.checks import html_policy  # noqa: E402


def measure(site: Path, rounds: int = 5) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))]
    cpu = wall = float("inf")
    found = 0
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        found = sum(len(html_policy.judge_page(t, {"example.github.io"}, require_csp=True).violations) for t in texts)
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return {"pages": len(texts), "kib": sum(map(len, texts)) // 1024 // max(1, len(texts)),
            "cpu_ms": cpu / len(texts) * 1000, "wall_ms": wall / len(texts) * 1000, "findings": found}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        r = measure(Path(arg))
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"{arg}: {r['pages']} pages ({r['kib']} KiB each on average): {r['cpu_ms']:.2f} ms CPU, "
              f"{r['wall_ms']:.2f} ms wall a page (best of 5); {r['findings']} findings; load {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
