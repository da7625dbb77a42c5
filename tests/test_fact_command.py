"""python -m hooks fact add / fact find, on temp copies of the fixture registry in
tests/sites/fact-add/ (the base fixture site's facts, with a second topic and comments)."""
from __future__ import annotations

import builtins
import re
import shutil

import pytest

from fixture_sites import SITES, assemble, run_build
from hooks import cli
from hooks.facts import registry as registry_mod

FIXTURE = SITES / "fact-add" / "facts" / "registry.yaml"

ADD = ["fact", "add", "--id", "capex-q1", "--topic", "capex",
       "--label-en", "Spending in the first quarter", "--label-hi", "पहली तिमाही का ख़र्च",
       "--value", "$14.5 billion", "--date", "2025-03-31",
       "--source-title", "Results Q1", "--source-publisher", "Example",
       "--source-url", "https://example.org/results-q1", "--source-published", "2025-04-30",
       "--source-kind", "primary"]

ENTRY = """  - id: capex-q1
    topic: capex
    label:
      en: Spending in the first quarter
      hi: पहली तिमाही का ख़र्च
    type: number
    value: 14.5
    scale: billion
    unit: USD
    as_of: 2025-03-31
    status: confirmed
    sources:
      - title: "Results Q1"
        publisher: Example
        kind: primary
        url: https://example.org/results-q1
        published: 2025-04-30
"""


@pytest.fixture
def site(tmp_path):
    """The base fixture site with the fact-add registry (comments, two topics)."""
    return assemble("fact-add", tmp_path / "src").parent


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def with_option(argv, name, value):
    argv = list(argv)
    i = argv.index(name)
    argv[i + 1] = value
    return argv


def test_add_writes_the_entry_after_its_topic_and_keeps_every_other_byte(capsys, site):
    path = site / "facts" / "registry.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run(capsys, *ADD, "--root", site)
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    # after the last capex fact, before the models section's comment
    anchor = "        kind: primary\n\n  # ---------------------------------------------------------------- models\n"
    assert before.count(anchor) == 1
    expected = before.replace(anchor, "        kind: primary\n\n" + ENTRY
                              + "\n  # ---------------------------------------------------------------- models\n")
    assert after == expected
    line = after.splitlines().index("  - id: capex-q1") + 1
    assert out.startswith(f"facts/registry.yaml:{line}: added fact 'capex-q1' (capex, confirmed):\n")
    assert ENTRY.rstrip("\n") in out
    assert "  en: [](fact:capex-q1)   prints $14.5 billion" in out
    assert "  hi: [](fact:capex-q1)   prints 14.5 अरब डॉलर" in out
    registry, findings = registry_mod.load(path)
    assert "capex-q1" in registry.facts and not [f for f in findings if f.severity == "error"]


def test_the_added_fact_builds_when_cited_on_both_pages(capsys, site):
    code, out, err = run(capsys, *ADD, "--root", site)
    assert code == 0, err
    refs = dict(re.findall(r"^  (en|hi): (\[\]\(fact:[a-z0-9-]+\))", out, re.M))
    assert refs == {"en": "[](fact:capex-q1)", "hi": "[](fact:capex-q1)"}
    for rel, sentence in (("docs/index.md", f"\nThe first quarter cost {refs['en']}.\n"),
                          ("docs/index.hi.md", f"\nपहली तिमाही में {refs['hi']} ख़र्च हुए।\n")):
        page = site / rel
        page.write_text(page.read_text(encoding="utf-8") + sentence, encoding="utf-8")
    # The Hindi page follows the English one it was translated from.
    assert cli.main(["ack", "index", "--root", str(site)]) == 0
    result = run_build(site / "mkdocs.yml", site.parent / "built")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "$14.5 billion" in (site.parent / "built" / "index.html").read_text(encoding="utf-8")
    assert "14.5 अरब डॉलर" in (site.parent / "built" / "hi" / "index.html").read_text(encoding="utf-8")


def test_add_refuses_an_id_that_exists_with_its_line(capsys, site):
    path = site / "facts" / "registry.yaml"
    before = path.read_text(encoding="utf-8")
    line = before.splitlines().index("  - id: capex-actual") + 1
    code, _, err = run(capsys, *with_option(ADD, "--id", "capex-actual"), "--root", site)
    assert code == 2
    assert f"error: facts/registry.yaml:{line}: fact 'capex-actual' already exists" in err
    assert path.read_text(encoding="utf-8") == before


def test_add_refuses_a_value_and_date_another_fact_records(capsys, site):
    path = site / "facts" / "registry.yaml"
    before = path.read_text(encoding="utf-8")
    line = before.splitlines().index("  - id: capex-actual") + 1
    argv = with_option(with_option(ADD, "--value", "72.22 billion"), "--date", "2025-12-31")
    code, _, err = run(capsys, *argv, "--unit", "USD", "--root", site)
    assert code == 2
    assert f"error: facts/registry.yaml:{line}: fact 'capex-actual' already records $72.22 billion" in err
    assert path.read_text(encoding="utf-8") == before
    # The same value at another date is another fact.
    argv = with_option(with_option(ADD, "--value", "72.22 billion"), "--date", "2025-06-30")
    assert run(capsys, *argv, "--unit", "USD", "--root", site)[0] == 0


