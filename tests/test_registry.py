"""The registry's schema check names the file, the line, the fact id and the field."""
from pathlib import Path

from hooks.facts.registry import load

GOOD = """topics:
  t: {en: Topic, hi: विषय}
facts:
  - id: a-fact
    topic: t
    label: {en: A fact, hi: एक तथ्य}
    type: number
    value: 17
    scale: billion
    as_of: 2025-04-05
    status: confirmed
    sources:
      - title: Card
        publisher: Meta
        url: https://example.org/card
        published: 2025-04-05
        kind: primary
"""


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path, "facts/registry.yaml")


def test_good_registry_loads(tmp_path):
    registry, findings = load_text(tmp_path, GOOD)
    assert findings == []
    assert registry.facts["a-fact"].value.lo == 17 * 10**9


def test_each_field_problem_names_line_id_and_field(tmp_path):
    broken = (GOOD.replace("value: 17", "value: seventeen")
                  .replace("status: confirmed", "status: maybe")
                  .replace("type: number", "type: number\n    unit: euros"))
    _, findings = load_text(tmp_path, broken)
    text = "\n".join(f.format() for f in findings)
    assert "facts/registry.yaml:9:1: registry-field: fact 'a-fact', field 'value': 'seventeen' is not a number" in text
    assert "field 'status': 'maybe' is not one of" in text
    assert "field 'unit': 'euros'" in text


def test_missing_and_bad_sources(tmp_path):
    _, findings = load_text(tmp_path, GOOD.replace("https://example.org/card", "example.org/card")
                            .replace("published: 2025-04-05", "published: last spring"))
    rules = {(f.rule, f.line) for f in findings}
    assert ("registry-source", 15) in rules and ("registry-source", 16) in rules


def test_superseded_needs_a_known_successor(tmp_path):
    _, findings = load_text(tmp_path, GOOD.replace("status: confirmed", "status: superseded\n    superseded_by: nope"))
    assert any("unknown fact 'nope'" in f.message for f in findings)


def test_duplicate_ids(tmp_path):
    entry = GOOD.split("facts:\n")[1]
    _, findings = load_text(tmp_path, GOOD + entry)
    assert any(f.rule == "registry-duplicate" and "line 4" in f.message for f in findings)


def test_range_and_text_values(tmp_path):
    text = GOOD.replace("type: number\n    value: 17", "type: range\n    min: 65\n    max: 60")
    _, findings = load_text(tmp_path, text)
    assert any("is not above min" in f.message for f in findings)
    text = GOOD.replace("type: number\n    value: 17", "type: text\n    value: {en: Scout}")
    _, findings = load_text(tmp_path, text)
    assert any("needs an English and a Hindi text" in f.message for f in findings)


def test_real_registry_is_clean():
    root = Path(__file__).resolve().parent.parent
    registry, findings = load(root / "facts" / "registry.yaml", "facts/registry.yaml")
    assert findings == [], "\n".join(f.format() for f in findings)
    assert len(registry.facts) >= 50


def test_empty_and_missing_registry(tmp_path):
    _, findings = load_text(tmp_path, "")
    assert [f.rule for f in findings] == ["registry-empty"]
    _, findings = load(tmp_path / "nope.yaml", "facts/registry.yaml")
    assert [(f.path, f.rule) for f in findings] == [("facts/registry.yaml", "registry-missing")]
