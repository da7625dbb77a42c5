"""This site's own renderers and data (the Llama 4 explainer), apart from the engine.

The engine (hooks/*.py: registry, checks, inserts, the MkDocs adapter) knows nothing of Meta or
capital expenditure; what is drawn from this site's particular facts lives here:

- capex_chart: the race page's spending chart, drawn at build time from the registry's
  meta-capex-* facts (`<!-- capex-chart -->`);
- lmarena_gap: the leaderboard gap on "What happened after", from the two lmarena-*rank facts
  (`<!-- lmarena-gap -->`);
- verdicts: the report's claims and our verdicts (verdicts.yaml), drawn as the home page's card
  (`<!-- at-a-glance -->`) and as ClaimReview JSON-LD on the report page (`<!-- claim-review -->`).
"""
from __future__ import annotations

from . import capex_chart, lmarena_gap, verdicts

MARKERS = (capex_chart.MARKER, lmarena_gap.MARKER, verdicts.CARD_MARKER, verdicts.REVIEW_MARKER,
           verdicts.ROW_PREFIX)


def render_page(markdown: str, source, registry, lang: str, inserts=None):
    """(markdown with this site's markers filled, findings): the one call the MkDocs adapter
    makes into this package."""
    findings = []
    if capex_chart.MARKER in markdown:
        markdown, found = capex_chart.replace_marker(markdown, source, registry, lang, inserts)
        findings += found
    if lmarena_gap.MARKER in markdown:
        markdown, found = lmarena_gap.replace_marker(markdown, source, registry, lang, inserts)
        findings += found
    if any(m in markdown for m in (verdicts.CARD_MARKER, verdicts.REVIEW_MARKER, verdicts.ROW_PREFIX)):
        markdown, found = verdicts.replace_markers(markdown, source, registry, lang, inserts)
        findings += found
    return markdown, findings
