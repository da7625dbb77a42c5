"""Links: internal links and anchors resolve, each language links within itself, external
links are https and well formed.

Modules by role: `urls` (where pages are served, the external URL rule, the words),
`resolve` (the one resolver and judgement both checks use), `built` (the built site's HTML),
`source` (the Markdown sources, without a build), `report` (locating and wording problems).

- `check_built_site(site_dir, pages, languages)` reads every HTML file of the built site once
  (both languages: run it after the last language's build) and checks every href/src in it:
  links from the Markdown, from raw HTML, from the nav and from the theme. Each problem is
  reported at the `docs/<page>.md:line:col` of the link when the Markdown has it, else against
  `mkdocs.yml` (nav and theme links, reported once) or the built HTML file.
- `check_source_links(pages)` checks the Markdown alone, without a build (the CLI).

Rules: `link-broken` (no such page or file), `link-anchor` (no such id on the target page),
`link-cross-language` (a Hindi page linking to an English page that has a Hindi twin, or the
reverse; the language switcher and the hreflang alternates must point to the twin),
`link-external` (not https, or not a well-formed URL).
"""
from hooks.checks.linkcheck.built import check_built_site, scan_html
from hooks.checks.linkcheck.source import check_source_links, source_ids
from hooks.checks.linkcheck.urls import (ANCHOR, BROKEN, CROSS, EXTERNAL, GENERATED, LANG_NAMES, SOURCES_MARKER,
                   built_file, external_problem, page_url)

__all__ = ["ANCHOR", "BROKEN", "CROSS", "EXTERNAL", "GENERATED", "LANG_NAMES", "SOURCES_MARKER",
           "built_file", "check_built_site", "check_source_links", "external_problem", "page_url",
           "scan_html", "source_ids"]
