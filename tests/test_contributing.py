"""CONTRIBUTING.md (and its Hindi twin) documents every rule the checks can report."""
import ast
import re
from pathlib import Path

import yaml

from hooks.checks import hindi_lint
from hooks.core.mdscan import parse

ROOT = Path(__file__).resolve().parent.parent
RULE_RE = re.compile(r"^(?:fact|i18n|hi|link|registry|content|text|page|config|watch|html)-[a-z0-9]+(?:-[a-z0-9]+)*$")
DOCS = ("CONTRIBUTING.md", "CONTRIBUTING.hi.md")


def rules_in_code() -> dict[str, str]:
    """Every rule id in hooks/: string constants shaped like one, and the rule argument of any
    Finding(...) call written as a constant (so a rule with a new prefix is caught too)."""
    found = {}
    for module in sorted((ROOT / "hooks").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_RE.match(node.value):
                found.setdefault(node.value, module.name)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding":
                args = list(node.args[3:4]) + [k.value for k in node.keywords if k.arg == "rule"]
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, module.name)
    return found


def table_rules(doc: str) -> set[str]:
    text = (ROOT / doc).read_text(encoding="utf-8")
    return {m.group(1) for line in text.splitlines() if line.startswith("| `")
            for m in [re.match(r"^\| `([a-z0-9-]+)` \|", line)] if m and RULE_RE.match(m.group(1))}


def test_rule_extraction_finds_rules_of_every_family():
    rules = rules_in_code()
    for rule in ("fact-unknown", "i18n-structure", "hi-digits", "registry-yaml", "link-dead"):
        assert rule in rules
    assert {r.split("-")[0] for r in rules} >= {"fact", "i18n", "hi", "link", "registry"}


def test_every_rule_in_the_code_is_in_the_rule_tables():
    rules = rules_in_code()
    for doc in DOCS:
        missing = sorted(set(rules) - table_rules(doc))
        assert not missing, (f"{doc} has no row for: "
                             + ", ".join(f"{r} (hooks/{rules[r]})" for r in missing))


def test_every_rule_in_the_tables_exists():
    rules = rules_in_code()
    for doc in DOCS:
        stale = sorted(table_rules(doc) - set(rules))
        assert not stale, f"{doc} documents rules that no check reports: {', '.join(stale)}"


def test_both_tables_list_the_rules_in_the_same_order():
    def order(doc):
        return [re.match(r"^\| `([a-z0-9-]+)`", l).group(1)
                for l in (ROOT / doc).read_text(encoding="utf-8").splitlines() if re.match(r"^\| `[a-z0-9]+-", l)]
    assert order("CONTRIBUTING.md") == order("CONTRIBUTING.hi.md")


def test_contributing_shows_the_fact_syntax_and_the_commands():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    schema = (ROOT / "facts" / "SCHEMA.md").read_text(encoding="utf-8")
    assert "`[text](fact:ID)`" in text and "`[text](fact:ID)`" in schema
    assert "{.as-of}" in text and "<!-- numbers-ok -->" in text
    for command in ("check", "new", "status", "ack", "links --online"):
        assert f"python -m hooks {command}" in text


def test_hindi_contributing_passes_the_hindi_lint():
    text = (ROOT / "CONTRIBUTING.hi.md").read_text(encoding="utf-8")
    assert hindi_lint.check_pages([parse(text, "CONTRIBUTING.hi.md", "CONTRIBUTING.hi.md")]) == []


def test_pre_commit_runs_the_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local"
    assert hook["entry"] == "python -m hooks check" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "docs/moe.hi.md") and re.search(hook["files"], "facts/registry.yaml")
    assert re.search(hook["files"], "mkdocs.yml") and not re.search(hook["files"], "hooks/cli.py")
