"""Each fixture site under tests/sites/ breaks one rule; the build must fail and say where."""
import re

import pytest

CASES = [
    # case, rule id, where the problem is reported, something the message must say
    ("facts-unknown-id", "fact-unknown", "docs/index.md:3:", "did you mean capex-actual"),
    ("facts-mismatch-en", "fact-mismatch", "docs/index.md:3:", "$70 billion"),
    ("facts-mismatch-hi", "fact-mismatch", "docs/index.hi.md:6:", "72 करोड़ डॉलर"),
    ("facts-mismatch-date", "fact-mismatch", "docs/index.hi.md:7:", "the day disagrees"),
    ("facts-twin-set", "fact-twin", "docs/index.md:4:", "launch-date"),
    ("facts-bare-number", "fact-bare-number", "docs/index.md:4:", "the number 2025"),
    ("facts-number-parity", "fact-number-parity", "docs/index.hi.md:7:", "the number 3"),
    ("facts-superseded", "fact-superseded", "docs/index.md:3:", "superseded by 'capex-actual'"),
    ("registry-no-source", "registry-source", "facts/registry.yaml:25:", "fact 'capex-actual'"),
    ("registry-http-url", "registry-source", "facts/registry.yaml:55:", "'http://example.org/card' is not an https URL"),
    ("registry-bad-date", "registry-date", "facts/registry.yaml:34:", "field 'as_of'"),
    ("registry-bad-yaml", "registry-yaml", "facts/registry.yaml:47:", "not valid YAML"),
    ("i18n-missing-twin", "i18n-missing-twin", "docs/extra.md:1:", "no Hindi twin"),
    ("i18n-unknown-language", "i18n-unknown-language", "docs/index.fr.md:1:", "'fr' is not a language"),
    ("i18n-structure", "i18n-structure", "docs/index.hi.md:", "byora"),
]


def test_base_fixture_passes(fixture_site):
    result, site = fixture_site()
    assert result.returncode == 0, result.output
    assert "fact-" not in result.output.replace("fact-cite", "")
    assert (site / "hi" / "index.html").exists()


@pytest.mark.parametrize("case,rule,where,says", CASES, ids=[c[0] for c in CASES])
def test_fixture_breaks_its_rule(fixture_site, case, rule, where, says):
    result, _ = fixture_site(case)
    assert result.returncode != 0, f"{case} built although it breaks {rule}:\n{result.output}"
    lines = [l for l in result.output.splitlines() if f": {rule}: " in l]
    assert lines, f"no {rule} finding in:\n{result.output}"
    assert any(where in l and says in l for l in lines), "\n".join(lines)
    assert "Traceback" not in result.output


def test_all_problems_are_reported_at_once(fixture_site):
    from pathlib import Path
    base = Path(__file__).parent / "sites" / "_base" / "docs"
    en = (base / "index.md").read_text(encoding="utf-8")
    broken = en.replace("[$72 billion]", "[$70 billion]").replace("fact:launch-date", "fact:launch-dat")
    result, _ = fixture_site(edits={"docs/index.md": broken})
    assert result.returncode != 0
    assert ": fact-mismatch: " in result.output and ": fact-unknown: " in result.output


def test_unused_fact_is_reported_not_failed(fixture_site):
    from pathlib import Path
    reg = (Path(__file__).parent / "sites" / "_base" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    extra = reg + """  - id: spare-fact
    topic: capex
    label: {en: Spare, hi: अतिरिक्त}
    type: number
    value: 3
    as_of: 2025
    status: confirmed
    sources:
      - {title: T, publisher: P, url: "https://example.org/t", published: 2025, kind: report}
"""
    result, _ = fixture_site(edits={"facts/registry.yaml": extra})
    assert result.returncode == 0, result.output
    assert re.search(r"facts/registry.yaml:\d+:1: fact-unused: fact 'spare-fact'", result.output)


def test_citation_marks_and_values_in_both_languages(fixture_site):
    result, site = fixture_site()
    assert result.returncode == 0, result.output
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    assert "$60-65 billion (as of 24 January 2025)" in en
    assert "60-65 अरब डॉलर (24 जनवरी 2025 की स्थिति में)" in hi and "2025 तक)" not in hi
    assert "5 April 2025" in en and "5 अप्रैल 2025" in hi
    # the citation mark leads to its entry in the page's own source list, which names the source
    # in the page's language and links to the fact on the Sources page of the same language
    assert re.search(r'class="fact-cite" id="cite-home-2" href="#src-2" data-n="2" data-status="confirmed"', en)
    assert re.search(r'class="fact-cite" id="cite-home-2" href="#src-2" data-n="2" data-status="confirmed"', hi)
    assert re.search(r'<li id="src-2" data-tip="Source 2: Example, 28 January 2026">.*?href="sources/#fact-capex-actual"', en)
    assert re.search(r'<li id="src-2" data-tip="स्रोत 2: Example, 28 जनवरी 2026">.*?href="sources/#fact-capex-actual"', hi)
    sources_hi = (site / "hi" / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'id="fact-capex-actual"' in sources_hi and "72.22 अरब डॉलर" in sources_hi
    assert (site / "facts.json").exists()


def test_broken_mkdocs_yml_stops_with_a_message(fixture_site):
    result, _ = fixture_site(edits={"mkdocs.yml": "site_name: Fixture\nnav:\n  - Home: index.md\n   - bad\n"})
    assert result.returncode != 0
    assert "mkdocs.yml" in result.output or "configuration file" in result.output
    assert "line 4" in result.output


def test_calculator_needs_its_model_facts(fixture_site):
    """A page that places the MoE calculator needs every model fact it shows."""
    from pathlib import Path
    base = Path(__file__).parent / "sites" / "_base" / "docs"
    en = (base / "index.md").read_text(encoding="utf-8") + "\n<!-- moe-calculator -->\n"
    hi = (base / "index.hi.md").read_text(encoding="utf-8") + "\n<!-- moe-calculator -->\n"
    result, _ = fixture_site(edits={"docs/index.md": en, "docs/index.hi.md": hi})
    assert result.returncode != 0
    assert "fact-calculator: the MoE calculator needs the fact 'llama4-scout-total-params'" in result.output
