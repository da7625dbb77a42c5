"""This site's own renderers and data (the Llama 4 explainer), apart from the engine.

The engine (hooks/*.py: registry, checks, inserts, the MkDocs adapter) knows nothing of Meta or
capital expenditure; what is drawn from this site's particular facts lives here:

- capex_chart: the race page's spending chart, drawn at build time from the registry's
  meta-capex-* facts (`<!-- capex-chart -->`).
"""
from __future__ import annotations

from . import capex_chart

MARKERS = (capex_chart.MARKER,)


def render_page(markdown: str, source, registry, lang: str, inserts=None):
    """(markdown with this site's markers filled, findings): the one call the MkDocs adapter
    makes into this package."""
    findings = []
    if capex_chart.MARKER in markdown:
        markdown, found = capex_chart.replace_marker(markdown, source, registry, lang, inserts)
        findings += found
    return markdown, findings
