"""Sources that say what they are, review dates, one event one fact, quotes as facts.

Each rule has a fixture site under tests/sites/ that breaks it; the finding names the registry
line. The real registry passes with no fact due for review.
"""
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

from hooks.checks import run as checks
from hooks.facts import review
from hooks.facts.quotes import render_quote
from hooks.facts.registry import load
from hooks.facts.review import checked_phrase, due_facts

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
BASE = (SITES / "_base" / "facts" / "registry.yaml").read_text(encoding="utf-8")


def project(tmp_path, case):
    dest = tmp_path / case
    shutil.copytree(SITES / "_base", dest)
    shutil.copytree(SITES / case, dest, dirs_exist_ok=True)
    return dest


def source_findings(root):
    proj, findings = checks.load_project(root)
    return proj, list(findings) + checks.source_checks(proj)


def line_of(path: Path, text: str, after: str = "") -> int:
    content = path.read_text(encoding="utf-8")
    start = content.index(after) if after else 0
    return content[:content.index(text, start)].count("\n") + 1


def load_text(tmp_path, text):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path, "facts/registry.yaml")


# ------------------------------------------------------------------ fixture sites, one per rule

def test_confirmed_fact_on_relays_only(tmp_path):
    root = project(tmp_path, "facts-relay-only")
    _, findings = source_findings(root)
    line = line_of(root / "facts/registry.yaml", "    status: confirmed", "id: capex-actual")
    hits = [f for f in findings if f.rule == "registry-relay-only"]
    assert [(f.line, f.severity) for f in hits] == [(line, "error")], [f.format() for f in findings]
    assert "capex-actual" in hits[0].message and "status: reported" in hits[0].hint


def test_review_date_passed_is_a_warning_naming_fact_line_and_pages(tmp_path):
    root = project(tmp_path, "facts-review-due")
    _, findings = source_findings(root)
    line = line_of(root / "facts/registry.yaml", "review_by: 2020-06-01")
    due = [f for f in findings if f.rule == "fact-review-due"]
    assert len(due) == 1, [f.format() for f in findings]
    f = due[0]
    assert (f.path, f.line, f.severity) == ("facts/registry.yaml", line, "warning")
    assert "'launch-date'" in f.message and "2020-06-01" in f.message
    assert "docs/index.md" in f.message and "docs/index.hi.md" in f.message
    assert not [f for f in findings if f.severity == "error"], [f.format() for f in findings]


def test_review_due_in_the_build_is_a_warning_not_an_error(fixture_site):
    result, _ = fixture_site("facts-review-due", strict=False)
    lines = [l for l in result.output.splitlines() if ": fact-review-due: " in l]
    assert lines and all("checks: warning: " in l for l in lines), result.output
    assert all(l.startswith("INFO ") for l in lines)   # logged as info: --strict does not fail on it
    assert "Traceback" not in result.output


def test_two_facts_for_one_event(tmp_path):
    root = project(tmp_path, "facts-same-event")
    _, findings = source_findings(root)
    line = line_of(root / "facts/registry.yaml", "  - id: launch-day")
    hits = [f for f in findings if f.rule == "registry-same-event"]
    assert [f.line for f in hits] == [line], [f.format() for f in findings]
    assert "'launch-date'" in hits[0].message and "'launch-day'" in hits[0].message


def test_quote_without_its_original(tmp_path):
    root = project(tmp_path, "facts-quote-no-original")
    _, findings = source_findings(root)
    hits = [f for f in findings if f.rule == "registry-quote"]
    assert hits and "without its original" in hits[0].message, [f.format() for f in findings]
    start = line_of(root / "facts/registry.yaml", "    value:", "id: quote-ceo-launch")
    assert start <= hits[0].line <= start + 4


