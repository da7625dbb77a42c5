"""The built site in a real browser (Debian's chromium, driven by playwright), both languages.

Proven here: the language switch keeps the reader's place; search finds Hindi words and shows
only the page's language; the MoE calculator shows the registry's figures, computes, and
answers bad input in the page's language; no request leaves 127.0.0.1; axe finds no serious
or critical accessibility violation; nothing scrolls sideways or clips Devanagari at 375 px;
a first visit to a Hindi article stays within its byte budget. Screenshots go to
test-artifacts/screenshots/.
"""
from __future__ import annotations

import html as html_lib
import json
import math
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest

import weigh

ROOT = Path(__file__).resolve().parents[2]
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
DEVANAGARI_WORD = re.compile(r"^[\u0900-\u0963\u0966-\u097F]+$")  # no danda (U+0964/5)
BAD_WORDS = ("NaN", "Infinity", "undefined")

# A first visit (HTML, CSS, JS incl. the search worker's scripts, fonts, images) and the
# search index, in bytes. Measured (bench/page_weight.py) and set ~15-20% above.
# Measured 2026-11-26: /hi/moe/ 594 KiB + 650 KiB index, /hi/llama4/ 534 KiB + 650 KiB
# (search lang [en] with a Devanagari-aware separator: Material's 662 KiB word-cutter for
# lunr's "hi" pipeline is not loaded).
BUDGET = {
    "hi/moe/": {"page": 700 * 1024, "search-index": 760 * 1024},
    "hi/llama4/": {"page": 630 * 1024, "search-index": 760 * 1024},
}


# ------------------------------------------------------------------ built pages, read as text

def page_file(site_dir: Path, rel: str) -> Path:
    return site_dir / rel / "index.html"


def heading_ids(html: str, level: str = "h2") -> list[str]:
    return re.findall(rf'<{level} id="([^"]+)"', html)


def url_path(url: str) -> str:
    return urlparse(url).path


def path_of(site_url: str, rel: str) -> str:
    return url_path(site_url + rel)


@pytest.fixture(scope="session")
def pages(site_dir):
    """Every built page, as a site-relative URL ("", "moe/", "hi/moe/", ...)."""
    found = weigh.html_pages(site_dir)
    assert len(found) >= 20, f"only {len(found)} built pages: {found}"
    return found


# ------------------------------------------------------------------ language switch

SWITCH_PAGES = ["llama4/after/", "race/", "moe/", "release/"]


