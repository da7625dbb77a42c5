"""Registry, config and command line against hostile input (issue 25; ../shared/reviews/2026-12-07/
hostile.md R01, R02, M03, M04, C01, C02, C04): a key given twice is a finding at its line; site_url
is a plain https address; days are YYYY-MM-DD or refused; every argument that can fail fails
with a message and exit 2, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from fixture_sites import ROOT, SITES
from hooks.checks import run as checks
from hooks import cli
from hooks.facts import registry, review, yamlnodes
from hooks.core import settings

CLI_PROJECT = SITES / "cli-project"


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- keys given twice -------------------------------------------------------------------------

def _registry_with(tmp_path, text: str) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_key_given_twice_is_a_finding_at_its_second_line(tmp_path):
    path = _registry_with(tmp_path, "facts:\n  - id: a\n    value: 17\n    scale: billion\n    value: 16\n")
    root, found = yamlnodes.read_yaml(path)
    assert [(f.line, f.col, f.rule) for f in found] == [(5, 5, "registry-duplicate-key")]
    assert "'value'" in found[0].message
    assert root is not None      # the rest of the file is still read and checked


def test_keys_given_twice_at_the_top_and_in_a_nested_block(tmp_path):
    text = "topics:\n  a:\n    en: A\n    en: B\nfacts: []\ntopics:\n  b: {en: x}\n"
    _, found = yamlnodes.read_yaml(_registry_with(tmp_path, text))
    assert sorted((f.line, f.rule) for f in found) == [(4, "registry-duplicate-key"), (6, "registry-duplicate-key")]


def test_the_same_key_in_two_entries_is_not_twice(tmp_path):
    text = "facts:\n  - id: a\n    value: 1\n  - id: b\n    value: 2\n"
    assert yamlnodes.read_yaml(_registry_with(tmp_path, text))[1] == []


def test_the_real_registry_and_questions_have_no_key_twice():
    for rel in (settings.REGISTRY, "facts/questions.yaml"):
        path = ROOT / rel
        if path.exists():
            assert [f for f in yamlnodes.read_yaml(path)[1] if f.rule == "registry-duplicate-key"] == [], rel


def test_the_review_s_duplicate_value_fails_the_check(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(SITES / "_base", root)
    reg = root / settings.REGISTRY
    text = reg.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("value:"))
    reg.write_text(text.replace(first + "\n", first + "\n" + first.replace("value:", "value: 1") + "\n", 1)
                   .replace("value: 1 ", "value: 1"), encoding="utf-8")
    _, found = checks.load_project(root)
    lines = reg.read_text(encoding="utf-8").splitlines()
    second = [i for i, line in enumerate(lines, 1) if line.strip().startswith("value:")][1]
    assert ("facts/registry.yaml", second, "registry-duplicate-key") in [(f.path, f.line, f.rule) for f in found]


# --- direction controls and decimal commas in the registry (R03, R05) -------------------------

FACT = ("facts:\n  - id: a-b\n    topic: t\n    label:\n      en: {label}\n      hi: एक\n"
        "    type: number\n    value: {value}\n")


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u202c"])
def test_a_direction_control_in_the_registry_is_a_finding_at_it(tmp_path, control):
    path = _registry_with(tmp_path, FACT.format(label=f"a free {control}weiverp hcraeser", value=17))
    root, found = yamlnodes.read_yaml(path)
    assert root is not None     # the file is still read: one finding, not a refused registry
    assert [(f.line, f.col, f.rule, f.severity) for f in found] == [(5, 18, "content-bidi", "error")]
    assert f"U+{ord(control):04X}" in found[0].message


def test_the_review_s_reversed_label_fails_the_check(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(SITES / "_base", root)
    reg = root / settings.REGISTRY
    lines = reg.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("en:"))
    lines[n] = lines[n].rstrip("\n") + " \u202eweiverp\u202c\n"
    reg.write_text("".join(lines), encoding="utf-8")
    _, found = checks.load_project(root)
    assert [(f.path, f.line, f.rule) for f in found if f.rule == "content-bidi"] == \
        [("facts/registry.yaml", n + 1, "content-bidi")] * 2


@pytest.mark.parametrize("text", ["a\u200eb", "a\u200fb", "हिंदी", "a\u00a0b", "ab"])
def test_marks_and_plain_text_are_no_direction_control(tmp_path, text):
    path = _registry_with(tmp_path, FACT.format(label=text, value=17))
    assert yamlnodes.read_yaml(path)[1] == []


def test_the_real_yaml_files_hold_no_direction_control():
    for path in [ROOT / settings.REGISTRY, ROOT / "facts" / "questions.yaml", *sorted((ROOT / "hooks").rglob("*.yaml"))]:
        if path.exists():
            assert [f for f in yamlnodes.read_yaml(path)[1] if f.rule == "content-bidi"] == [], path


def _decimal(value: str):
    entry = registry._Fact("r.yaml", yamlnodes.Node({"id": yamlnodes.Node("a-b", 2),
                                                     "value": yamlnodes.Node(value, 3)}, 2), 0)
    return entry.decimal("value"), entry.findings


@pytest.mark.parametrize("value", ["1,7", "1,70", "17,", "1,7000", "12,34", "1,234,56", "1,2,345",
                                   "1,234.5,6", "0,5", "1,000,0"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(value):
    number, found = _decimal(value)
    assert number is None
    assert [(f.line, f.rule) for f in found] == [(3, "registry-field")]
    assert "ambiguous" in found[0].message and value.replace(",", ".") in found[0].hint


@pytest.mark.parametrize("value, number", [("1,700", 1700), ("12,345,678", 12345678), ("1,00,000", 100000),
                                           ("12,34,56,789", 123456789), ("1,234.5", 1234.5), ("1.7", 1.7),
                                           ("17", 17), ("100,000", 100000), ("-1,500", -1500)])
def test_thousands_and_lakh_separators_are_read(value, number):
    read, found = _decimal(value)
    assert found == [] and float(read) == number


def test_the_review_s_decimal_comma_fails_the_check(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(SITES / "_base", root)
    reg = root / settings.REGISTRY
    lines = reg.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if re.fullmatch(r"\s+value: \d+\.\d+\n", line))
    lines[n] = lines[n].replace(".", ",")        # 72.22 written 72,22: read as 7222 before
    reg.write_text("".join(lines), encoding="utf-8")
    project, found = checks.load_project(root)
    assert [(f.path, f.line, f.rule) for f in found if "ambiguous" in f.message] == \
        [("facts/registry.yaml", n + 1, "registry-field")]


# --- site_url ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://example.github.io/llama4-explainer/", "https://example.org/",
                                 "https://example.org", "https://docs.example.org:8443/a/b-c_d/",
                                 "https://example.org/%7Euser/"])
def test_plain_https_site_urls_pass(url):
    assert settings.site_url_problem(url) is None


@pytest.mark.parametrize("url, why", [
    (None, "missing"), ("", "missing"), (17, "missing"),
    ("http://example.org/", "https"), ("example.org/", "https"), ("javascript:alert(1)//", "https"),
    ("https://example.github.io/llama4-explainer/?utm_source=x#frag", "query or a fragment"),
    ("https://example.org/#x", "query or a fragment"), ("https://example.org/?", "query or a fragment"),
    ('https://example.github.io/x/"><script>alert(1)</script><a x="/', "character"),
    ("https://example.org/a b/", "character"), ("https://example.org/a'b/", "character"),
    ("https://example.org/a\\b/", "character"), ("https://example.org/<x>/", "character"),
    ("https://example.org/a`b/", "character"), ("https://example.org/a\tb/", "character"),
    ("https://user:pw@example.org/", "host"), ('https://exa"mple.org/', "host"), ("https:///x/", "host"),
    ("https://[::1/", "URL"),
])
def test_site_urls_that_are_not_plain_are_refused(url, why):
    problem = settings.site_url_problem(url)
    assert problem is not None and why in problem, (url, problem)


def test_the_site_url_finding_names_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n\nsite_url: https://example.org/?q=1\n", encoding="utf-8")
    (finding,) = checks.config_findings("https://example.org/?q=1", config)
    assert (finding.path, finding.line, finding.rule) == ("mkdocs.yml", 3, "config-site-url")
    assert checks.config_findings("https://example.org/", config) == []


def test_mkdocs_serve_keeps_its_exception(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(SITES / "_base", root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://example.org/fixture/", "site_url: https://example.org/fixture/?x=1"), encoding="utf-8")
    conf = settings.load(root)
    assert [f.rule for f in checks.load_project(root, conf=conf)[1] if f.rule == "config-site-url"] == ["config-site-url"]
    assert [f for f in checks.load_project(root, conf=conf, serving=True)[1] if f.rule == "config-site-url"] == []


# --- days -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2027-01-14", " 2027-01-14 ", "2024-02-29"])
def test_days_written_yyyy_mm_dd(text):
    assert review.parse_day(text) == text.strip()


@pytest.mark.parametrize("text", ["20270114", "2027-W03-4", "2027-1-14", "2027-01-14T00:00", "2027-02-30",
                                  "2023-02-29", "garbage", "", "٢٠٢٧-٠١-١٤", "2027-01-14\n2027"])
def test_other_day_forms_are_refused(text):
    with pytest.raises(ValueError):
        review.parse_day(text)


def test_facts_today_that_is_not_a_day_is_refused_everywhere(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(review.TODAY_ENV, "20270114")
    assert "YYYY-MM-DD" in review.today_problem()
    assert review.today() == dt.date.today().isoformat()     # never compared as a string
    root = tmp_path / "p"
    shutil.copytree(CLI_PROJECT, root)
    found = checks.load_project(root)[1]
    assert [(f.path, f.rule) for f in found if f.rule == "config-facts-today"] == [("FACTS_TODAY", "config-facts-today")]
    code, out, err = run(capsys, "facts", "--due", "--root", root)
    assert code == 2 and "FACTS_TODAY=20270114" in err and "Traceback" not in err
    monkeypatch.setenv(review.TODAY_ENV, "2027-01-14")
    assert review.today_problem() is None and review.today() == "2027-01-14"


@pytest.mark.parametrize("on", ["20270114", "garbage", "2027-02-30"])
def test_facts_on_takes_only_a_day(capsys, tmp_path, monkeypatch, on):
    monkeypatch.delenv(review.TODAY_ENV, raising=False)
    root = tmp_path / "p"
    shutil.copytree(CLI_PROJECT, root)
    code, out, err = run(capsys, "facts", "--due", "--on", on, "--root", root)
    assert code == 2 and f"--on {on}" in err, (code, out, err)


# --- command-line arguments -------------------------------------------------------------------

def test_new_refuses_a_name_too_long_for_a_file(capsys, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(CLI_PROJECT, root)
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("a" * 300, "moe/" + "b" * 101, "/".join(["c" * 90] * 3)):
        code, out, err = run(capsys, "new", name, "--root", root)
        assert code == 2 and "too long" in err, (name, err)
    code, _, err = run(capsys, "new", "a" * 100, "--root", root)   # the longest part allowed
    assert code == 0, err
    assert (root / "docs" / f"{'a' * 100}.hi.md").is_file()
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") != before


@pytest.mark.parametrize("title", ["A </title><img src=x onerror=alert(1)>", "Since [](fact:launch-date)",
                                   "A \u202eb"])
def test_new_refuses_a_title_the_checks_would_refuse(capsys, tmp_path, title):
    root = tmp_path / "p"
    shutil.copytree(CLI_PROJECT, root)
    code, _, err = run(capsys, "new", "page-x", "--title-en", title, "--root", root)
    assert code == 2 and "title" in err
    assert not (root / "docs" / "page-x.md").exists()


@pytest.mark.parametrize("argv", [["check", "--root", "a" * 300], ["check", "--site", "s" * 300],
                                  ["status", "--root", "r" * 300]])
def test_a_path_argument_that_cannot_be_used_is_a_message(capsys, argv, monkeypatch):
    monkeypatch.chdir(CLI_PROJECT)
    code, out, err = run(capsys, *argv)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err, err


# --- a second hooks entry for the same file (M02) ----------------------------------------------

@pytest.mark.parametrize("names, repeats", [
    (["hooks/mkdocs_hooks.py", "./hooks/../hooks/mkdocs_hooks.py"],
     [("./hooks/../hooks/mkdocs_hooks.py", "hooks/mkdocs_hooks.py")]),
    (["hooks/mkdocs_hooks.py", "hooks//mkdocs_hooks.py"], [("hooks//mkdocs_hooks.py", "hooks/mkdocs_hooks.py")]),
    (["hooks/mkdocs_hooks.py", "hooks/mkdocs_hooks.py"], [("hooks/mkdocs_hooks.py", "hooks/mkdocs_hooks.py")]),
    (["hooks/mkdocs_hooks.py", "hooks/other.py"], []),
    (["hooks/mkdocs_hooks.py"], []),
    ([], []),
])
def test_a_hooks_entry_naming_an_earlier_entry_s_file_is_a_repeat(tmp_path, names, repeats):
    assert settings.repeated_hooks(names, tmp_path) == repeats


def test_a_link_to_the_hooks_file_is_the_same_file(tmp_path):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "mkdocs_hooks.py").write_text("", encoding="utf-8")
    (tmp_path / "again.py").symlink_to(tmp_path / "hooks" / "mkdocs_hooks.py")
    assert settings.repeated_hooks(["hooks/mkdocs_hooks.py", "again.py"], tmp_path) == \
        [("again.py", "hooks/mkdocs_hooks.py")]


def test_the_repeat_is_a_finding_at_its_line():
    text = "site_name: x\nhooks:\n  - hooks/mkdocs_hooks.py\n  - ./hooks/../hooks/mkdocs_hooks.py\n"
    found = checks.hooks_findings(text, ROOT)
    assert [(f.path, f.line, f.rule) for f in found] == [("mkdocs.yml", 4, "config-hooks-twice")]
    assert "./hooks/../hooks/mkdocs_hooks.py" in found[0].message
    assert checks.hooks_findings(text.replace("./hooks/../hooks/mkdocs_hooks.py", "hooks/other.py"), ROOT) == []
    same = "hooks:\n  - hooks/mkdocs_hooks.py\n  - hooks/mkdocs_hooks.py\n"
    assert [f.line for f in checks.hooks_findings(same, ROOT)] == [3]


def test_the_real_config_lists_its_hooks_once():
    assert checks.hooks_findings((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), ROOT) == []


def test_m02_check_and_build_refuse_a_second_hooks_entry(tmp_path):
    from fixture_sites import HOOK, assemble, run_build
    config = assemble(None, tmp_path / "p")
    text = config.read_text(encoding="utf-8")
    assert f"  - {HOOK}\n" in text
    config.write_text(text.replace(f"  - {HOOK}\n", f"  - {HOOK}\n  - {HOOK.parent}/../hooks/{HOOK.name}\n", 1),
                      encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index(f"  - {HOOK.parent}/../hooks/{HOOK.name}") + 1
    _, found = checks.load_project(tmp_path / "p")
    assert [(f.path, f.line) for f in found if f.rule == "config-hooks-twice"] == [("mkdocs.yml", line)]
    built = run_build(config, tmp_path / "site")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert f"mkdocs.yml:{line}: config-hooks-twice" in built.stderr
