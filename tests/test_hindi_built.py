"""Issue 29: the built Hindi pages, read as a reader sees them, show no fact id and no word or
wording the controlled list rejects, generated text included."""
from pathlib import Path

from hooks.checks import hindi_outside
from hooks.facts.registry import load

PAGE = """<html><head><script>var x = "chatgpt-wau-2024-12 लेयर";</script><style>.a{}</style></head>
<body><p>स्थिति: इसकी जगह <a href="#fact-chatgpt-wau-2024-12">chatgpt-wau-2024-12</a></p>
<p>हर MoE लेयर &amp; <span>रिपोर्ट की गई</span></p><p>chatgpt-wau-2024-12-extra is not an id</p></body></html>
"""


def test_a_fact_id_and_variants_in_a_built_page_are_found(tmp_path):
    page = tmp_path / "hi" / "sources" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")      # English pages are not read
    found = hindi_outside.check_built(tmp_path, ["chatgpt-wau-2024-12", "meta"])
    assert sorted((f.path, f.line, f.rule) for f in found) == [
        ("hi/sources/index.html", 2, "hi-fact-id"), ("hi/sources/index.html", 3, "hi-phrase"),
        ("hi/sources/index.html", 3, "hi-spelling")]


def test_the_built_hindi_site_shows_no_fact_id_and_no_listed_variant(built_site):
    registry, _ = load(Path(__file__).resolve().parent.parent / "facts" / "registry.yaml")
    assert hindi_outside.check_built(built_site, registry.facts) == []
