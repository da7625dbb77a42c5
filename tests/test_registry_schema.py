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