def test_quote_renders_in_the_page_language_with_the_original_marked(fixture_site):
    result, site = fixture_site("facts-quote", strict=False)
    assert "Traceback" not in result.output
    assert ": registry-" not in result.output, result.output
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    # English page: the original itself, marked English, markup in it shown as text
    assert re.search(r'<q class="cited-quote" lang="en">We are &lt;really&gt; (?:&#42;|\*)proud', en)
    assert "<really>" not in en
    # Hindi page: the Hindi rendering, then the original marked lang="en" beside it
    m = re.search(r'<q class="cited-quote" lang="hi">([^<]*)</q> <span class="quote-original">'
                  r'\(मूल अंग्रेज़ी में: <q class="cited-quote-original"><span lang="en">([^<]*)</span></q>\)', hi)
    assert m, hi[hi.find("मुख्य कार्यकारी"):][:600]
    assert "गर्व" in m.group(1) and "proud" in m.group(2)


# ------------------------------------------------------------------ the loader's rules, one by one

def test_source_kind_is_required_and_misspellings_get_a_suggestion(tmp_path):
    _, findings = load_text(tmp_path, BASE.replace("        kind: primary\n", "", 1))
    assert any(f.rule == "registry-source" and "sources.kind" in f.message and "is missing" in f.message
               for f in findings), [f.format() for f in findings]
    _, findings = load_text(tmp_path, BASE.replace("kind: primary", "kind: primry", 1))
    hit = [f for f in findings if "sources.kind" in f.message]
    assert hit and "did you mean 'primary'" in hit[0].hint
    assert hit[0].line == BASE[:BASE.index("kind: primary")].count("\n") + 1


def test_review_dates_are_full_dates_in_order_and_review_by_needs_checked(tmp_path):
    checked_only = BASE.replace("    status: confirmed\n", "    status: confirmed\n    checked: 2026-12-02\n", 1)
    _, findings = load_text(tmp_path, checked_only)
    assert not any(f.rule == "registry-review" for f in findings)  # a fact that does not change
    review_only = BASE.replace("    status: confirmed\n", "    status: confirmed\n    review_by: 2027-01-01\n", 1)
    _, findings = load_text(tmp_path, review_only)
    assert any(f.rule == "registry-review" and "needs the date it was last checked" in f.message
               for f in findings), [f.format() for f in findings]
    backwards = BASE.replace("    status: confirmed\n",
                             "    status: confirmed\n    checked: 2026-12-02\n    review_by: 2026-01-01\n", 1)
    _, findings = load_text(tmp_path, backwards)
    assert any("is not after checked" in f.message for f in findings)
    month = BASE.replace("    status: confirmed\n",
                         "    status: confirmed\n    checked: 2026-12\n    review_by: 2027-01-01\n", 1)
    _, findings = load_text(tmp_path, month)
    assert any(f.rule == "registry-date" and "not a full date" in f.message for f in findings)


def test_latest_figure_of_a_chain_needs_review_dates_unless_settled(tmp_path):
    unsettled = BASE.replace("    settled: true\n", "")
    _, findings = load_text(tmp_path, unsettled)
    assert [f.rule for f in findings] == ["registry-review"], [f.format() for f in findings]
    assert "capex-actual" in findings[0].message
    reviewed = unsettled.replace("    status: confirmed\n",
                                 "    status: confirmed\n    checked: 2026-12-02\n    review_by: 2027-03-01\n", 1)
    registry, findings = load_text(tmp_path, reviewed)
    assert findings == [], [f.format() for f in findings]
    fact = registry.facts["capex-actual"]
    assert (fact.checked, fact.review_by) == ("2026-12-02", "2027-03-01")
    assert registry.facts["launch-date"].checked is None and registry.facts["launch-date"].review_by is None


