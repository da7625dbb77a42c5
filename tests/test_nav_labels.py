"""A nav label without its Hindi translation (static-i18n's nav_translations) is a finding at
its line in mkdocs.yml (hooks/checks/parity.py, check_nav_labels)."""
from __future__ import annotations

from fixture_sites import ROOT, SITES
from hooks.checks.parity import check_nav_labels

CONFIG = """site_name: x
plugins:
  - i18n:
      build_only_locale: !ENV [BUILD_ONLY_LOCALE]
      languages:
        - locale: en
          default: true
        - locale: hi
          build: true
          nav_translations:
            Home: होम
            Reference: संदर्भ
            Sources: स्रोत
nav:
  - Home: index.md
  - Reference:
      - Sources: sources.md
  - glossary.md
"""


def test_every_label_translated_passes():
    assert check_nav_labels(CONFIG) == []
    assert check_nav_labels((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) == []


def test_a_renamed_label_is_a_finding_at_its_line():
    found = check_nav_labels(CONFIG.replace("      - Sources: sources.md", "      - All sources: sources.md"))
    assert [f.format() for f in found] == [
        "mkdocs.yml:17:1: i18n-nav-label: the nav label 'All sources' has no Hindi translation: the hi "
        "site shows it in English (fix: add 'All sources: <the label in Hindi>' under nav_translations "
        "of locale hi (line 10))"]
    assert found[0].severity == "error"


def test_a_section_label_counts_too():
    found = check_nav_labels(CONFIG.replace("  - Reference:", "  - More:"))
    assert [(f.line, f.rule) for f in found] == [(16, "i18n-nav-label")]


def test_a_language_not_built_or_without_translations_is_not_checked():
    assert check_nav_labels(CONFIG.replace("          build: true\n", "          build: false\n")
                            .replace("            Sources: स्रोत\n", "")) == []
    base = (SITES / "_base" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "nav_translations" not in base and check_nav_labels(base) == []


def test_the_build_and_the_check_report_it(fixture_site):
    base = (SITES / "_base" / "mkdocs.yml").read_text(encoding="utf-8")
    config = base.replace("            language: hi\n",
                          "            language: hi\n          nav_translations:\n            Home: होम\n")
    result, _ = fixture_site(edits={"mkdocs.yml": config})
    assert result.returncode == 1
    line = config.splitlines().index("  - Sources: sources.md") + 1
    assert (f"ERROR   -  checks: mkdocs.yml:{line}:1: i18n-nav-label: the nav label 'Sources' has no "
            "Hindi translation") in result.output, result.output