def anchor_for(site_dir: Path, rel: str) -> str:
    """An h2 id halfway down the page that the Hindi twin has too (#router on the MoE page)."""
    en = heading_ids(page_file(site_dir, rel).read_text(encoding="utf-8"))
    hi = set(heading_ids(page_file(site_dir, "hi/" + rel).read_text(encoding="utf-8")))
    shared = [i for i in en if i in hi]
    assert shared, f"{rel}: no h2 id shared by both languages"
    if rel == "moe/" and "router" in shared:
        return "router"
    return shared[len(shared) // 2]


def open_language_menu(page):
    select = page.locator(".md-header .md-select").first
    select.hover()
    return select


def switch_language(page, to: str):
    select = open_language_menu(page)
    link = select.locator(f"a[hreflang={to}]")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def assert_at_anchor(page, site_url, rel, anchor, lang):
    assert page.url == site_url + rel + "#" + anchor, page.url
    assert page.evaluate("document.documentElement.lang") == lang
    heading = page.locator(f"#{anchor}")
    assert heading.count() == 1, f"no element with id {anchor!r} on {page.url}"
    assert heading.evaluate("e => e.tagName") in ("H2", "H3")
    # the reader is at that heading: it is in the viewport
    top = heading.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"#{anchor} is not in view (top={top})"


@pytest.mark.parametrize("rel", SWITCH_PAGES)
@pytest.mark.parametrize("direction", ["en-hi", "hi-en"])
def test_language_switch_keeps_the_anchor(page, site_url, site_dir, rel, direction):
    anchor = anchor_for(site_dir, rel)
    source, target = direction.split("-")
    here = rel if source == "en" else "hi/" + rel
    twin = "hi/" + rel if target == "hi" else rel
    page.goto(site_url + here + "#" + anchor)
    switch_language(page, target)
    assert_at_anchor(page, site_url, twin, anchor, target)
    assert not page.errors, page.errors


def test_language_switch_by_keyboard(page, site_url, site_dir):
    anchor = anchor_for(site_dir, "race/")
    page.goto(site_url + "hi/race/#" + anchor)
    page.locator(".md-header .md-select button").first.focus()
    link = page.locator(".md-header .md-select a[hreflang=en]").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_at_anchor(page, site_url, "race/", anchor, "en")


def test_language_switch_keeps_the_section_scrolled_to(page, site_url, site_dir):
    """No #anchor in the address: the section the reader scrolled to is carried over."""
    anchor = anchor_for(site_dir, "release/")
    page.goto(site_url + "release/")
    # scroll the heading to just below the sticky header, where a reader sees it
    page.locator(f"#{anchor}").evaluate(
        "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY"
        " - document.querySelector('.md-header').getBoundingClientRect().bottom - 2)")
    page.wait_for_timeout(100)
    switch_language(page, "hi")
    assert_at_anchor(page, site_url, "hi/release/", anchor, "hi")


# ------------------------------------------------------------------ search

@pytest.fixture(scope="session")
def search_words(site_dir, pages):
    """Words that occur on exactly one page of a language, picked from the built pages.

    {lang: {"plain"|"danda"|"bracket": (word, page)}}. A word must not start another word of
    another page of that language either: search matches the typed word as a prefix.
    """
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    # What search can find: the indexed text of each page (the source lists, diagrams and other
    # HTML the hooks put in after search are not in it: hooks/core/inserts.py).
    indexed: dict[str, str] = {}
    for doc in index["docs"]:
        rel = doc["location"].split("#")[0]
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}"))
        indexed[rel] = indexed.get(rel, "") + " " + text
    chosen = {}
    for lang in ("hi", "en"):
        texts = {rel: text for rel, text in indexed.items()
                 if rel in pages and rel.startswith("hi/") == (lang == "hi")}
        tokens = {rel: {t for t in separator.split(text.lower()) if t} for rel, text in texts.items()}
        pages_with = {}
        for rel, words in tokens.items():
            for word in words:
                pages_with.setdefault(word, set()).add(rel)
        all_words = sorted(pages_with)

        def unique(word, min_len=5):
            if len(word) < min_len or len(pages_with.get(word, ())) != 1:
                return False
            (home,) = pages_with[word]
            # no word of another page starts with it (prefix search)
            return not any(w.startswith(word) and pages_with[w] - {home} for w in all_words)

        def pick(candidates, min_len=5):
            for word in sorted(set(candidates), key=lambda w: (-len(w), w)):
                if unique(word, min_len):
                    return word, next(iter(pages_with[word]))
            return None

        script = DEVANAGARI_WORD if lang == "hi" else re.compile(r"^[a-z]+$")
        picks = {"plain": pick(w for w in all_words if script.match(w))}
        if lang == "hi":
            before_danda, in_brackets = [], []
            for text in texts.values():
                before_danda += re.findall(r"([\u0900-\u0963\u0966-\u097F]+)।", text.lower())
                for inside in re.findall(r"\(([^()]+)\)", text.lower()):
                    parts = [t for t in separator.split(inside) if t]
                    if len(parts) == 1:
                        in_brackets.append(parts[0])
            picks["danda"] = pick(w for w in before_danda if w != picks["plain"][0])
            # a Devanagari word in brackets if one is unique, else any word in brackets
            picks["bracket"] = (pick((w for w in in_brackets if DEVANAGARI_WORD.match(w)), 3)
                                or pick(in_brackets, 3))
        for kind, found in picks.items():
            assert found, f"{lang}: no {kind} word occurs on exactly one page"
            word, home = found
            # the word is really on that page, and on no other page of the language
            assert [rel for rel, words in tokens.items() if word in words] == [home], word
        chosen[lang] = picks
    return chosen


