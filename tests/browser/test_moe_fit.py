""""Can I run it?", the step-through's consequences and the wide table on the MoE page, in a real
browser (issue 30): on a 375x667 phone by touch the answer is on screen after every tap; at 1280 px
by keyboard; without JavaScript a static table gives the same answers; the models table shows
every column at 375 px; the step-through shows scores, a running tally, and restarts when the
model changes after the last token."""
from __future__ import annotations

import re

import pytest

import weigh
from hooks.site_llama4 import can_i_run

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}


def _context(browser, viewport, js=True):
    context = weigh.without_search_worker(browser.new_context(
        viewport=viewport, device_scale_factor=1, is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600, java_script_enabled=js))
    context.set_default_timeout(20_000)
    return context


@pytest.fixture(scope="module")
def reg():
    from pathlib import Path

    from hooks.facts import registry

    r, _ = registry.load(Path(__file__).resolve().parents[2] / "facts" / "registry.yaml")
    return r


def _url(site_url, lang, anchor="#calculator"):
    return site_url + ("hi/moe/" if lang == "hi" else "moe/") + anchor


def _expected(reg, machine_id, precision_id):
    """{model name: verdict} by the same rule as the page (hooks/site_llama4/can_i_run.py)."""
    data, _ = can_i_run.fit_data(reg)
    m = next(x for x in data["machines"] if x["id"] == machine_id)
    p = next(x for x in data["precisions"] if x["id"] == precision_id)
    return {x["id"]: can_i_run.verdict(can_i_run.weights_gb(x, p), m["gb"]) for x in data["models"]}


