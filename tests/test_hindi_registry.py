"""Issue 29: the registry's notes are Hindi on the Hindi Sources page, never English or a fact id."""
import re
from pathlib import Path

from hooks.facts.registry import load
from hooks.render.sources_page import note_html, sources_markdown

HEAD = """topics:
  t: {en: Topic, hi: विषय}
facts:
"""
FACT = """  - id: {id}
    topic: t
    label: {{en: {en}, hi: {hi}}}
    type: number
    value: 17
    scale: billion
    as_of: 2025-04-05
    status: {status}
{extra}    sources:
      - title: Card
        publisher: Meta
        url: https://example.org/card
        published: 2025-04-05
        kind: primary
"""


def fact(id="a-fact", en="A fact", hi="एक तथ्य", status="confirmed", extra=""):
    return FACT.format(id=id, en=en, hi=hi, status=status, extra=extra)


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path, "facts/registry.yaml")


BOTH = "    note:\n      en: Anonymous sources; Meta did not confirm.\n      hi: सूत्र अनाम हैं; Meta ने पुष्टि नहीं की।\n"


def test_a_note_in_both_languages_loads(tmp_path):
    registry, findings = load_text(tmp_path, HEAD + fact(extra=BOTH))
    assert findings == []
    assert registry.facts["a-fact"].note == {"en": "Anonymous sources; Meta did not confirm.",
                                             "hi": "सूत्र अनाम हैं; Meta ने पुष्टि नहीं की।"}


def _one(findings):
    assert [f.rule for f in findings] == ["registry-note-hindi"], findings
    return findings[0]


def test_an_english_only_note_fails_at_its_line(tmp_path):
    registry, findings = load_text(tmp_path, HEAD + fact(extra="    note: Anonymous sources.\n"))
    f = _one(findings)
    assert (f.path, f.line) == ("facts/registry.yaml", 12)
    assert "a-fact" in f.message and "English only" in f.message
    assert "a-fact" not in registry.facts


def test_an_english_note_without_its_hindi_fails(tmp_path):
    for extra in ("    note:\n      en: Anonymous sources.\n",
                  "    note:\n      en: Anonymous sources.\n      hi: \"\"\n",
                  "    note:\n      en: Anonymous sources.\n      hi:\n"):
        _, findings = load_text(tmp_path, HEAD + fact(extra=extra))
        assert "no Hindi" in _one(findings).message


def test_a_hindi_note_written_in_english_fails_at_the_hindi_line(tmp_path):
    extra = "    note:\n      en: Anonymous sources.\n      hi: Anonymous sources.\n"
    f = _one(load_text(tmp_path, HEAD + fact(extra=extra))[1])
    assert f.line == 14 and "note.hi" in f.message


def test_every_note_of_the_real_registry_has_hindi():
    registry, findings = load(Path("facts/registry.yaml"), "facts/registry.yaml")
    assert not [f for f in findings if f.rule == "registry-note-hindi"]
    noted = [f for f in registry.facts.values() if f.note]
    assert len(noted) >= 160
    for f in noted:
        assert re.search("[\u0900-\u097f]", f.note["hi"]), f.id


def test_no_fact_id_in_a_hindi_note():
    registry, _ = load(Path("facts/registry.yaml"), "facts/registry.yaml")
    ids = set(registry.facts)
    for f in registry.facts.values():
        if f.note:
            words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", f.note["hi"]))
            assert not words & ids, (f.id, words & ids)


def test_latin_runs_in_a_hindi_note_are_marked_english():
    out = note_html('Meta ने "nearly two trillion" लिखा (17B); <b>', "hi")
    assert '<span lang="en">Meta</span> ने' in out
    assert '<span lang="en">nearly two trillion</span>' in out
    assert '(<span lang="en">17B</span>)' in out
    assert "&lt;" in out and not re.search(r"<(?!/?span)", out)
    assert note_html("Meta <b>", "en") == "Meta &lt;b&gt;"


def test_hindi_sources_page_shows_hindi_note_and_the_successor_by_its_label(tmp_path):
    text = (HEAD + fact(id="old-figure", status="superseded",
                        extra="    superseded_by: new-figure\n" + BOTH)
            + fact(id="new-figure", en="The new figure", hi="नया आँकड़ा वाला तथ्य",
                   extra="    settled: true\n"))
    registry, findings = load_text(tmp_path, text)
    assert findings == []
    hi = sources_markdown(registry, "hi", "sources.hi.md", [], lambda p: "")
    en = sources_markdown(registry, "en", "sources.md", [], lambda p: "")
    assert "सूत्र अनाम हैं" in hi and "Anonymous sources" not in hi
    assert "Anonymous sources" in en
    assert '<a href="#fact-new-figure">नया आँकड़ा वाला तथ्य</a>' in hi
    assert ">new-figure<" not in hi and ">The new figure<" in en
    assert "कब तक की स्थिति" not in hi and "नक़ल" not in hi


SOURCE_ABOUT = "        about: {en: citing Reuters, hi: Reuters के हवाले से}\n"


def test_a_sources_remark_is_shown_in_the_pages_language(tmp_path):
    text = HEAD + fact().replace("        kind: primary\n", "        kind: primary\n" + SOURCE_ABOUT)
    registry, findings = load_text(tmp_path, text)
    assert findings == []
    assert registry.facts["a-fact"].sources[0].about == {"en": "citing Reuters", "hi": "Reuters के हवाले से"}
    hi = sources_markdown(registry, "hi", "sources.hi.md", [], lambda p: "")
    en = sources_markdown(registry, "en", "sources.md", [], lambda p: "")
    assert '<a href="https://example.org/card">Card</a>, <span lang="en">Reuters</span> के हवाले से (Meta,' in hi
    assert '<a href="https://example.org/card">Card</a>, citing Reuters (Meta,' in en


def test_a_sources_remark_needs_its_hindi(tmp_path):
    for bad in ("        about: {en: citing Reuters}\n", "        about: citing Reuters\n",
                "        about: {en: citing Reuters, hi: citing Reuters}\n"):
        text = HEAD + fact().replace("        kind: primary\n", "        kind: primary\n" + bad)
        _, findings = load_text(tmp_path, text)
        assert [(f.rule, f.line) for f in findings] == [("registry-source", 18)], (bad, findings)
        assert "sources.about" in findings[0].message


def test_no_english_remark_left_in_a_real_source_title():
    registry, _ = load(Path("facts/registry.yaml"), "facts/registry.yaml")
    remark = re.compile(r"\((?:citing|copy of|syndicated by|quotes|quoting|reproduces|embeds)\b|"
                        r"(?:text|rewrite|syndication)\)$")
    left = [(f.id, s.title, s.publisher) for f in registry.facts.values() for s in f.sources
            if remark.search(s.title) or remark.search(s.publisher)]
    assert left == []