def run_search(page, query):
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    # Material reads the query on keyup (typing Devanagari through an IME ends with one too);
    # fill() types without key events, so end with a key that changes nothing
    field.press("End")
    page.wait_for_selector(".md-search-result__item", state="attached")
    # results arrive from a worker and are filtered as they are added: let them settle
    page.wait_for_function(
        """() => {
          const items = document.querySelectorAll('.md-search-result__item');
          const n = items.length;
          if (window.__lastCount !== n) { window.__lastCount = n; window.__stableSince = Date.now(); }
          return n > 0 && Date.now() - window.__stableSince > 250;
        }""", polling=50)
    # Material renders results ten at a time and the next ten when the list is scrolled to its
    # end, as a reader does: scroll until no more arrive
    for _ in range(20):
        before = page.locator(".md-search-result__item").count()
        page.evaluate("""() => { const wrap = document.querySelector('.md-search__scrollwrap');
                                 wrap.scrollTop = wrap.scrollHeight; }""")
        page.wait_for_timeout(300)
        if page.locator(".md-search-result__item").count() == before:
            break
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
              hidden: item.hidden || getComputedStyle(item).display === 'none',
              href: item.querySelector('a[href]').href,
              meta: document.querySelector('.md-search-result__meta').textContent.trim()}))""")


def visible_paths(results):
    return [url_path(r["href"]) for r in results if not r["hidden"]]


@pytest.mark.parametrize("kind", ["plain", "danda", "bracket"])
def test_hindi_search_finds_a_word_on_one_page(search_page, site_url, search_words, kind):
    word, home = search_words["hi"][kind]
    print(f"{kind}: {word!r} on /{home}")
    search_page.goto(site_url + "hi/")
    results = run_search(search_page, word)
    shown = visible_paths(results)
    assert shown == [path_of(site_url, home)], f"searching {word!r}: {shown}"
    hi_root = path_of(site_url, "hi/")
    assert all(p.startswith(hi_root) for p in shown)
    assert DEVANAGARI.search(results[0]["meta"]), results[0]["meta"]
    assert not search_page.errors, search_page.errors


def test_hindi_search_for_moe_finds_the_hindi_moe_page(search_page, site_url):
    search_page.goto(site_url + "hi/release/")
    shown = visible_paths(run_search(search_page, "MoE"))
    assert shown and shown[0] == path_of(site_url, "hi/moe/"), shown
    assert all(p.startswith(path_of(site_url, "hi/")) for p in shown), shown


@pytest.fixture(scope="session")
def common_word(site_dir):
    """A Latin word on the most pages of both languages (more pages than Material renders in
    its first batch of 10 results), and the pages of each language whose index entries match
    it: {"word": w, "en": {paths}, "hi": {paths}}, from the built search index."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    tokens = {}
    for doc in index["docs"]:
        rel = doc["location"].split("#")[0]
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
        tokens.setdefault(rel, set()).update(t for t in separator.split(text) if t)

    def matching(word, hindi):
        return {rel for rel, words in tokens.items() if rel.startswith("hi/") == hindi
                and any(w.startswith(word) for w in words)}

    latin = {w for words in tokens.values() for w in words if re.fullmatch(r"[a-z]{4,}", w)}
    word = max(sorted(latin), key=lambda w: min(len(matching(w, True)), len(matching(w, False))))
    found = {"word": word, "en": matching(word, False), "hi": matching(word, True)}
    assert len(found["en"]) + len(found["hi"]) > 10, found
    return found


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_search_lists_every_page_of_the_language(search_page, site_url, common_word, lang):
    """A word on many pages of both languages: every page of the reader's language is listed
    (not only those among the first results Material renders), none of the other, and the
    count says so."""
    search_page.goto(site_url + ("hi/race/" if lang == "hi" else "race/"))
    results = run_search(search_page, common_word["word"].capitalize())
    shown = visible_paths(results)
    expected = sorted(path_of(site_url, rel) for rel in common_word[lang])
    assert sorted(shown) == expected, (common_word["word"], shown)
    meta = results[0]["meta"]
    assert re.search(rf"\b{len(expected)}\b", meta), meta
    assert bool(DEVANAGARI.search(meta)) == (lang == "hi"), meta


