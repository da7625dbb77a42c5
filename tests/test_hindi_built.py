"""Issue 29: the built Hindi pages, read as a reader meets them, show no fact id, no word or
wording the controlled list rejects, and no English prose outside names, quoted originals beside
their Hindi, glosses and the titles of sources (hooks/checks/hindi_built.py)."""
from pathlib import Path

from hooks.checks import hindi_built
from hooks.facts.registry import load

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<html><head><script>var x = "chatgpt-wau-2024-12 लेयर and a long English sentence";</script>
<style>.a{}</style><title>पन्ना</title></head>
<body><p>स्थिति: इसकी जगह <a href="#fact-chatgpt-wau-2024-12">chatgpt-wau-2024-12</a></p>
<p>हर MoE लेयर &amp; <span>रिपोर्ट की गई</span></p><p>chatgpt-wau-2024-12-extra है</p>
<p>यहाँ अंग्रेज़ी का वाक्य है: the model was trained on many tokens and more.</p>
<p>चिह्नित होने से छूट नहीं: <span lang="en">this sentence is marked as English</span> फिर भी।</p>
</body></html>
"""

ALLOWED = """<html><body>
<p>उन्होंने कहा कि मॉडल "सबसे आगे रहेगा" (<span lang="en">the leading state of the art model</span>)।</p>
<p>"<span lang="en">Open Source AI Is the Path Forward</span>" नाम का निबंध।</p>
<p>लेकुन ने कहा कि नतीजे 'fudged a little bit' थे।</p>
<p>पहली बार: मिक्सचर ऑफ़ एक्सपर्ट्स (mixture of experts, MoE) एक तरीक़ा है।</p>
<p>स्रोत: <a href="https://example.org/x">Meta Is Delaying the Rollout of Its Flagship Model</a> पढ़ें।</p>
<p>पत्रिका <em>The Wall Street Journal Weekend Edition</em> में छपा।</p>
<p>कोड <code>pip install the whole thing now</code> चलाइए।</p>
<p>The Daily Widget Review Monthly ने लिखा।</p>
<p>The New York Times ने बताया।</p>
</body></html>
"""


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_fact_ids_variants_and_english_prose_in_a_built_page_are_found(tmp_path):
    write(tmp_path, "hi/sources/index.html", PAGE)
    write(tmp_path, "index.html", PAGE)      # English pages are not read
    found = hindi_built.check_site(tmp_path, ["chatgpt-wau-2024-12", "meta"])
    assert sorted((f.path, f.line, f.rule) for f in found) == [
        ("hi/sources/index.html", 3, "hi-fact-id"), ("hi/sources/index.html", 4, "hi-phrase"),
        ("hi/sources/index.html", 4, "hi-spelling"), ("hi/sources/index.html", 5, "hi-latin-prose"),
        ("hi/sources/index.html", 6, "hi-latin-prose")], [f.format() for f in found]
    prose = [f.message for f in found if f.rule == "hi-latin-prose"]
    assert "the model was trained on many tokens and more" in prose[0]
    assert "this sentence is marked as English" in prose[1]


def test_names_quoted_originals_glosses_and_source_titles_are_not_prose(tmp_path):
    write(tmp_path, "hi/x/index.html", ALLOWED)
    found = hindi_built.check_site(tmp_path, [], publishers={"The Daily Widget Review Monthly"})
    assert found == [], [f.format() for f in found]
    # without the publisher, the publisher's four words are prose; a name from names.yaml is not
    found = hindi_built.check_site(tmp_path, [])
    assert [f.message for f in found] == [
        "English prose on a Hindi page: 'The Daily Widget Review Monthly'"], [f.format() for f in found]


def test_an_unclosed_quote_does_not_hide_what_follows(tmp_path):
    write(tmp_path, "hi/x/index.html",
          '<p>उसने कहा "शुरू हुआ और यह English sentence goes on without an end</p>')
    found = hindi_built.check_site(tmp_path, [])
    assert [f.rule for f in found] == ["hi-latin-prose"]


def test_the_built_hindi_site_shows_no_fact_id_no_variant_and_no_english_prose(built_site):
    registry, _ = load(ROOT / "facts" / "registry.yaml")
    found = hindi_built.check_site(built_site, registry.facts, registry.publishers())
    assert found == [], "\n".join(f.format() for f in found)


def test_the_build_refuses_english_prose_on_a_hindi_page(tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fixture_sites import assemble, run_build
    base = (Path(__file__).resolve().parent / "sites" / "_base" / "docs" / "index.hi.md").read_text(encoding="utf-8")
    config = assemble(None, tmp_path / "src", {
        "docs/index.hi.md": base + "\nयह वाक्य अनुवाद से छूट गया: this whole sentence was left in English by mistake।\n"})
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "hi/index.html" in result.stderr and "hi-latin-prose" in result.stderr, result.stderr[-3000:]
    assert "this whole sentence was left in English by mistake" in result.stderr


def test_a_page_listed_as_not_translated_may_show_its_english(tmp_path):
    english = "<p>यह पन्ना अभी अंग्रेज़ी में है।</p><p>Not in Hindi yet, the whole page is English.</p>"
    write(tmp_path, "hi/extra/index.html", english)
    write(tmp_path, "hi/other/index.html", english)
    found = hindi_built.check_site(tmp_path, [], not_translated=("extra.md",))
    assert [(f.path, f.rule) for f in found] == [("hi/other/index.html", "hi-latin-prose")]
