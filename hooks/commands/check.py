"""`python -m hooks check [--site DIR]`: every check the build runs, without a build.

Without --site: the Markdown-level checks (facts, translations, Hindi, content) and the links of
the sources, resolved the way the built site will resolve them (hooks/checks/linkcheck). With --site:
the same, plus every check of a finished site (the links and anchors of every built HTML file,
nav and theme included, and each page's heading ids), with no MkDocs event involved: after any
generator that writes the same site (the README says why that matters).
"""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from hooks.checks import run as checks, linkcheck
from hooks import site_llama4
from hooks.core.findings import Finding
from hooks.commands.common import UsageError, exit_status, print_findings, project_root, shown_path


def run_checks(root: Path, site: Path | None = None) -> list[Finding]:
    """What the build checks in the Markdown plus the source link check; with `site`, also
    the checks of the built site."""
    project, findings = checks.load_project(root, site_checks=(site_llama4.source_checks,))
    findings = list(findings) + checks.checked_sources(project)
    findings += linkcheck.check_source_links(project.pages, docs_dir=project.docs_dir,
                                             languages=project.languages, registry=project.registry)
    if site is not None:
        findings += built_site_checks(project, site)
    return sorted({replace(f, path=shown_path(f.path, root)) for f in findings})


def built_site_checks(project, site: Path) -> list[Finding]:
    """The checks of a finished site: links and anchors of every HTML file, each page's ids, and
    what a browser would do with each HTML file (hooks/checks/html_policy.py: never cached)."""
    from hooks.checks import html_ids
    found = linkcheck.check_built_site(site, project.pages, list(project.languages),
                                       config_file=project.root / "mkdocs.yml")
    from hooks.checks import html_policy
    from hooks.core import settings
    try:   # site_url (its host is the site's own) and the theme override that writes the CSP
        raw = settings.load_raw(project.root)
        site_url, custom_dir = raw.site_url or "", raw.theme.custom_dir
    except settings.SettingsError:
        site_url, custom_dir = "", project.root / "overrides"
    found += html_policy.check_site(site, project.pages, list(project.languages), site_url,
                                    require_csp=html_policy.declares_csp(custom_dir),
                                    also=[project.root / "mkdocs.yml", project.root / checks.REGISTRY])
    if "hi" in project.languages:   # the Hindi pages as a reader reads them (issue 29)
        from hooks.checks import hindi_built
        found += hindi_built.check_site(site, project.registry.facts, project.registry.publishers(),
                                        project.not_translated)
    default = project.languages[0]
    for page in project.pages.values():
        served = site / linkcheck.built_file(linkcheck.page_url(page.twin_key, page.lang, default))
        if served.is_file():
            found += html_ids.check_built_page(served.read_text(encoding="utf-8", errors="replace"),
                                               page.path, page.text)
    return found


def add_arguments(p) -> None:
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text (default), github (workflow annotations) or json")
    p.add_argument("--site", metavar="DIR",
                   help="also check this finished site (e.g. site/): links, anchors, heading ids")


def run(args) -> int:
    root = project_root(args)
    site = None
    if getattr(args, "site", None):
        site = Path(args.site)
        site = site if site.is_absolute() else Path.cwd() / site
        if not (site / "index.html").is_file():
            raise UsageError(f"{args.site} is not a built site (no index.html): build it first, "
                             "e.g. mkdocs build -d site")
    started = time.perf_counter()
    findings = run_checks(root, site)
    print_findings(findings, args.format)
    if args.format == "text":
        print(f"checked in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return exit_status(findings)