def test_english_search_shows_only_english_pages(search_page, site_url, search_words):
    word, home = search_words["en"]["plain"]
    search_page.goto(site_url + "race/")
    assert visible_paths(run_search(search_page, word)) == [path_of(site_url, home)], word
    search_page.goto(site_url + "race/")
    shown = visible_paths(run_search(search_page, "MoE"))
    assert shown and shown[0] == path_of(site_url, "moe/"), shown
    assert not any(p.startswith(path_of(site_url, "hi/")) for p in shown), shown


# ------------------------------------------------------------------ the MoE calculator

SCALES = {"en": [(10**12, "trillion"), (10**9, "billion"), (10**6, "million")],
          "hi": [(10**12, "ट्रिलियन"), (10**9, "अरब"), (10**7, "करोड़"), (10**5, "लाख")]}


def three_figures(x: float) -> str:
    """109, 12.9, 6.13, 0.5: three significant figures, never fewer than the whole digits."""
    d = Decimal(repr(x))
    a = abs(d)
    places = 0 if a >= 100 else 1 if a >= 10 else 2 if a >= 1 else (
        0 if a == 0 else min(6, 2 - math.floor(math.log10(a))))
    text = f"{d.quantize(Decimal(1).scaleb(-places), rounding='ROUND_HALF_UP'):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def group(text: str, lang: str) -> str:
    whole, _, frac = text.partition(".")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        step, groups = (2 if lang == "hi" else 3), []
        while len(head) > step:
            groups.insert(0, head[-step:])
            head = head[:-step]
        whole = ",".join([head] + groups + [tail])
    return whole + ("." + frac if frac else "")


def words(count: float, lang: str) -> str:
    """A parameter count as the page should print it: "109 billion" / "109 अरब"."""
    for factor, word in SCALES[lang]:
        if abs(count) >= factor * 0.9995:
            return f"{group(three_figures(count / factor), lang)} {word}"
    return group(three_figures(count), lang)


def percent(value: float, lang: str) -> str:
    return three_figures(value) + (" प्रतिशत" if lang == "hi" else "%")


@pytest.fixture(scope="session")
def calc_models(site_dir):
    """The calculator's model data from the built page, checked against the fact registry."""
    from hooks.facts import registry
    from hooks.site_llama4 import calculator

    found = {}
    for lang in ("en", "hi"):
        html = page_file(site_dir, "moe/" if lang == "en" else "hi/moe/").read_text(encoding="utf-8")
        m = re.search(r'<script type="application/json" class="moe-calc-data">(.*?)</script>', html, re.S)
        assert m, f"{lang}: no calculator data on the MoE page"
        found[lang] = json.loads(m.group(1))["models"]
    assert found["en"] == found["hi"]
    reg, _ = registry.load(ROOT / "facts" / "registry.yaml")
    expected, missing = calculator.model_data(reg)
    assert not missing, f"facts missing for the calculator: {missing}"
    assert found["en"] == expected, "the page's model data differs from the fact registry"
    assert [m["name"] for m in found["en"]] == [entry[1] for entry in calculator.MODELS]
    for m in found["en"]:
        for key in ("total_params", "active_params", "experts", "active_experts"):
            assert isinstance(m[key], (int, float)) and m[key] > 0, (m["id"], key)
    return found["en"]


def open_calculator(page, site_url, lang):
    page.goto(site_url + ("moe/" if lang == "en" else "hi/moe/") + "#calculator")
    page.wait_for_selector("#moe-size form")
    return page.locator("#moe-size")


def results(calc) -> dict:
    """The calculator's results as {label: value}."""
    return calc.evaluate(
        """root => { const out = {}; const dts = root.querySelectorAll('.moe-calc__results dt');
                     dts.forEach(dt => { out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim(); });
                     return out; }""")


def calc_strings(page, lang):
    return page.evaluate("lang => window.MoECalc.strings[lang]", lang)


