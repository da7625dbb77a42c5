"""The real site, built once with --strict, checked from its built files."""
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from hooks.facts import registry as registry_mod
from hooks.site_llama4 import calculator

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.github.io/llama4-explainer/"
CONTENT_PAGES = ["", "llama4/", "llama4/after/", "race/", "moe/", "release/", "timeline/",
                 "glossary/", "sources/"]
SECTIONS = {  # section -> the source pages that make it up
    "story": ["llama4/index", "llama4/after"],
    "race": ["race"],
    "moe": ["moe"],
    "release": ["release"],
}


def html_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.endswith("404.html"):
            continue
        yield rel, path.read_text(encoding="utf-8")


def english_pages(site):
    return [rel for rel, _ in html_pages(site) if not rel.startswith("hi/")]


def test_every_page_has_its_twin(built_site):
    rels = {rel for rel, _ in html_pages(built_site)}
    en = {r for r in rels if not r.startswith("hi/")}
    hi = {r[3:] for r in rels if r.startswith("hi/")}
    assert en == hi, f"only English: {sorted(en - hi)}; only Hindi: {sorted(hi - en)}"


def test_content_pages_exist_in_both_languages(built_site):
    for url in CONTENT_PAGES:
        for prefix in ("", "hi/"):
            assert (built_site / prefix / url / "index.html").exists(), prefix + url


def test_lang_attributes(built_site):
    for rel, html in html_pages(built_site):
        want = "hi" if rel.startswith("hi/") else "en"
        assert re.search(rf'<html lang="{want}"', html), rel


def test_switcher_leads_to_the_twin(built_site):
    prefix = urlparse(SITE_URL).path.rstrip("/")   # the site is served under this path
    for rel, html in html_pages(built_site):
        here = "/" + rel.removesuffix("index.html")
        twin_lang = "en" if rel.startswith("hi/") else "hi"
        twin = here[3:] if twin_lang == "en" else "/hi" + here
        m = re.search(rf'<a href="([^"]*)" hreflang="{twin_lang}" class="md-select__link"', html)
        assert m, f"{rel}: no language switcher link"
        target = urlparse(urljoin("https://x.org" + prefix + here, m.group(1))).path
        assert target == prefix + twin, f"{rel}: switcher goes to {target}, twin is {prefix + twin}"


THIRD_PARTY = re.compile(r"^(?:https?:)?//", re.I)


def fetched_urls(html: str):
    """URLs a browser fetches by itself when the page loads."""
    for m in re.finditer(r"<(script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=\"([^\"]*)\"", html):
        yield m.group(2)
    for m in re.finditer(r"<link\b([^>]*)>", html):
        attrs = m.group(1)
        rel = re.search(r'rel="([^"]*)"', attrs)
        href = re.search(r'href="([^"]*)"', attrs)
        if rel and href and re.search(r"stylesheet|preload|icon|modulepreload|prefetch|preconnect|dns-prefetch|manifest", rel.group(1)):
            yield href.group(1)
    for m in re.finditer(r'srcset="([^"]*)"', html):
        for part in m.group(1).split(","):
            yield part.strip().split(" ")[0]
    yield from css_urls(html)


def css_urls(css: str):
    for m in re.finditer(r"url\(\s*['\"]?([^'\")]+)", css):
        yield m.group(1)
    for m in re.finditer(r"@import\s+(?:url\()?['\"]?([^'\");\s]+)", css):
        yield m.group(1)


