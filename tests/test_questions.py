"""Open questions as registry entries (facts/questions.yaml, hooks/facts/questions.py): the file's own
checks at their lines, the pages against the file, the lists written from it, and the due list."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixture_sites import ROOT, SITES
from hooks.checks import run as checks
from hooks.checks import questions_check
from hooks.facts import questions
from hooks.render import questions_list
from hooks.cli import main
from hooks.core.mdscan import parse, read_pages

OK = (SITES / "questions-ok" / "facts" / "questions.yaml").read_text(encoding="utf-8")


def project(tmp_path, yaml_text=OK, edits=None) -> Path:
    dest = tmp_path / "site"
    shutil.copytree(SITES / "_base", dest)
    shutil.copytree(SITES / "questions-ok", dest, dirs_exist_ok=True)
    (dest / questions.QUESTIONS).write_text(yaml_text, encoding="utf-8")
    for rel, text in (edits or {}).items():
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


def load_text(tmp_path, text):
    (tmp_path / "facts").mkdir(exist_ok=True)
    (tmp_path / questions.QUESTIONS).write_text(text, encoding="utf-8")
    return questions.load(tmp_path)


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


def found(tmp_path, text):
    root = project(tmp_path, text)
    proj, _ = checks.load_project(root)
    qs, problems = questions.load(root)
    return problems + questions_check.check(qs, proj.pages, proj.registry)


def only(findings, rule):
    hits = [f for f in findings if f.rule == rule]
    assert hits, [f.format() for f in findings]
    return hits


# ------------------------------------------------------------------ the file's own checks

def test_fixture_file_is_clean(tmp_path):
    assert found(tmp_path, OK) == []


def test_unknown_page_named_at_its_line(tmp_path):
    text = OK.replace("pages: [index.md]", "pages: [indx.md]", 1)
    hit, = only(found(tmp_path, text), "registry-question-page")
    assert (hit.path, hit.line) == ("facts/questions.yaml", line_of(text, "pages: [indx.md]"))
    assert "'indx.md' is not a page" in hit.message and "index.md" in hit.hint


def test_hindi_twin_named_instead_of_english_page(tmp_path):
    text = OK.replace("pages: [index.md]", "pages: [index.hi.md]", 1)
    hit, = only(found(tmp_path, text), "registry-question-page")
    assert "English file" in hit.hint


def test_missing_hindi_text(tmp_path):
    text = OK.replace('      hi: "**योजना क्यों बदली।** किसी ने <b>वजह</b> नहीं बताई ([ब्योरा](#details))।"\n', "", 1)
    _, findings = load_text(tmp_path, text)
    hit, = only(findings, "registry-question")
    assert hit.line == line_of(text, "en: \"**Why") and "plan-reason" in hit.message and "Hindi" in hit.message


@pytest.mark.parametrize("bad", ["2030-13-01", "2030-02-30", "2030", "soon"])
def test_bad_review_date(tmp_path, bad):
    text = OK.replace("review_by: 2030-01-01", f"review_by: {bad}")
    qs, findings = load_text(tmp_path, text)
    hit, = only(findings, "registry-question-date")
    assert hit.line == line_of(text, "review_by:") and "review_by" in hit.message
    assert "plan-reason" not in qs.items


def test_open_question_needs_review_date_and_sources(tmp_path):
    text = OK.replace("    review_by: 2030-01-01\n", "", 1)
    _, findings = load_text(tmp_path, text)
    assert any(f.rule == "registry-question" and "'review_by': is missing" in f.message for f in findings)
    text = OK.replace("    sources:\n      - title: The next results\n        kind: primary\n", "", 1)
    _, findings = load_text(tmp_path, text)
    assert any("'sources': is missing" in f.message for f in findings)


def test_answered_without_date(tmp_path):
    text = OK.replace("    answered_on: 2026-01-28\n", "")
    qs, findings = load_text(tmp_path, text)
    hit, = only(findings, "registry-question-answered")
    assert "answered_on" in hit.message and "year-end" in hit.message
    assert "year-end" not in qs.items


def test_answered_without_fact_or_source(tmp_path):
    start = OK.index("    answered_by:")
    text = OK[:start]
    qs, findings = load_text(tmp_path, text)
    hit, = only(findings, "registry-question-answered")
    assert "answered_by" in hit.message and hit.line == line_of(text, "- id: year-end")


def test_answered_in_the_future(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTS_TODAY", "2026-01-27")
    _, findings = load_text(tmp_path, OK)
    hit, = only(findings, "registry-question-date")
    assert "future" in hit.message
    monkeypatch.setenv("FACTS_TODAY", "2026-01-28")
    assert load_text(tmp_path, OK)[1] == []


def test_open_question_with_an_answer_is_refused(tmp_path):
    text = OK.replace("status: answered", "status: open").replace(
        "    answered_on: 2026-01-28\n", "    review_by: 2030-01-01\n    sources: []\n    answered_on: 2026-01-28\n")
    _, findings = load_text(tmp_path, text)
    assert any(f.rule == "registry-question-answered" and "'answered_on'" in f.message for f in findings)


def test_duplicate_id(tmp_path):
    text = OK.replace("id: year-end", "id: plan-reason")
    _, findings = load_text(tmp_path, text)
    hit, = only(findings, "registry-question-duplicate")
    assert hit.line == text[:text.rindex("id: plan-reason")].count("\n") + 1
    assert f"first on line {line_of(text, 'id: plan-reason')}" in hit.message


def test_unknown_field_and_kind(tmp_path):
    text = OK.replace("    review_by: 2030-01-01\n", "    review_by: 2030-01-01\n    reviewed: 2026-01-01\n").replace(
        "kind: primary\n  - id: year-end", "kind: rumour\n  - id: year-end")
    _, findings = load_text(tmp_path, text)
    field, = [f for f in only(findings, "registry-question") if "'reviewed'" in f.message]
    assert field.line == line_of(text, "reviewed:") and "did you mean 'review_by'" in field.hint
    kind, = [f for f in only(findings, "registry-question") if "rumour" in f.message]
    assert kind.line == line_of(text, "kind: rumour")


def test_link_only_to_a_heading(tmp_path):
    for target in ("javascript:alert(1)", "https://example.org/x", "../index.md"):
        text = OK.replace("[the details](#details)", f"[the details]({target})")
        _, findings = load_text(tmp_path, text)
        assert only(findings, "registry-question")[0].line == line_of(text, "the details")
    text = OK.replace("Nobody said", "Nobody said ![x](y)")
    assert only(load_text(tmp_path, text)[1], "registry-question")
    text = OK.replace("[the details](#details)", "[the details](#nowhere)")
    hit, = only(found(tmp_path, text), "registry-question")
    assert "#nowhere" in hit.message


def test_unknown_answering_fact(tmp_path):
    text = OK.replace("facts: [capex-actual]", "facts: [capex-actuall]")
    hit, = only(found(tmp_path, text), "registry-question-fact")
    assert hit.line == line_of(text, "facts: [capex-actuall]")


def test_bad_yaml_is_a_finding_not_a_traceback(tmp_path):
    _, findings = load_text(tmp_path, OK.replace("pages: [index.md]", "pages: [index.md", 1))
    assert findings and findings[0].rule == "registry-yaml" and findings[0].path == "facts/questions.yaml"
    qs, findings = load_text(tmp_path, "- just a list\n")
    assert qs.unreadable and findings[0].rule == "registry-question"


# ------------------------------------------------------------------ the pages against the file

def test_item_typed_into_the_section_has_no_entry(tmp_path):
    base = (SITES / "questions-ok" / "docs" / "index.md").read_text(encoding="utf-8")
    page = base + "- Whether anyone will type a question back in.\n"
    root = project(tmp_path, OK, {"docs/index.md": page})
    proj, _ = checks.load_project(root)
    hit, = only(questions_check.check(questions.load(root)[0], proj.pages, proj.registry), "page-question-unregistered")
    assert (hit.path, hit.line) == ("docs/index.md", page.count("\n"))
    assert "facts/questions.yaml" in hit.message


def test_item_that_is_an_entry_already_names_it(tmp_path):
    page = (SITES / "questions-ok" / "docs" / "index.hi.md").read_text(encoding="utf-8") + \
        "1. **साल कितने पर ख़त्म होगा।**\n"
    root = project(tmp_path, OK, {"docs/index.hi.md": page})
    proj, _ = checks.load_project(root)
    hit, = only(questions_check.check(questions.load(root)[0], proj.pages, proj.registry), "page-question-unregistered")
    assert hit.path == "docs/index.hi.md" and "'year-end'" in hit.hint


def test_items_outside_the_section_or_in_an_admonition_are_left_alone(tmp_path):
    base = (SITES / "questions-ok" / "docs" / "index.md").read_text(encoding="utf-8")
    page = base.replace("## Details {#details}\n", "## Details {#details}\n\n- a list elsewhere\n") + \
        '\n??? note "How we know"\n    - a list in a note\n'
    root = project(tmp_path, OK, {"docs/index.md": page})
    proj, _ = checks.load_project(root)
    assert questions_check.check(questions.load(root)[0], proj.pages, proj.registry) == []


def test_section_without_marker(tmp_path):
    page = (SITES / "questions-ok" / "docs" / "index.md").read_text(encoding="utf-8").replace(questions.MARKER, "")
    root = project(tmp_path, OK, {"docs/index.md": page})
    proj, _ = checks.load_project(root)
    rules = {f.rule for f in questions_check.check(questions.load(root)[0], proj.pages, proj.registry)}
    assert {"page-question-marker", "registry-question-page"} <= rules


def test_real_site_sections_are_all_from_the_file():
    """Every unknowns section of the real site holds the marker and no typed item, every entry
    names real pages; and a typed item on a real page is caught at its line."""
    pages = read_pages(ROOT / "docs", ROOT)
    qs, problems = questions.load(ROOT)
    assert problems == [] and qs.items
    proj, _ = checks.load_project(ROOT)
    assert questions_check.check(qs, pages, proj.registry) == []
    with_section = [p for p in pages.values() if questions_check._section(p)]
    assert len(with_section) >= 12 and all(questions.MARKER in p.text for p in with_section)
    race = pages["race.md"]
    text = race.text.replace(questions.MARKER, questions.MARKER + "\n- **A question typed back in.**")
    pages["race.md"] = parse(text, "race.md", "docs/race.md")
    hit, = [f for f in questions_check.check(qs, pages, proj.registry) if f.rule == "page-question-unregistered"]
    assert hit.path == "docs/race.md" and hit.line == line_of(text, "A question typed back in")


# ------------------------------------------------------------------ what the pages show

def _render(tmp_path, lang, text=OK, page_text=None):
    root = project(tmp_path, text)
    pages = read_pages(root / "docs", root)
    qs, problems = questions.load(root)
    assert problems == []
    rel = "index.md" if lang == "en" else "index.hi.md"
    return questions_list.render(page_text or pages[rel].text, pages[rel], qs, pages, checks.load_project(root)[0].registry)


def test_registry_text_is_escaped_and_only_its_markup_kept(tmp_path):
    out = _render(tmp_path, "en")
    assert "<b>" not in out and "&lt;b&gt;why&lt;/b&gt;" in out
    assert "<strong>Why the plan changed.</strong>" in out and "[the details](#details)" in out
    evil = OK.replace("Nobody said", "Nobody said [z] {: onclick=1} _u_ `c` <!-- x --> &amp;")
    out = _render(tmp_path / "2", "en", evil)
    assert "&amp;amp;" in out and "&lt;!--" in out
    for raw in ("[z]", "{:", "_u_", "`c`", "<!--"):
        assert raw not in out


def test_open_and_answered_in_each_language(tmp_path):
    en = _render(tmp_path, "en")
    assert en.index("Why the plan changed") < en.index("Answered since we asked:") < en.index(
        "<strong>Answered 28 January 2026:</strong> At the figure")
    assert "[Actual 2025 spending](sources.md#fact-capex-actual)" in en
    assert "[Results 2025](https://example.org/results-2025)" in en
    hi = _render(tmp_path / "2", "hi")
    assert "योजना क्यों बदली" in hi and "28 जनवरी 2026 को जवाब मिला" in hi and "Why the plan" not in hi


def test_answered_go_to_their_own_marker(tmp_path):
    page = (SITES / "questions-ok" / "docs" / "index.md").read_text(encoding="utf-8").replace(
        "## Details {#details}", f"## What we know {{#known}}\n\n{questions.ANSWERED_MARKER}\n\n## Details {{#details}}")
    out = _render(tmp_path, "en", OK, page)
    assert out.index("Answered since") < out.index("## Details") < out.index("Why the plan changed")


def test_all_answered_says_so(tmp_path):
    text = OK.replace("status: open", "status: answered\n    answered_on: 2026-01-28\n    answer: {en: Yes., hi: हाँ।}\n"
                      "    answered_by: {facts: [capex-actual]}").replace("    review_by: 2030-01-01\n", "")
    assert questions.WORDS["en"]["none"] in _render(tmp_path, "en", text)


def test_other_pages_show_the_short_form_with_a_link(tmp_path):
    pages = read_pages(ROOT / "docs", ROOT)
    qs, _ = questions.load(ROOT)
    home = questions_list.render(pages["index.md"].text, pages["index.md"], qs, pages)
    item = next(l for l in home.splitlines() if l.startswith("- ") and "sources were" in l)
    assert "<em>The Information</em>" in item and "(llama4/index.md#unknowns)" in item
    own = questions_list.render(pages["llama4/index.md"].text, pages["llama4/index.md"], qs, pages)
    assert "[how we know](#how-we-know)" in own


# ------------------------------------------------------------------ due for another look

def test_due_questions_listed_beside_due_facts(tmp_path, capsys):
    root = project(tmp_path)
    assert main(["facts", "--due", "--on", "2029-12-31", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "no open question is due" in out
    assert main(["facts", "--due", "--on", "2030-01-01", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"facts/questions.yaml:{line_of(OK, 'review_by:')}: DUE question plan-reason" in out
    assert "year-end" not in out            # answered: never due


def test_due_question_warns_in_the_checks(tmp_path, monkeypatch):
    root = project(tmp_path)
    monkeypatch.setenv("FACTS_TODAY", "2030-01-02")
    proj, _ = checks.load_project(root)
    hits = [f for f in checks.source_checks(proj) if f.rule == "registry-question-due"]
    assert [(h.line, h.severity) for h in hits] == [(line_of(OK, "review_by:"), "warning")]


# ------------------------------------------------------------------ the built fixture site

def test_fixture_site_builds_with_its_questions(fixture_site):
    result, site = fixture_site("questions-ok")
    assert result.returncode == 0, result.output
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Why the plan changed.</strong> Nobody said &lt;b&gt;why&lt;/b&gt;" in en
    assert "किसी ने &lt;b&gt;वजह&lt;/b&gt; नहीं बताई" in hi
    assert 'href="sources/#fact-capex-actual"' in en


def test_fixture_site_fails_on_a_typed_item(fixture_site):
    page = (SITES / "questions-ok" / "docs" / "index.md").read_text(encoding="utf-8") + "- Typed in.\n"
    result, _ = fixture_site("questions-ok", edits={"docs/index.md": page})
    assert result.returncode != 0
    assert f"docs/index.md:{page.count(chr(10))}:1: page-question-unregistered" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------------ the Hindi lint reads the file

def test_hindi_lint_reads_the_questions_hindi_at_their_lines(tmp_path):
    """The texts left the pages for the file: the Hindi lint follows them there."""
    text = OK.replace("किसी ने <b>वजह</b> नहीं बताई", "किसी ने <b>वजह</b> हिन्दी में नहीं बताई").replace(
        "साल कितने पर ख़त्म होगा।", "साल कितने पर खत्म होगा।")
    root = project(tmp_path, text)
    proj, _ = checks.load_project(root)
    hits = [f for f in checks.source_checks(proj) if f.path == "facts/questions.yaml" and f.rule.startswith("hi-")]
    assert {(f.rule, f.line) for f in hits} >= {("hi-spelling", line_of(text, "हिन्दी")),
                                                ("hi-variant", line_of(text, "खत्म"))}, [h.format() for h in hits]
    assert not [f for f in hits if f.rule in checks.QUESTIONS_SKIP_RULES]
    clean = [f for f in checks.source_checks(checks.load_project(project(tmp_path / "b"))[0])
             if f.path == "facts/questions.yaml"]
    assert clean == []