def assert_clean(page, calc):
    text = calc.inner_text()
    for bad in BAD_WORDS:
        assert bad not in text, f"{bad!r} shown in the calculator: {text!r}"
    values = calc.evaluate("r => [...r.querySelectorAll('input')].map(i => i.value).join(' ')")
    for bad in BAD_WORDS:
        assert bad not in values, f"{bad!r} in an input box: {values!r}"
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_calculator_shows_each_models_published_figures(page, site_url, calc_models, lang):
    calc = open_calculator(page, site_url, lang)
    strings = calc_strings(page, lang)
    options = calc.locator("select[name=model] option").evaluate_all("os => os.map(o => o.value)")
    assert options[:-1] == [m["id"] for m in calc_models], options
    for model in calc_models:
        calc.locator("select[name=model]").select_option(model["id"])
        shown = results(calc)
        assert shown[strings["total"]] == words(model["total_params"], lang), (model, shown)
        assert shown[strings["active"]] == words(model["active_params"], lang), (model, shown)
        share = model["active_params"] / model["total_params"] * 100
        assert shown[strings["share"]] == percent(share, lang), (model, shown)
        assert calc.locator("input[name=experts]").input_value() == str(model["experts"])
        assert calc.locator("input[name=activeExperts]").input_value() == str(model["active_experts"])
        if lang == "hi":
            assert DEVANAGARI.search(shown[strings["total"]]), shown
        else:
            assert not DEVANAGARI.search(calc.inner_text())
        assert_clean(page, calc)


# (experts, active experts, billions per expert, always-active billions, precision bytes)
BY_HAND = [
    ("8", "2", "5.6", "1.6", "bf16"),
    ("16", "1", "6", "11", "fp8"),
    ("64", "4", "0.75", "2.25", "int4"),
    ("१६", "२", "3", "1", "fp8"),    # Devanagari digits are read too
    ("256", "8", "2.5", "17.5", "bf16"),
]
PRECISION_BYTES = {"fp32": 4, "bf16": 2, "fp8": 1, "int4": 0.5}
DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_calculator_by_hand(page, site_url, lang):
    calc = open_calculator(page, site_url, lang)
    strings = calc_strings(page, lang)
    for experts, active_experts, per_expert, shared, precision in BY_HAND:
        calc.locator("select[name=precision]").select_option(precision)
        for name, value in (("experts", experts), ("activeExperts", active_experts),
                            ("expertParams", per_expert), ("sharedParams", shared)):
            calc.locator(f"input[name={name}]").fill(value)
        n, k = int(experts.translate(DIGITS)), int(active_experts.translate(DIGITS))
        e, s = Decimal(per_expert) * 10**9, Decimal(shared) * 10**9
        total, active = s + n * e, s + k * e
        shown = results(calc)
        case = (experts, active_experts, per_expert, shared, precision, shown)
        assert calc.locator("select[name=model]").input_value() == "custom"
        assert shown[strings["total"]] == words(float(total), lang), case
        assert shown[strings["active"]] == words(float(active), lang), case
        assert shown[strings["share"]] == percent(float(active / total * 100), lang), case
        gb = total * Decimal(str(PRECISION_BYTES[precision])) / 10**9
        assert shown[strings["memory"]] == group(three_figures(float(gb)), lang) + " GB", case
        gpus_label = strings["gpus"].replace("{gb}", "80")   # the H100's memory, from the registry
        assert shown[gpus_label] == str(max(1, math.ceil(gb / 80))), case
        assert_clean(page, calc)