def test_add_checks_the_entry_with_the_builds_rules(capsys, site):
    path = site / "facts" / "registry.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, *with_option(ADD, "--source-url", "http://example.org/q1"), "--root", site)
    assert code == 2
    assert "new entry, its line 16 (url: http://example.org/q1): registry-source:" in err
    # A rule over the whole registry (a confirmed fact resting on relays only), not one field.
    code, _, err = run(capsys, *with_option(ADD, "--source-kind", "relay"), "--status", "confirmed",
                       "--root", site)
    assert code == 2 and "registry-relay-only: fact 'capex-q1' is marked confirmed" in err
    code, _, err = run(capsys, *with_option(ADD, "--topic", "spending"), "--root", site)
    assert code == 2 and "unknown topic 'spending'" in err
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("value, expected", [
    ("2025-04-04", "    type: date\n    value: 2025-04-04\n"),
    ("60-65 billion", "    type: range\n    min: 60\n    max: 65\n    scale: billion\n"),
    ("17%", "    type: number\n    value: 17\n    unit: percent\n"),
    ("405B", "    type: number\n    value: 405\n    scale: billion\n"),
])
def test_add_reads_the_value_as_written(capsys, site, value, expected):
    code, out, err = run(capsys, *with_option(ADD, "--value", value), "--root", site)
    assert code == 0, err
    assert expected in (site / "facts" / "registry.yaml").read_text(encoding="utf-8")


def test_add_without_a_terminal_names_every_missing_option(capsys, site):
    code, _, err = run(capsys, "fact", "add", "--id", "capex-q1", "--topic", "capex", "--root", site)
    assert code == 2
    assert ("missing --label-en, --label-hi, --value, --date, --source-title, --source-publisher, "
            "--source-url, --source-published, --source-kind") in err


def test_add_in_a_terminal_asks_for_what_is_missing(capsys, site, monkeypatch):
    given = dict(zip(ADD[2::2], ADD[3::2]))
    asked = []

    def answer(prompt):
        asked.append(prompt)
        for option, value in given.items():
            name = option[2:].replace("-", "_")
            if prompt.startswith(dict(__import__("hooks.commands.fact", fromlist=["FIELDS"]).FIELDS)[name]):
                return value
        raise AssertionError(prompt)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", answer)
    code, out, err = run(capsys, "fact", "add", "--id", "capex-q1", "--root", site)
    assert code == 0, err
    assert len(asked) == 10 and "[capex/models]" in asked[0] and "[primary/report/relay]" in asked[-1]
    assert ENTRY in (site / "facts" / "registry.yaml").read_text(encoding="utf-8")


def test_find_searches_ids_labels_and_values(capsys, site):
    code, out, _ = run(capsys, "fact", "find", "spending", "--root", site)
    assert code == 0
    assert re.findall(r"^facts/registry\.yaml:\d+: ([a-z0-9-]+):", out, re.M) == ["capex-plan", "capex-actual"]
    assert "    cite it as [](fact:capex-actual)" in out
    # every word must match; Hindi labels and the values as the site writes them count
    assert re.findall(r"^facts/registry\.yaml:\d+: ([a-z0-9-]+):", run(capsys, "fact", "find", "असल", "--root", site)[1], re.M) == ["capex-actual"]
    assert "capex-actual:" in run(capsys, "fact", "find", "$72.22", "--root", site)[1]
    assert "launch-date:" in run(capsys, "fact", "find", "april", "2025", "--root", site)[1]
    code, out, _ = run(capsys, "fact", "find", "spending", "april", "--root", site)
    assert code == 1 and out.startswith("no fact matches spending april")


def test_find_knows_the_short_form_of_a_model_size(capsys, tmp_path):
    root = tmp_path / "p"
    (root / "facts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copy(FIXTURE, root / "facts" / "registry.yaml")
    assert run(capsys, *with_option(ADD, "--value", "405 billion"), "--root", root)[0] == 0
    code, out, _ = run(capsys, "fact", "find", "405b", "--root", root)
    assert code == 0 and "capex-q1:" in out


def test_an_empty_answer_in_a_terminal_writes_nothing(capsys, site, monkeypatch):
    path = site / "facts" / "registry.yaml"
    before = path.read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda prompt: "")
    code, _, err = run(capsys, "fact", "add", "--id", "capex-q1", "--root", site)
    assert code == 2 and "error: no topic given; nothing was written" in err
    assert path.read_text(encoding="utf-8") == before


def test_add_writes_a_note_in_both_languages_and_refuses_one_without_hindi(capsys, site):
    """Issue 29: the Hindi Sources page shows the Hindi note, so `fact add` takes both or none."""
    path = site / "facts" / "registry.yaml"
    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, *ADD, "--note", "From the filing.", "--root", site)
    assert code == 2 and "--note-hi" in err
    assert path.read_text(encoding="utf-8") == before
    code, _, err = run(capsys, *ADD, "--note", "From the filing.", "--note-hi", "फ़ाइलिंग से।",
                       "--root", site)
    assert code == 0, err
    registry, findings = registry_mod.load(path)
    assert registry.facts["capex-q1"].note == {"en": "From the filing.", "hi": "फ़ाइलिंग से।"}