def _in_view(page, locator):
    box = locator.bounding_box()
    vh = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 60) <= vh


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_phone_every_tap_shows_its_answer(browser, site_url, reg, lang):
    context = _context(browser, PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(_url(site_url, lang))
    page.wait_for_selector("#moe-size .moe-fit__inner")
    fit = page.locator("#moe-size .moe-fit")
    assert fit.locator("table").is_hidden(), "the static table gives way to the buttons"
    answer = fit.locator(".moe-fit__answer")
    machines = [m[0] for m in can_i_run.MACHINES]
    precisions = [p[0] for p in can_i_run.PRECISIONS]
    for machine in machines:
        for precision in precisions:
            fit.locator(f'[data-m="{machine}"]').tap()
            assert _in_view(page, answer), f"answer off screen after tapping {machine}"
            fit.locator(f'[data-p="{precision}"]').tap()
            assert _in_view(page, answer), f"answer off screen after tapping {precision}"
            assert page.locator("#moe-size").get_attribute("data-fit") == f"{machine}:{precision}"
            assert fit.locator(f'[data-m="{machine}"]').get_attribute("aria-pressed") == "true"
            for model_id, verdict in _expected(reg, machine, precision).items():
                item = answer.locator(f'li[data-model="{model_id}"]')
                assert item.get_attribute("class") == f"is-{verdict}", (machine, precision, model_id)
    # the Mac's shared memory is said on a Mac, and the rule of thumb always
    fit.locator('[data-m="mac128"]').tap()
    strings = page.evaluate("l => MoECalc.strings[l]", lang)
    assert strings["fitMac"] in answer.inner_text() and strings["fitRule"] in answer.inner_text()
    assert errors == []
    context.close()


def test_keyboard_at_1280(browser, site_url, reg):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    page.goto(_url(site_url, "en"))
    page.wait_for_selector("#moe-size .moe-fit__inner")
    fit = page.locator("#moe-size .moe-fit")
    fit.locator('[data-m="laptop"]').focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")          # the next machine: a 64 GB Mac
    page.keyboard.press("Enter")
    assert page.locator("#moe-size").get_attribute("data-fit").startswith("mac64:")
    fit.locator('[data-p="int4"]').focus()
    page.keyboard.press("Space")
    assert page.locator("#moe-size").get_attribute("data-fit") == "mac64:int4"
    expected = _expected(reg, "mac64", "int4")
    assert expected["llama4-scout"] == "tight" and expected["llama4-maverick"] == "no"
    verdict = fit.locator(".moe-fit__verdict").inner_text()
    assert "Scout" in verdict and "only just" in verdict
    assert _in_view(page, fit.locator(".moe-fit__answer"))
    context.close()


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_without_javascript_a_table_answers(browser, site_url, reg, lang):
    context = _context(browser, PHONE, js=False)
    page = context.new_page()
    page.goto(_url(site_url, lang))
    table = page.locator("#moe-size table.moe-fit__table")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == len(can_i_run.MACHINES)
    h100 = rows.nth([m[0] for m in can_i_run.MACHINES].index("h100"))
    assert "Scout" in h100.locator("td").last.inner_text()
    # stacked on the phone: nothing in the article runs off the right edge (the header's language
    # menu, hidden, does without JavaScript on every page: not this page's doing)
    wide = page.evaluate("""w => [].filter.call(document.querySelectorAll('article *'),
        e => e.getBoundingClientRect().right > w + 0.5).map(e => e.tagName + '.' + e.className)""", PHONE["width"])
    assert wide == []
    for i in range(rows.count()):
        for cell in rows.nth(i).locator("td").all():
            box = cell.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5
    context.close()


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_models_table_shows_every_column_at_375(browser, site_url, lang):
    context = _context(browser, PHONE, js=False)
    page = context.new_page()
    page.goto(_url(site_url, lang, "#active-vs-total"))
    table = page.locator(".moe-wide table")
    rows = table.locator("tbody tr")
    assert rows.count() == 5
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert cells.count() == 7
        for j in range(7):
            box = cells.nth(j).bounding_box()
            assert box and box["width"] > 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (i, j)
            if j:   # each value carries its column's name on the phone
                label = cells.nth(j).evaluate("td => getComputedStyle(td, '::before').content")
                assert label not in ("none", "normal", '""'), (i, j, label)
    context.close()


def test_models_table_is_a_table_at_1280(browser, site_url):
    context = _context(browser, DESKTOP, js=False)
    page = context.new_page()
    page.goto(_url(site_url, "en", "#active-vs-total"))
    header = page.locator(".moe-wide thead")
    assert header.is_visible()
    assert page.locator(".moe-wide td").first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    context.close()


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_step_through_scores_tally_and_no_dead_end(browser, site_url, lang):
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(_url(site_url, lang, "#exact"))
    steps = page.locator("#moe-calc")
    steps.scroll_into_view_if_needed()
    page.wait_for_selector("#moe-calc[data-moe-ready] .moe-steps__inner")
    data = page.evaluate("""() => [].map.call(document.querySelectorAll('#moe-calc tbody tr'),
        tr => [].slice.call(tr.cells, 1).map(td => (td.textContent.match(/\\d+/g) || []).map(Number)))""")
    radios = steps.locator("input[type=radio]")
    nxt = steps.locator(".moe-steps__buttons button").nth(1)
    for index in range(radios.count()):
        radios.nth(index).tap()
        assert steps.get_attribute("data-step") == "-1"
        used = set()
        for token, row in enumerate(data):
            nxt.tap()
            picks = row[index]
            used |= set(picks)
            assert steps.get_attribute("data-used") == str(len(used))
            bars = steps.locator(".moe-steps__bar")
            assert 1 <= bars.count() <= 8
            assert steps.locator(".moe-steps__fill.is-on").count() == len(picks)
            weights = [float(x) for x in re.findall(r"\d\.\d\d", " ".join(
                steps.locator(".moe-steps__w").all_inner_texts()))]
            assert len(weights) == len(picks)
            if index == 0:   # Mixtral: a softmax over the chosen scores adds up to one
                assert abs(sum(weights) - 1) < 0.011, weights
            else:            # Llama 4: each chosen expert's own sigmoid
                assert all(0 < w < 1 for w in weights)
        assert nxt.is_disabled()
        assert len(used) < 10 ** 3 and steps.locator(".moe-steps__tally").inner_text()
        # a new model after the last token starts again: no dead end
        radios.nth((index + 1) % radios.count()).tap()
        assert steps.get_attribute("data-step") == "-1"
        assert not nxt.is_disabled()
    context.close()