# (field, typed text, error code the message must be)
BAD_INPUT = [
    ("experts", "", "empty"),
    ("expertParams", "   ", "empty"),
    ("experts", "-8", "negative"),
    ("sharedParams", "-0.5", "negative"),
    ("experts", "abc", "not-a-number"),
    ("expertParams", "5,6x", "not-a-number"),
    ("sharedParams", "1e400", "not-a-number"),
    ("expertParams", "99999999999999999999", "too-large"),
    ("experts", "1" + "0" * 400, "too-large"),
    ("experts", "8.5", "not-integer"),
    ("experts", "0", "experts-min"),
    ("activeExperts", "0", "active-min"),
    ("activeExperts", "9", "active-gt-experts"),
]


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_calculator_answers_bad_input_in_the_pages_language(page, site_url, calc_models, axe_source,
                                                            lang):
    calc = open_calculator(page, site_url, lang)
    strings = calc_strings(page, lang)
    mixtral = next(m for m in calc_models if m["experts"] == 8) if any(
        m["experts"] == 8 for m in calc_models) else calc_models[0]
    for field, typed, code in BAD_INPUT:
        calc.locator("select[name=model]").select_option(mixtral["id"])
        assert strings["total"] in results(calc)
        if code == "active-gt-experts":
            calc.locator("input[name=experts]").fill("8")
        calc.locator(f"input[name={field}]").fill(typed)
        message = calc.locator(".moe-calc__results .moe-calc__message")
        assert message.is_visible(), (field, typed)
        text = message.inner_text()
        assert strings["errors"][code] in text, (field, typed, code, text)
        next_to_field = calc.locator(f"#moe-calc-{field}-error").inner_text()
        assert next_to_field == strings["errors"][code], (field, typed, next_to_field)
        assert calc.locator(f"input[name={field}]").get_attribute("aria-invalid") == "true"
        if lang == "hi":
            assert DEVANAGARI.search(text), text
            assert not re.search(r"[A-Za-z]{4,}", text), f"English words in a Hindi message: {text!r}"
        else:
            assert not DEVANAGARI.search(text), text
        assert not results(calc), "results shown next to an error"
        assert_clean(page, calc)
    # the form with an error showing is accessible too
    problems = serious(axe_violations(page, axe_source))
    assert not problems, "axe, calculator showing an error:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_calculator_api_gives_back_the_facts(page, site_url, calc_models, lang):
    open_calculator(page, site_url, lang)
    for model in calc_models:
        got = page.evaluate(
            """m => { const split = MoECalc.fromModel(m);
                      return {split, result: MoECalc.compute(Object.assign({bytesPerParam: 2}, split))}; }""",
            model)
        assert "error" not in got["split"], (model, got)
        assert got["split"]["experts"] == model["experts"]
        assert got["split"]["activeExperts"] == model["active_experts"]
        assert got["result"]["total"] == model["total_params"], (model, got)
        assert got["result"]["active"] == model["active_params"], (model, got)
        assert got["result"]["memoryBytes"] == model["total_params"] * 2
        assert page.evaluate("([v, l]) => MoECalc.format(v, l)", [model["total_params"], lang]) \
            == words(model["total_params"], lang)
    bad = page.evaluate("""() => [MoECalc.compute({}), MoECalc.compute({experts: 4, activeExperts: 8,
        expertParams: 1e9, sharedParams: 0, bytesPerParam: 2}), MoECalc.fromModel(null),
        MoECalc.fromModel({experts: 8, active_experts: 2, total_params: 1e9, active_params: 2e9})]""")
    assert [b.get("error") for b in bad] == ["empty", "active-gt-experts", "bad-model", "bad-model"]
    assert not page.errors, page.errors


# ------------------------------------------------------------------ every page, loaded once