def test_events_with_their_own_keys_are_different_events(tmp_path):
    text = (SITES / "facts-same-event" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    keyed = text.replace("  - id: launch-day\n    topic: capex\n", "  - id: launch-day\n    topic: capex\n    event: press-day\n")
    _, findings = load_text(tmp_path, keyed)
    assert not [f for f in findings if f.rule == "registry-same-event"]
    same_key = keyed.replace("    value: 2025-04-05\n    as_of: 2025-04-05\n",
                             "    event: press-day\n    value: 2025-04-05\n    as_of: 2025-04-05\n", 1)
    _, findings = load_text(tmp_path, same_key)
    assert [f.rule for f in findings if f.rule == "registry-same-event"] == ["registry-same-event"]


def test_quote_in_english_must_equal_its_original(tmp_path):
    text = (SITES / "facts-quote" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    changed = text.replace('      en: "We are <really> *proud* of this model."', '      en: "We are proud of it."')
    _, findings = load_text(tmp_path, changed)
    assert any(f.rule == "registry-quote" and "differs from the original" in f.message for f in findings)
    registry, findings = load_text(tmp_path, text.replace("    speaker: {en: \"A. Person\", hi: \"ए. पर्सन\"}\n", ""))
    assert any("'speaker'" in f.message for f in findings)


def test_render_quote_escapes_every_registry_string(tmp_path):
    text = (SITES / "facts-quote" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    registry, findings = load_text(tmp_path, text.replace("lang: en", "lang: en", 1))
    assert findings == []
    fact = registry.facts["quote-ceo-launch"]
    for lang in ("en", "hi"):
        out = render_quote(fact, lang)
        assert "<really>" not in out and "<सचमुच>" not in out and "*" not in out
    assert render_quote(fact, "en").startswith('<q class="cited-quote" lang="en">')


def test_checked_phrase_in_both_languages():
    fact = SimpleNamespace(checked="2026-12-02", review_by="2027-03-01")
    assert checked_phrase(fact, "en") == "checked 2 December 2026"
    assert checked_phrase(fact, "hi") == "2 दिसंबर 2026 को जाँचा गया"
    assert checked_phrase(SimpleNamespace(checked=None), "en") is None


# ------------------------------------------------------------------ the real registry and the CLI

TIME_VARYING = ["chatgpt-wau-2026-02", "meta-capex-2026-q2-revision", "behemoth-unreleased-as-of",
                "later-llama-releases", "llama-release-check-date"]


def test_real_registry_has_review_dates_and_nothing_due():
    registry, findings = load(ROOT / "facts" / "registry.yaml", "facts/registry.yaml")
    assert findings == [], [f.format() for f in findings]
    for fact_id in TIME_VARYING:
        fact = registry.facts[fact_id]
        assert fact.checked and fact.review_by, fact_id
    assert due_facts(registry, review.today()) == []
    assert due_facts(registry, "2099-01-01"), "the review dates are in the past of 2099"


def test_facts_due_command(tmp_path, capsys):
    from hooks.cli import main
    root = project(tmp_path, "facts-review-due")
    assert main(["facts", "--due", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"facts/registry.yaml:\d+: DUE launch-date: review by 2020-06-01", out), out
    assert "docs/index.md" in out and "1 fact due for review" in out
    assert main(["facts", "--due", "--on", "2020-05-31", "--root", str(root)]) == 0
    assert "no fact is due for review on 2020-05-31" in capsys.readouterr().out
    assert main(["facts", "--due", "--on", "31-05-2020", "--root", str(root)]) == 2
    assert main(["facts", "--root", str(root)]) == 0          # the plain list never fails
    assert "DUE launch-date" in capsys.readouterr().out


def test_real_site_has_no_due_fact(capsys):
    from hooks.cli import main
    assert main(["facts", "--due", "--root", str(ROOT)]) == 0
    assert "no fact is due for review" in capsys.readouterr().out


def test_quote_reference_with_text_or_quotation_marks(tmp_path):
    root = project(tmp_path, "facts-quote")
    page = root / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("said [](fact:quote-ceo-launch) that day",
                                 'said "[](fact:quote-ceo-launch)" that day, and [proud](fact:quote-ceo-launch)'),
                    encoding="utf-8")
    _, findings = source_findings(root)
    marks = [f for f in findings if f.rule == "fact-quote-marks"]
    texts = [f for f in findings if f.rule == "fact-quote-text"]
    assert [(f.path, f.severity) for f in marks] == [("docs/index.md", "warning")], [f.format() for f in findings]
    assert [(f.path, f.severity) for f in texts] == [("docs/index.md", "error")]
    clean = project(tmp_path / "clean", "facts-quote")
    _, findings = source_findings(clean)
    assert not [f for f in findings if f.rule.startswith("fact-quote")]