def test_no_third_party_requests(built_site):
    offenders = []
    for path in list(built_site.rglob("*.html")) + list(built_site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = css_urls(text) if path.suffix == ".css" else fetched_urls(text)
        offenders += [f"{path.relative_to(built_site)}: {u}" for u in urls if THIRD_PARTY.match(u)]
    assert not offenders, "\n".join(offenders[:20])


def test_fonts_are_self_hosted(built_site):
    fonts = built_site / "assets" / "fonts"
    assert list(fonts.glob("noto-sans-devanagari-*.woff2"))
    assert (fonts / "OFL-NotoSansDevanagari.txt").exists()
    html = (built_site / "hi" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_404_pages(built_site):
    root = (built_site / "404.html").read_text(encoding="utf-8")
    hi = (built_site / "hi" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in root and '<html lang="hi"' in hi


def test_sitemap_alternates(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    blocks = re.findall(r"<url>.*?</url>", sitemap, re.S)
    assert len(blocks) >= 2 * len(CONTENT_PAGES)
    for block in blocks:
        langs = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
        assert set(langs) == {"en", "hi", "x-default"}, block
        assert langs["x-default"] == langs["en"]
        assert all(href.startswith(SITE_URL) for href in langs.values())


def test_head_alternates_are_absolute(built_site):
    html = (built_site / "hi" / "moe" / "index.html").read_text(encoding="utf-8")
    links = dict((lang, href) for href, lang in
                 re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html))
    assert links == {"en": SITE_URL + "moe/", "hi": SITE_URL + "hi/moe/", "x-default": SITE_URL + "moe/"}


def test_search_index_knows_hindi(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "।" in index["config"]["separator"] and "(" in index["config"]["separator"]
    hindi_docs = [d for d in index["docs"] if d["location"].startswith("hi/")]
    assert hindi_docs


def words(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)|\{[^}]*\}|<[^>]+>", " ", text)
    return len(re.findall(r"[\w\u0900-\u097F]+", text))


@pytest.mark.parametrize("section", SECTIONS)
def test_sections_are_long_enough_in_both_languages(section):
    en = sum(words(ROOT / "docs" / f"{p}.md") for p in SECTIONS[section])
    hi = sum(words(ROOT / "docs" / f"{p}.hi.md") for p in SECTIONS[section])
    assert en >= 1200 and hi >= 1200, (en, hi)


@pytest.mark.parametrize("page", sorted(p.relative_to(ROOT / "docs").as_posix()
                                        for p in (ROOT / "docs").rglob("*.hi.md")))
def test_twins_are_of_similar_length(page):
    hi = words(ROOT / "docs" / page)
    en = words(ROOT / "docs" / page.replace(".hi.md", ".md"))
    assert abs(hi - en) <= en / 3, f"{page}: {hi} Hindi words, {en} English"


def test_calculator_data_equals_the_facts(built_site):
    registry, _ = registry_mod.load(ROOT / "facts" / "registry.yaml")
    for prefix in ("", "hi/"):
        html = (built_site / prefix / "moe" / "index.html").read_text(encoding="utf-8")
        data = json.loads(re.search(r'class="moe-calc-data">(.*?)</script>', html, re.S).group(1))
        assert len(data["models"]) == len(calculator.MODELS)
        for model in data["models"]:
            for key, suffix in calculator.FIELDS.items():
                assert model[key] == registry.facts[f"{model['id']}-{suffix}"].value.lo


def test_registry_is_published_as_json(built_site):
    data = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    ids = {f["id"] for f in data["facts"]}
    assert "llama4-release-date" in ids
    fact = next(f for f in data["facts"] if f["id"] == "llama4-release-date")
    assert fact["text"] == {"en": "5 April 2025", "hi": "5 अप्रैल 2025"}


def _preview(tmp_path, lang):
    import os
    import subprocess
    import sys
    env = dict(os.environ, BUILD_ONLY_LOCALE=lang, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_english_preview_builds(tmp_path):
    """README: `BUILD_ONLY_LOCALE=en mkdocs serve` previews the English pages alone."""
    result = _preview(tmp_path, "en")
    assert result.returncode == 0, result.stderr
    assert '<html lang="en"' in (tmp_path / "moe" / "index.html").read_text(encoding="utf-8")


def test_hindi_only_preview_is_refused_with_a_message(tmp_path):
    """static-i18n would publish the English files as the Hindi preview (review case C03)."""
    result = _preview(tmp_path, "hi")
    assert result.returncode == 1
    assert "BUILD_ONLY_LOCALE=hi: static-i18n would show the English pages" in result.stderr
    assert "Traceback" not in result.stderr
