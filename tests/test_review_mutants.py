"""The three mutants of the 2026-12-07 code review (§3) that no test killed, each with a fixture
that breaks the rule:

- M2: a Hindi page with the English sections in another order (hooks/checks/parity.py);
- M8: a superseded_by cycle of three facts (hooks/facts/registry_rules.py _check_supersession);
- M6c: registry text that closes the attribute it is written into (hooks/core/text.py inert).
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hooks.facts import registry as registry_mod

SITES = Path(__file__).parent / "sites"


def _findings(result, rule: str) -> list[str]:
    return [line for line in result.output.splitlines() if f": {rule}: " in line]


# ---------------------------------------------------------------------------- M2

def test_sections_in_another_order_fail_the_build(fixture_site):
    result, _ = fixture_site("i18n-section-order")
    assert result.returncode != 0, result.output
    hi = (SITES / "i18n-section-order" / "docs" / "index.hi.md").read_text(encoding="utf-8")
    en = (SITES / "i18n-section-order" / "docs" / "index.md").read_text(encoding="utf-8")
    hi_line = hi.splitlines().index("## आँकड़े कहाँ से आए {#where-from}") + 1
    en_line = en.splitlines().index("## Details {#details}") + 1
    lines = _findings(result, "i18n-structure")
    assert any(f"docs/index.hi.md:{hi_line}:" in line and "different order" in line
               and f"docs/index.md:{en_line}" in line for line in lines), result.output
    assert "Traceback" not in result.output


def test_the_section_order_fixture_differs_only_in_order():
    """The fixture is the case the rule is for: the same ids, each once, in another order."""
    from hooks.core.mdscan import parse
    en = parse((SITES / "i18n-section-order/docs/index.md").read_text(encoding="utf-8"), "index.md")
    hi = parse((SITES / "i18n-section-order/docs/index.hi.md").read_text(encoding="utf-8"), "index.hi.md")
    en_ids = [h.id for h in en.headings if h.level in (2, 3)]
    hi_ids = [h.id for h in hi.headings if h.level in (2, 3)]
    assert sorted(en_ids) == sorted(hi_ids) and en_ids != hi_ids and len(set(en_ids)) == len(en_ids)


# ---------------------------------------------------------------------------- M8

CYCLE = SITES / "registry-supersession-cycle" / "facts" / "registry.yaml"


def test_a_three_fact_supersession_cycle_is_a_finding():
    _, findings = registry_mod.load(CYCLE, "facts/registry.yaml")
    line = CYCLE.read_text(encoding="utf-8").splitlines().index("  - id: capex-plan") + 1
    cycles = [f for f in findings if "comes back to itself" in f.message]
    assert [(f.path, f.line, f.rule, f.severity) for f in cycles] == [
        ("facts/registry.yaml", line, "registry-field", "error")], [f.format() for f in findings]
    assert "capex-plan -> capex-actual -> capex-revised -> capex-plan" in cycles[0].message


def test_a_three_fact_supersession_cycle_fails_the_build(fixture_site):
    result, _ = fixture_site("registry-supersession-cycle")
    assert result.returncode != 0, result.output
    assert any("facts/registry.yaml:" in line and "comes back to itself" in line
               for line in _findings(result, "registry-field")), result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------- M6c

BREAKOUT = {"Example\" onmouseover=\"alert(4)", "Results\" onfocus=\"alert(5)\" autofocus=\""}


class _Attributes(HTMLParser):
    """Every attribute of every start tag, and the text, as a browser's tokenizer reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value) for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def _read(page: Path) -> _Attributes:
    parser = _Attributes()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_registry_text_that_closes_an_attribute_stays_text(fixture_site):
    # Not strict: the pages are read whatever else the build says of them (the built-HTML
    # policy check, hooks/checks/html_policy.py, would fail it first); this test reads them itself.
    result, site = fixture_site("registry-attribute-breakout", strict=False)
    assert "Traceback" not in result.output, result.output
    pages = sorted(site.rglob("*.html"))
    assert pages, result.output
    live, carried = [], set()
    for page in pages:
        parsed = _read(page)
        rel = page.relative_to(site).as_posix()
        for tag, name, value in parsed.attributes:
            if name.startswith("on") or name == "autofocus":
                live.append(f"{rel}: <{tag} {name}={value!r}>")
            carried |= {payload for payload in BREAKOUT if value and payload in value}
        text = "".join(parsed.text)
        carried |= {payload for payload in BREAKOUT if payload in text}
    assert live == [], "registry text became markup:\n" + "\n".join(live)
    # Not vacuous: both strings reached the pages, whole, as attribute values or text.
    assert carried == BREAKOUT


def test_the_attribute_check_sees_a_breakout():
    """The parser the test relies on reads an unescaped quote as the end of the attribute."""
    parser = _Attributes()
    parser.feed('<li data-tip="Example" onmouseover="alert(4)">x</li>')
    assert ("li", "onmouseover", "alert(4)") in parser.attributes