@pytest.fixture(scope="session")
def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, axe_source) -> list[dict]:
    weigh.inject_script(page, axe_source)
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def serious(violations, where="") -> list[str]:
    found = []
    for v in violations:
        if v["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]
            found.append(f"{where}{v['id']} ({v['impact']}): {v['help']}; "
                         f"{len(v['nodes'])} nodes, e.g. {targets}")
    return found


@pytest.fixture(scope="session")
def page_loads(browser, site_url, pages, axe_source):
    """Load every built page once (desktop size): record its requests, failed responses and
    page errors until the network is quiet, then run axe-core (served from the local package,
    injected into the page) and keep its violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    loads = {}
    current = {}
    context.on("request", lambda r: current["requests"].append(r.url))
    context.on("response", lambda r: r.status >= 400 and current["failed"].append(f"{r.status} {r.url}"))
    context.on("requestfailed", lambda r: current["failed"].append(f"{r.failure} {r.url}"))
    traffic = weigh.Traffic(context)
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: current["errors"].append(str(e)))
        for rel in pages:
            current.update(requests=[], failed=[], errors=[])
            page.goto(site_url + rel, wait_until="load")
            traffic.settle(page)
            load = {k: list(v) for k, v in current.items()}
            load["axe"] = axe_violations(page, axe_source)
            loads[rel] = load
    finally:
        context.close()
    return loads


def test_no_request_leaves_127_0_0_1(page_loads):
    outside = {}
    for rel, load in page_loads.items():
        for url in load["requests"]:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob"):
                continue
            if parsed.hostname != "127.0.0.1":
                outside.setdefault(rel or "(home)", []).append(url)
    assert not outside, f"requests that left 127.0.0.1: {json.dumps(outside, indent=1)}"
    assert all(load["requests"] for load in page_loads.values())


def test_every_request_succeeds_and_no_page_error(page_loads):
    failed = {rel or "(home)": load["failed"] for rel, load in page_loads.items() if load["failed"]}
    errors = {rel or "(home)": load["errors"] for rel, load in page_loads.items() if load["errors"]}
    assert not failed, f"failed requests: {json.dumps(failed, indent=1)}"
    assert not errors, f"page errors: {json.dumps(errors, indent=1, ensure_ascii=False)}"


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_no_serious_accessibility_violation(page_loads, lang):
    found = []
    checked = 0
    for rel, load in page_loads.items():
        if rel.startswith("hi/") != (lang == "hi"):
            continue
        checked += 1
        found += serious(load["axe"], f"{rel or '(home)'}: ")
    assert checked >= 10, f"only {checked} {lang} pages checked"
    assert not found, "axe violations:\n" + "\n".join(found)


# ------------------------------------------------------------------ 375 px: no sideways scroll, no clipping

LAYOUT_CHECK = """
() => {
  const DEVA = /[\\u0900-\\u097F]/;
  const hindi = document.documentElement.lang === 'hi';
  const out = {scrollWidth: document.documentElement.scrollWidth, clipped: [], overflow: [],
               leading: [], spacing: []};
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40) + '"';
  const shown = e => { const s = getComputedStyle(e); return s.display !== 'none' && s.visibility !== 'hidden' && e.getClientRects().length; };
  if (!hindi) return out;
  // text boxes of Devanagari text cut by an ancestor that hides its overflow
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!DEVA.test(node.data) || !node.parentElement || !shown(node.parentElement)) continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    for (let a = node.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (['auto', 'scroll'].includes(s.overflowY)) break;      // scrolls: the reader can reach it
      if (!['hidden', 'clip'].includes(s.overflowY)) continue;   // only vertical clipping cuts matras
      const box = a.getBoundingClientRect();
      const top = box.top + a.clientTop, bottom = top + a.clientHeight;
      for (const r of rects) {
        const inside = r.bottom > top && r.top < bottom;            // partly visible
        if (inside && (r.top < top - 1 || r.bottom > bottom + 1)) {
          out.clipped.push(describe(node.parentElement) + ' cut by ' + describe(a) +
                           ` (text ${r.top.toFixed(1)}..${r.bottom.toFixed(1)}, box ${top.toFixed(1)}..${bottom.toFixed(1)})`);
          break;
        }
      }
    }
  }
  // headings and paragraphs that hide overflow must not overflow
  for (const e of document.querySelectorAll('h1, h2, h3, p')) {
    if (!shown(e)) continue;
    const s = getComputedStyle(e);
    if ((['hidden', 'clip'].includes(s.overflowY) || ['hidden', 'clip'].includes(s.overflowX))
        && e.scrollHeight > e.clientHeight + 1) out.overflow.push(describe(e));
  }
  // body text leading, and no letter-spacing on Devanagari
  for (const e of document.querySelectorAll('.md-content .md-typeset p, .md-content .md-typeset li')) {
    if (!shown(e) || !DEVA.test(e.textContent)) continue;
    const s = getComputedStyle(e);
    const ratio = parseFloat(s.lineHeight) / parseFloat(s.fontSize);
    if (!(ratio >= 1.6)) out.leading.push(describe(e) + ` line-height ${s.lineHeight} / ${s.fontSize}`);
  }
  for (const e of document.body.querySelectorAll('*')) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && DEVA.test(n.data)) || !shown(e)) continue;
    const ls = getComputedStyle(e).letterSpacing;
    if (ls !== 'normal' && parseFloat(ls) !== 0) out.spacing.push(describe(e) + ' letter-spacing ' + ls);
  }
  return out;
}
"""


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_375px_no_sideways_scroll_and_devanagari_not_clipped(mobile_page, site_url, pages, lang):
    problems = []
    for rel in pages:
        if rel.startswith("hi/") != (lang == "hi"):
            continue
        mobile_page.goto(site_url + rel)
        mobile_page.evaluate("document.fonts.ready.then(() => true)")
        found = mobile_page.evaluate(LAYOUT_CHECK)
        name = rel or "(home)"
        if found["scrollWidth"] > 375 + 1:
            wide = mobile_page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > 376 && getComputedStyle(e).position !== 'fixed')
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className)""")
            problems.append(f"{name}: scrolls sideways (scrollWidth {found['scrollWidth']}), e.g. {wide}")
        for key in ("clipped", "overflow", "leading", "spacing"):
            for item in found[key][:5]:
                problems.append(f"{name}: {key}: {item}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("rel", ["", "hi/"])
def test_header_title_is_centred_in_the_bar(page, site_url, rel):
    page.goto(site_url + rel)
    page.evaluate("document.fonts.ready.then(() => true)")
    offset = page.evaluate("""() => {
        const bar = document.querySelector('.md-header').getBoundingClientRect();
        const title = document.querySelector('.md-header__topic .md-ellipsis');
        const range = document.createRange();
        range.selectNodeContents(title);
        const text = range.getBoundingClientRect();
        return (text.top + text.bottom) / 2 - (bar.top + bar.bottom) / 2; }""")
    assert abs(offset) <= 4, f"the site title sits {offset:.1f} px off the header's middle"


def test_layout_check_catches_what_it_looks_for(mobile_page, site_url):
    """The check above finds clipping, tight leading, letter-spacing and sideways scroll when
    a page has them (here: CSS that causes each, added to a Hindi page)."""
    mobile_page.goto(site_url + "hi/moe/")
    weigh.inject_style(mobile_page, """
        .md-typeset h2 { overflow: hidden !important; height: 0.8em; line-height: 0.8 !important; }
        .md-typeset p { line-height: 1.2 !important; letter-spacing: 0.05em !important; }
        .md-typeset p:first-of-type { min-width: 600px; }""")
    found = mobile_page.evaluate(LAYOUT_CHECK)
    assert found["scrollWidth"] > 376
    for key in ("clipped", "overflow", "leading", "spacing"):
        assert found[key], f"{key}: nothing found"
    assert any(item.startswith("h2") for item in found["clipped"]), found["clipped"][:3]


# ------------------------------------------------------------------ page weight

@pytest.mark.parametrize("rel", weigh.WEIGHED_PAGES)
def test_first_visit_to_a_hindi_article_stays_within_budget(browser, site_url, rel):
    result = weigh.weigh(browser, site_url + rel)
    report = weigh.report(rel, result)
    print(report)
    kinds = result["kinds"]
    for needed in ("html", "css", "js", "font"):
        assert kinds.get(needed, 0) > 0, f"no {needed} counted:\n{report}"
    # the index waits until search is opened (tests/browser/test_share.py opens it)
    assert result["search-index"] == 0, f"search index fetched before search was opened:\n{report}"
    assert result["page"] <= BUDGET[rel]["page"], f"over budget ({BUDGET[rel]['page']} B):\n{report}"


# ------------------------------------------------------------------ screenshots

SCREENSHOTS = {"": "en-home", "hi/": "hi-home", "moe/": "en-moe", "hi/moe/": "hi-moe"}


@pytest.mark.parametrize("rel", list(SCREENSHOTS))
def test_screenshots(context, mobile_context, site_url, screenshots_dir, rel):
    """Full-page screenshots for a person to look at (CI keeps them as an artifact)."""
    name = SCREENSHOTS[rel]
    for label, ctx in (("desktop", context), ("mobile", mobile_context)):
        page = ctx.new_page()
        try:
            page.goto(site_url + rel)
            page.evaluate("document.fonts.ready.then(() => true)")
            path = screenshots_dir / f"{name}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
            if "moe" in rel:
                for widget, part in (("#moe-calc", "steps"), ("#moe-size", "calculator")):
                    calc = page.locator(widget)
                    calc.scroll_into_view_if_needed()
                    page.wait_for_selector(widget + "[data-moe-ready]", state="attached")
                    calc.screenshot(path=str(screenshots_dir / f"{name}-{part}-{label}.png"),
                                    style=".md-header { visibility: hidden; }")  # sticky bar over it
        finally:
            page.close()
