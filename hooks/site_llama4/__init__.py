"""This site's own renderers and data (the Llama 4 explainer), apart from the engine.

The engine (hooks/*.py: registry, checks, inserts, the MkDocs adapter) knows nothing of Meta or
capital expenditure; what is drawn from this site's particular facts lives here:

- capex_chart: the race page's spending chart, drawn at build time from the registry's
  meta-capex-* facts (`<!-- capex-chart -->`);
- lmarena_gap: the leaderboard gap on "What happened after", from the two lmarena-*rank facts
  (`<!-- lmarena-gap -->`);
- calculator: the MoE page's routing step-through and "Can I run it?" calculator, their data
  from the registry's model facts (`<!-- moe-steps -->`, `<!-- moe-calculator -->`), with
  can_i_run (the named machines);
- verdicts: the report's claims and our verdicts (verdicts.yaml), drawn as the home page's card
  (`<!-- at-a-glance -->`) and as ClaimReview JSON-LD on the report page (`<!-- claim-review -->`).
"""
from __future__ import annotations

from hooks.core.findings import Finding
from hooks.site_llama4 import calculator, capex_chart, lmarena_gap, verdicts

MARKERS = (calculator.MARKER, calculator.STEPS_MARKER, capex_chart.MARKER, lmarena_gap.MARKER, verdicts.CARD_MARKER, verdicts.REVIEW_MARKER,
           verdicts.ROW_PREFIX)


def render_page(markdown: str, source, registry, lang: str, inserts=None):
    """(markdown with this site's markers filled, findings): the one call the MkDocs adapter
    makes into this package."""
    findings = []
    if calculator.MARKER in markdown or calculator.STEPS_MARKER in markdown:
        markdown = calculator.render(markdown, registry, lang, inserts)
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


def source_checks(pages: dict, registry) -> list[Finding]:
    """This site's checks over the source pages, run by the engine with its own
    (hooks/checks/run.py, Project.site_checks): the facts the MoE widgets need."""
    if registry.unreadable or not any(calculator.MARKER in page.text for page in pages.values()):
        return []
    _, missing = calculator.model_data(registry)
    return [Finding(registry.path, 1, 1, "fact-calculator",
                    f"the MoE calculator needs the fact '{fact_id}'",
                    "add it to the registry (see hooks/site_llama4/calculator.py for the models)")
            for fact_id in missing]
