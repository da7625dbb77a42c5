"""facts/registry.schema.json describes the registry: the real one validates, broken ones do not."""
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "facts" / "registry.schema.json").read_text(encoding="utf-8"))


class Yaml12Loader(yaml.SafeLoader):
    """Reads dates as text, as YAML 1.2 editors do (PyYAML's 1.1 would make them dates)."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def errors(text: str) -> list[str]:
    data = yaml.load(text, Loader=Yaml12Loader)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_real_registry_validates():
    text = (ROOT / "facts" / "registry.yaml").read_text(encoding="utf-8")
    assert errors(text) == []
    assert "yaml-language-server: $schema=./registry.schema.json" in text.splitlines()[1]


@pytest.mark.parametrize("case", ["_base", "facts-changes", "facts-quote", "facts-review-due"])
def test_good_fixture_registries_validate(case):
    path = Path(__file__).parent / "sites" / case / "facts" / "registry.yaml"
    assert errors(path.read_text(encoding="utf-8")) == []


BASE = (Path(__file__).parent / "sites" / "_base" / "facts" / "registry.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit,says", [
    (lambda t: t.replace("kind: primary", "kind: primry", 1), "primry"),
    (lambda t: t.replace("        kind: primary\n", "", 1), "'kind' is a required property"),
    (lambda t: t.replace("    status: confirmed\n", "    status: confirmed\n    review_by: 2027-01-01\n", 1),
     "'checked' is a required property"),
    (lambda t: t.replace("status: superseded\n    superseded_by: capex-actual\n", "status: superseded\n"),
     "'superseded_by' is a required property"),
    (lambda t: t.replace("    type: date\n", "    type: quote\n", 1), "'speaker' is a required property"),
    (lambda t: t.replace("    note: x\n", "") .replace("    topic: capex\n", "    topik: capex\n", 1),
     "Additional properties"),
])
def test_broken_registries_do_not_validate(edit, says):
    text = edit(BASE)
    assert text != BASE
    found = errors(text)
    assert any(says in e for e in found), found


def test_quote_without_original_does_not_validate():
    path = Path(__file__).parent / "sites" / "facts-quote-no-original" / "facts" / "registry.yaml"
    assert any("'original' is a required property" in e for e in errors(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- one description (issue 23)

def test_the_schema_file_is_what_the_reader_tables_make():
    from hooks.facts import schema
    committed = (ROOT / "facts" / "registry.schema.json").read_text(encoding="utf-8")
    assert committed == schema.schema_text(), "run: python -m hooks fact schema"


def _entry_without(tmp_path, field: str, in_source: bool = False) -> list:
    from hooks.facts import registry
    data = yaml.load((ROOT / "tests" / "sites" / "_base" / "facts" / "registry.yaml").read_text(encoding="utf-8"),
                     Loader=Yaml12Loader)
    fact = next(f for f in data["facts"] if f.get("type", "number") == "number" and "note" not in f)
    fact.update({"note": {"en": "A note.", "hi": "एक टिप्पणी।"}, "confidence": "verified-primary"})
    target = fact["sources"][0] if in_source else fact
    target.pop(field, None)
    path = tmp_path / f"registry-{field}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, found = registry.load(path, "facts/registry.yaml")
    return [f for f in found if f"'{field}'" in f.message or f"sources.{field}" in f.message]


def test_the_reader_requires_what_the_schema_requires(tmp_path):
    from hooks.facts import registry
    for field in registry.REQUIRED_FACT_FIELDS:
        assert _entry_without(tmp_path, field), f"the reader accepts a fact without {field}"
    for field in registry.REQUIRED_SOURCE_FIELDS:
        assert _entry_without(tmp_path, field, in_source=True), f"the reader accepts a source without {field}"
    for field in ("note", "confidence"):                  # optional in both
        assert _entry_without(tmp_path, field) == [], field
    assert _entry_without(tmp_path, "about", in_source=True) == []


def test_the_command_writes_and_checks_the_schema(tmp_path, capsys):
    import shutil
    from hooks import cli
    shutil.copytree(ROOT / "tests" / "sites" / "_base", tmp_path / "p")
    (tmp_path / "p" / "facts" / "registry.schema.json").write_text("{}\n", encoding="utf-8")
    assert cli.main(["fact", "schema", "--check", "--root", str(tmp_path / "p")]) == 1
    assert cli.main(["fact", "schema", "--root", str(tmp_path / "p")]) == 0
    assert cli.main(["fact", "schema", "--check", "--root", str(tmp_path / "p")]) == 0
    assert "up to date" in capsys.readouterr().out
