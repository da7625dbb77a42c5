"""The report's claims and our verdicts (hooks/site_llama4/verdicts.py, verdicts.yaml): the home
page's card and the report page's ClaimReview JSON-LD, drawn from one data file and the registry."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from fixture_sites import ROOT
from hooks.facts.registry import load as load_registry
from hooks.site_llama4 import verdicts as v
from hooks.facts.values import Quantity

DATA_TEXT = v.DATA.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def registry():
    reg, _ = load_registry(ROOT / "facts" / "registry.yaml", "facts/registry.yaml")
    return reg


def data_from(tmp_path, text):
    path = tmp_path / "verdicts.yaml"
    path.write_text(text, encoding="utf-8")
    return v.load(path)


def with_fact(registry, fid, **changes):
    reg = dataclasses.replace(registry, facts=dict(registry.facts))
    reg.facts[fid] = dataclasses.replace(reg.facts[fid], **changes)
    return reg


# ---- the data file

def test_the_real_data_is_whole_and_names_real_facts(registry):
    data, found = v.load()
    assert found == [] and v.check(data, registry) == []
    assert [c.id for c in data.claims] == ["timing", "reasoning-math", "voice", "moe", "meta-ai-first", "capex"]
    assert sum(1 for c in data.claims if c.report) == 5


@pytest.mark.parametrize("edit, words", [
    (("verdict: wrong", "verdict: wrongish"), "verdict 'wrongish' is not one of verdicts:"),
    (("hi: \"ग़लत\"}", "}"), "verdict 'wrong' has no hi text"),
    (("mark: cross", "mark: red"), "mark 'red', not one of"),
    (("- id: voice", "- id: timing"), "not given twice"),
    (("evidence: [llama4-modalities]", "evidence: []"), "evidence: must list one fact id"),
    (("link: race.md#meta-plan", "link: https://evil.example/"), "link: must be a page under docs/"),
    (("en: \"{figure} “on AI”\"", "en: \"about $65 billion “on AI”\""), "must hold {figure} once"),
    (("({spark_date})", "({spark_day})"), "names a {placeholder} that facts: does not list"),
    (("  author: The Information\n", ""), "report: needs author: and date:"),
])
def test_a_broken_entry_is_named_at_its_line(tmp_path, edit, words):
    old, new = edit
    assert old in DATA_TEXT, old
    text = DATA_TEXT.replace(old, new, 1)
    _, found = data_from(tmp_path, text)
    assert found, words
    assert any(words in f.message for f in found), [f.format() for f in found]
    f = next(f for f in found if words in f.message)
    assert f.path == v.SHOWN and f.line > 1 or "report:" in words
    assert f.rule == "page-verdicts"


def test_not_yaml_and_an_empty_file_get_a_message_not_a_traceback(tmp_path):
    _, found = data_from(tmp_path, "claims: [unclosed\n")
    assert found and found[0].path == v.SHOWN and "not valid YAML" in found[0].message
    _, found = data_from(tmp_path, "")
    assert found


def test_an_unknown_or_wrong_kind_of_fact_is_named(tmp_path, registry):
    data, _ = data_from(tmp_path, DATA_TEXT.replace("evidence: [llama4-modalities]", "evidence: [llama4-modality]")
                        .replace("fact: meta-capex-2025-plan", "fact: llama4-release-date"))
    found = v.check(data, registry)
    assert any("'llama4-modality', which the registry does not hold" in f.message for f in found)
    assert any("'llama4-release-date' is not a quantity" in f.message for f in found)


def test_a_broken_file_draws_nothing_and_says_why(tmp_path, registry, monkeypatch):
    class Source:
        rel = "index.md"
    path = tmp_path / "verdicts.yaml"
    path.write_text(DATA_TEXT.replace("verdict: wrong", "verdict: nope"), encoding="utf-8")
    out, found = v.replace_markers(f"# T\n\n{v.CARD_MARKER}\n", Source(), registry, "en", path=path)
    assert v.CARD_MARKER not in out and "glance" not in out and found


# ---- what is drawn

def test_evidence_is_the_weakest_status_and_superseded_counts_as_confirmed(registry):
    data, _ = v.load()
    claims = {c.id: c for c in data.claims}
    assert v.evidence_status(claims["reasoning-math"], registry) == "reported"
    assert v.evidence_status(claims["capex"], registry) == "confirmed"       # a superseded figure
    two = dataclasses.replace(claims["timing"], evidence=["llama4-release-date", "information-report-delays"])
    assert registry.facts["information-report-delays"].status == "reported"
    assert v.evidence_status(two, registry) == "reported"
    disputed = with_fact(registry, "llama4-release-date", status="disputed")
    assert v.evidence_status(two, disputed) == "disputed"


def test_the_figure_comes_from_the_registry(registry):
    data, _ = v.load()
    capex = next(c for c in data.claims if c.id == "capex")
    assert v.claim_text(capex, registry, "en") == "$65 billion “on AI”"
    assert v.claim_text(capex, registry, "hi") == "एआई पर 65 अरब डॉलर"
    changed = with_fact(registry, "meta-capex-2025-plan",
                        value=Quantity(registry.facts["meta-capex-2025-plan"].value.lo, 66 * 10 ** 9, "USD", "billion"))
    assert "$66 billion" in v.card_html(data, changed, "en", "index.md")
    low = dataclasses.replace(capex, figure=("meta-capex-2025-plan", "low"))
    assert v.claim_text(low, registry, "en").startswith("$60 billion")


def test_the_card_holds_six_verdicts_each_a_shape_and_a_word(registry):
    data, _ = v.load()
    for lang in ("en", "hi"):
        doc = LexborHTMLParser(v.card_html(data, registry, lang, "index.hi.md" if lang == "hi" else "index.md"))
        items = doc.css("li.glance__item")
        assert len(items) == 6
        for item, claim in zip(items, data.claims):
            verdict = data.verdicts[claim.verdict]
            mark = item.css_first("svg.glance__mark")
            assert mark.attributes["aria-hidden"] == "true" and mark.attributes["data-mark"] == verdict["mark"]
            assert item.css_first(".glance__verdict").text().strip() == verdict[lang]
            status = v.evidence_status(claim, registry)
            box = item.css_first("span.verdict")
            assert box.attributes["data-verdict"] == status and box.text() == v.STATUS_WORDS[lang][status]
        # no two verdicts share a mark unless they share a word: the shape alone tells them apart
        pairs = {(i.css_first("svg").attributes["data-mark"], i.css_first(".glance__verdict").text()) for i in items}
        assert len({m for m, _ in pairs}) == len(pairs)
        latest = doc.css_first(".glance__latest").text()
        assert ("2026" in latest) and ("Apache 2.0" in latest)
        assert doc.css_first(".glance__title").text() == v.WORDS[lang]["title"]


def test_every_string_is_escaped(registry):
    data, _ = v.load()
    evil = '<img src=x onerror=alert(1)>&"'
    data = dataclasses.replace(data, claims=[dataclasses.replace(data.claims[0], claim={"en": evil, "hi": evil})])
    card = v.card_html(data, registry, "en", "index.md")
    assert "<img" not in card and "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;" in card
    reg = with_fact(registry, "information-report-timing",
                    value=dataclasses.replace(registry.facts["information-report-timing"].value,
                                              by_lang=(("en", "</script><script>alert(1)</script>&"), ("hi", "x"))))
    script = v.review_script(data, reg, "en")
    body = script[script.index(">") + 1:script.rindex("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["@graph"][0]["claimReviewed"] == "</script><script>alert(1)</script>&"


@pytest.mark.parametrize("page, link, url", [
    ("index.md", "llama4/index.md#scorecard", "llama4/#scorecard"),
    ("index.hi.md", "race.md#meta-plan", "race/#meta-plan"),
    ("llama4/index.md", "race.md#meta-plan", "../race/#meta-plan"),
    ("llama4/index.hi.md", "llama4/after.md#open-again", "after/#open-again"),
    ("llama4/after.md", "llama4/index.md", "../"),
    ("index.md", "index.md#read-on", "./#read-on"),
])
def test_links_are_relative_to_the_page(page, link, url):
    assert v.href(link, page) == url


def test_claim_reviews_have_the_required_properties(registry):
    data, _ = v.load()
    for lang in ("en", "hi"):
        reviews = v.claim_reviews(data, registry, lang)
        assert len(reviews) == 5
        for review, claim in zip(reviews, [c for c in data.claims if c.report]):
            check_review(review, lang)
            assert review["claimReviewed"] == registry.facts[claim.report].value.get(lang)
            assert review["reviewRating"]["alternateName"] == data.verdicts[claim.verdict][lang]
            assert review["url"] == registry.facts[claim.evidence[0]].sources[0].url


def check_review(review: dict, lang: str) -> None:
    assert review["@type"] == "ClaimReview" and review["inLanguage"] == lang
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert re.fullmatch(r"https://\S+", review["url"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "The Information"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["datePublished"])
    assert item["appearance"] and all(a["@type"] == "CreativeWork" and a["url"].startswith("https://")
                                      for a in item["appearance"])


# ---- the built site

def test_the_built_pages_carry_the_card_and_the_claim_reviews(built_site):
    for lang in ("", "hi/"):
        home = LexborHTMLParser((built_site / lang / "index.html").read_text(encoding="utf-8"))
        card = home.css_first("article section.glance")
        assert card is not None and len(card.css("li.glance__item")) == 6
        h1 = home.css_first("article h1")
        html = home.html
        assert html.index(h1.html) < html.index(card.html) < html.index('class="summary"')
        for page in ("llama4/index.html",):
            doc = LexborHTMLParser((built_site / lang / page).read_text(encoding="utf-8"))
            scripts = doc.css('script[type="application/ld+json"].claim-review')
            assert len(scripts) == 1
            text = scripts[0].text(deep=True)
            assert "<" not in text and ">" not in text and "&" not in text
            data = json.loads(text)
            assert data["@context"] == "https://schema.org" and len(data["@graph"]) == 5
            for review in data["@graph"]:
                check_review(review, lang.strip("/") or "en")
        # the page's own JSON-LD (overrides/main.html) is still there, apart
        assert len(doc.css('script[type="application/ld+json"]:not(.claim-review)')) == 1


# ---- the scorecard's verdict cells (<!-- verdict:ID -->)

class ReportSource:
    rel = "llama4/index.md"
    path = "docs/llama4/index.md"
    text = "# T\n\n| a | b |\n|---|---|\n| x | <!-- verdict:voice --> |\n| y | <!-- verdict:nope --> |\n"


def test_the_scorecard_cells_come_from_the_same_data(registry):
    data, _ = v.load()
    out, found = v.replace_markers(ReportSource.text, ReportSource, registry, "hi")
    voice = next(c for c in data.claims if c.id == "voice")
    assert v.verdict_cell(voice, data, registry, "hi") in out
    cell = LexborHTMLParser(v.verdict_cell(voice, data, registry, "hi"))
    assert cell.css_first("strong").text().strip() == data.verdicts["fits"]["hi"]
    assert cell.css_first("svg").attributes["data-mark"] == "check-open"
    assert cell.css_first("span.verdict").attributes["data-verdict"] == "confirmed"
    # an unknown claim is named at its line, and draws nothing
    assert "<!-- verdict:" not in out
    assert len(found) == 1 and found[0].line == 6 and "'nope'" in found[0].message


def test_the_report_page_uses_the_data_for_every_scorecard_row():
    data, _ = v.load()
    for name in ("index.md", "index.hi.md"):
        text = (ROOT / "docs" / "llama4" / name).read_text(encoding="utf-8")
        assert v.ROW_RE.findall(text) == [c.id for c in data.claims if c.report], name
