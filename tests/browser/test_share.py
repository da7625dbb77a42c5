"""Share cards, page dates, the compressed first-visit budget, lazy search, the 404 page and
the dark scheme (issue 15). Screenshots go to test-artifacts/screenshots/."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import weigh  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from hooks.render import cards  # noqa: E402

# a first visit to a Hindi article, compressed as GitHub Pages sends it (gzip), in bytes
COMPRESSED_BUDGET = 150 * 1024
LOCALES = {"en": "en_US", "hi": "hi_IN"}


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.lang, self.canonical = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content", ""))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")


def read_head(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8").split("</head>")[0])
    return head


def test_every_page_has_share_tags_and_card_in_its_language(site_dir):
    pages = [rel for rel in weigh.html_pages(site_dir)]
    assert len(pages) >= 20
    descriptions = {}
    for rel in pages:
        head = read_head(site_dir / rel / "index.html")
        lang = "hi" if rel.startswith("hi/") else "en"
        m = {k: v[0] for k, v in head.meta.items()}
        for tag in ("og:title", "og:description", "og:url", "og:image", "og:site_name",
                    "twitter:card", "twitter:image", "article:modified_time"):
            assert m.get(tag), (rel, tag)
        assert head.lang == lang and m["og:locale"] == LOCALES[lang], rel
        assert head.meta["og:locale:alternate"] == [LOCALES["hi" if lang == "en" else "en"]], rel
        assert m["og:url"] == head.canonical and m["og:url"].endswith("/" + rel), rel
        devanagari = bool(re.search(r"[\u0900-\u097F]", m["og:description"] + m["og:site_name"]))
        assert devanagari == (lang == "hi"), (rel, m["og:description"])
        descriptions.setdefault(m["og:description"], []).append(rel)
        image = site_dir / m["og:image"].split("/llama4-explainer/", 1)[1]
        with Image.open(image) as im:
            assert im.size == (1200, 630) and im.format == "PNG", rel
    repeated = {d: r for d, r in descriptions.items() if len(r) > 1}
    assert not repeated, f"pages share a description: {repeated}"


def test_page_shows_its_last_change_in_its_language(site_dir):
    for rel, word in (("moe/", "Last changed"), ("hi/moe/", "आख़िरी बदलाव")):
        html = (site_dir / rel / "index.html").read_text(encoding="utf-8")
        m = re.search(r'class="page-date"><small>([^<:]+): <time datetime="([^"]+)">([^<]+)</time>', html)
        assert m and m.group(1) == word, rel
        assert read_head(site_dir / rel / "index.html").meta["article:modified_time"] == [m.group(2)]
        year = m.group(2)[:4]
        assert year in m.group(3) and (re.search(r"[\u0900-\u097F]", m.group(3)) is not None) == rel.startswith("hi/")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr-hin not installed")
def test_hindi_card_text_is_shaped(tmp_path):
    """Tesseract reads the Hindi card back; a card drawn without shaping (halants shown,
    matras in the wrong place) does not read back as these words."""
    title = "रिलीज़ की योजना और प्रतिक्रिया"
    png = tmp_path / "card.png"
    png.write_bytes(cards.render(title, "Llama 4 की पूरी कहानी", "hi"))
    out = subprocess.run(["tesseract", str(png), "-", "-l", "hin"], capture_output=True, text=True).stdout
    for word in ("योजना", "प्रतिक्रिया", "कहानी"):
        assert word in out, out


def test_card_cache_redraws_only_changed_cards(tmp_path, monkeypatch):
    monkeypatch.setattr(cards, "CACHE", tmp_path / "cache")
    first = cards.write(tmp_path / "a", {"assets/cards/x.png": ("कहानी", "साइट", "hi")})
    again = cards.write(tmp_path / "b", {"assets/cards/x.png": ("कहानी", "साइट", "hi"),
                                         "assets/cards/y.png": ("Story", "Site", "en")})
    assert first == {"drawn": 1, "cached": 0} and again == {"drawn": 1, "cached": 1}


@pytest.mark.parametrize("rel", weigh.WEIGHED_PAGES)
def test_first_visit_compressed_within_150_kb(browser, site_url, rel):
    result = weigh.weigh(browser, site_url + rel)
    report = weigh.report(rel, result)
    print(report)
    assert result["search-index"] == 0, report
    assert result["page-gzip"] <= COMPRESSED_BUDGET, report
    files = [url for _, _, _, url in result["files"]]
    assert any(u.endswith("moe-calculator.js") for u in files) is False, "calculator script loaded eagerly"


def test_search_fetches_only_the_pages_language_when_opened(search_page, site_url):
    seen = []
    search_page.on("request", lambda r: seen.append(r.url))
    search_page.goto(site_url + "hi/llama4/")
    search_page.wait_for_timeout(500)
    assert not [u for u in seen if "/search/" in u], seen
    search_page.click("input.md-search__input")  # the search box in the header (desktop width)
    search_page.fill("input.md-search__input", "मॉडल")
    search_page.wait_for_selector(".md-search-result__item")
    index = [u for u in seen if "/search/" in u and u.endswith(".json")]
    assert index and all(u.endswith("/search/index.hi.json") for u in index), index
    links = search_page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert links and all("/hi/" in u for u in links), links[:5]


@pytest.mark.parametrize("prefix", ["/llama4-explainer/", "/", "/other/path/"])
def test_404_works_under_any_path_and_speaks_hindi_first_at_hindi_addresses(browser, site_dir, prefix,
                                                                            screenshots_dir):
    with weigh.serve(site_dir, prefix) as url:
        context = browser.new_context(viewport={"width": 1000, "height": 900})
        page = context.new_page()
        try:
            response = page.goto(url + "hi/no-such-page/")
            assert response.status == 404
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            assert page.eval_on_selector(".lost", "e => e.lang") == "hi"
            # the Hindi 404's headline and title, not the English ones (issue 32)
            assert page.eval_on_selector("h1", "e => [e.lang, e.textContent]") == ["hi", "404: यह पन्ना नहीं मिला"]
            assert page.title().startswith("यह पन्ना नहीं मिला")
            page.screenshot(path=str(screenshots_dir / f"404-{prefix.strip('/').replace('/', '-') or 'root'}.png"))
            page.click(".lost[lang=hi] >> text=मिक्सचर ऑफ़ एक्सपर्ट्स")
            page.wait_for_load_state()
            assert page.url == url + "hi/moe/" and page.evaluate("document.documentElement.lang") == "hi"
            page.goto(url + "no-such-page/")
            assert page.eval_on_selector(".lost", "e => e.lang") == "en"
            assert page.eval_on_selector("h1", "e => e.textContent") == "404: page not found"
            page.click(".lost[lang=en] label[for=__search]")
            assert page.evaluate("document.getElementById('__search').checked")
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_follows_the_system(browser, site_url, scheme, screenshots_dir):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "hi/moe/")
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        page.screenshot(path=str(screenshots_dir / f"hi-moe-{scheme}.png"))
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        assert toggle.get_attribute("title") in ("गहरे रंग पर जाएँ", "हल्के रंग पर जाएँ")
        toggle.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != expected
    finally:
        context.close()
