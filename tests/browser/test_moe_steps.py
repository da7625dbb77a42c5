"""The MoE page's routing step-through and calculator in a real browser, in both languages:
every token can be stepped through in every model with the keyboard, the figures shown are
the registry's, the presets give the figures the prose states, and the calculator keeps
memory (total parameters) apart from the work per token (active parameters)."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

import weigh

ROOT = Path(__file__).resolve().parents[2]
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
SCALES = {"en": [(10**12, "trillion"), (10**9, "billion")], "hi": [(10**12, "ट्रिलियन"), (10**9, "अरब")]}


def words(count, lang):
    """A parameter count as the widgets print it (three figures: 17 billion, 46.7 अरब)."""
    for factor, word in SCALES[lang]:
        if count >= factor * 0.9995:
            x = count / factor
            text = f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"
            return text.rstrip("0").rstrip(".") + " " + word if "." in text else text + " " + word
    raise AssertionError(count)


@pytest.fixture(scope="module")
def reg():
    from hooks.facts import registry

    r, _ = registry.load(ROOT / "facts" / "registry.yaml")
    return r


def fact(reg, fact_id):
    n = reg.facts[fact_id].value.lo
    return int(n) if n == n.to_integral_value() else float(n)


def open_steps(page, site_url, lang):
    page.goto(site_url + ("hi/moe/" if lang == "hi" else "moe/") + "#exact")
    page.locator("#moe-calc").scroll_into_view_if_needed()   # the script loads on approach
    page.wait_for_selector("#moe-calc[data-moe-ready] .moe-steps__inner")
    return page.locator("#moe-calc")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_step_through_every_token_of_every_model_by_keyboard(page, site_url, reg, lang):
    from hooks.site_llama4 import calculator

    steps = open_steps(page, site_url, lang)
    strings = page.evaluate("l => MoECalc.strings[l]", lang)
    tokens = [t.strip() for t in calculator.SENTENCES[lang]]
    assert steps.locator("table").is_hidden(), "the no-JavaScript table stays once the widget runs"
    assert strings["stNote"] in steps.inner_text(), "the page must say the choices are illustrative"
    radios = steps.locator("input[type=radio]")
    assert radios.count() == len(calculator.STEP_MODELS)
    for index, prefix in enumerate(calculator.STEP_MODELS):
        radios.nth(index).focus()
        page.keyboard.press("Space")
        assert steps.get_attribute("data-model") == prefix
        experts, k = fact(reg, f"{prefix}-experts"), fact(reg, f"{prefix}-active-experts")
        shared = fact(reg, f"{prefix}-shared-experts") if f"{prefix}-shared-experts" in reg.facts else 0
        assert steps.locator(".moe-steps__grid span").count() == experts
        figures = steps.locator(".moe-steps__figs").inner_text()
        assert words(fact(reg, f"{prefix}-total-params"), lang) in figures, figures
        assert words(fact(reg, f"{prefix}-active-params"), lang) in figures, figures
        assert re.search(rf"(?<![\d.]){experts}(?![\d.])", figures), figures
        reset = steps.locator("button").nth(2)
        reset.focus()
        page.keyboard.press("Enter")
        assert steps.get_attribute("data-step") == "-1"
        assert steps.locator(".moe-steps__grid .is-on").count() == 0
        nxt = steps.locator("button").nth(1)
        for i, token in enumerate(tokens):
            nxt.focus()
            page.keyboard.press("Enter")
            assert steps.get_attribute("data-step") == str(i)
            assert steps.locator(".moe-steps__grid .is-on").count() == k, (prefix, i)
            lit_shared = steps.locator(".moe-steps__shared.is-on")
            assert lit_shared.count() == (1 if shared else 0), (prefix, i)
            if shared:
                assert lit_shared.is_visible()
            else:
                assert steps.locator(".moe-steps__shared").is_hidden()
            status = steps.locator("[role=status]").inner_text()
            assert f"“{token}”" in status, status
            chosen = [int(x) for x in steps.locator(".moe-steps__tokens .is-now small").inner_text()[1:].split(",")]
            assert len(chosen) == k and all(1 <= c <= experts for c in chosen)
            if lang == "hi":
                assert DEVANAGARI.search(status)
            else:
                assert not DEVANAGARI.search(status)
        assert nxt.is_disabled(), "after the last token there is no next one"
        assert strings["stDone"] in steps.locator("[role=status]").inner_text()
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_step_through_shows_the_same_choices_as_the_table(page, site_url, lang):
    steps = open_steps(page, site_url, lang)
    table = steps.evaluate("""r => [...r.querySelectorAll('tbody tr')].map(tr =>
        [...tr.cells].slice(1).map(td => (td.textContent.match(/\\d+/g) || []).map(Number)))""")
    for index in range(steps.locator("input[type=radio]").count()):
        steps.locator("input[type=radio]").nth(index).check()
        steps.locator("button").nth(2).click()
        for row in table:
            steps.locator("button").nth(1).click()
            lit = steps.evaluate("r => [...r.querySelectorAll('.moe-steps__grid span')].map((s, i) => s.classList.contains('is-on') ? i + 1 : 0).filter(Boolean)")
            assert lit == row[index]


def open_calc(page, site_url, lang):
    page.goto(site_url + ("hi/moe/" if lang == "hi" else "moe/") + "#calculator")
    page.wait_for_selector("#moe-size form")
    return page.locator("#moe-size")


def panel(calc, cls):
    return calc.evaluate(f"""r => {{ const out = {{}}; r.querySelectorAll('.{cls} dt').forEach(dt =>
        out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim()); return out; }}""")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_presets_give_the_figures_the_prose_states(page, site_url, reg, lang):
    calc = open_calc(page, site_url, lang)
    s = page.evaluate("l => MoECalc.strings[l]", lang)
    gpu = fact(reg, "h100-memory-gb")
    dgx = fact(reg, "dgx-h100-gpus")
    fits_one = s["fitsOne"].replace("{gb}", str(gpu))
    fits_dgx = s["fitsDgx"].replace("{g}", str(dgx))
    cases = {"scout-bf16": ("scout-bf16-weights-gb", "bf16"), "scout-int4": ("scout-int4-weights-gb", "int4"),
             "maverick-fp8": ("maverick-fp8-weights-gb", "fp8"), "deepseek-fp8": ("deepseek-v3-fp8-weights-gb", "fp8")}
    shown = {}
    for preset, (gb_fact, precision) in cases.items():
        calc.locator(f"[data-preset={preset}]").click()
        assert calc.locator(f"[data-preset={preset}]").get_attribute("aria-pressed") == "true"
        assert calc.locator("select[name=precision]").input_value() == precision
        mem = panel(calc, "moe-calc__mem")
        gb = fact(reg, gb_fact)
        assert mem[s["memory"]] == f"{gb:g} GB".replace(".0 ", " "), (preset, mem)
        gpus = max(1, math.ceil(gb / gpu))
        assert mem[s["gpus"].replace("{gb}", str(gpu))] == str(gpus)
        assert calc.locator(".moe-calc__gpus span[style*='--fill']").count() >= gpus
        shown[preset] = (mem, panel(calc, "moe-calc__speed"))
    # the claims, as the prose makes them
    assert shown["scout-bf16"][0][fits_one] == s["no"]
    assert shown["scout-int4"][0][fits_one] == s["yes"]          # "fits on a single H100 with int4"
    assert shown["maverick-fp8"][0][fits_dgx] == s["yes"]        # "fits on one H100 DGX host"
    assert shown["deepseek-fp8"][0][fits_dgx] == s["no"]         # "more than a whole DGX H100 holds"
    assert shown["scout-bf16"][1][s["active"]] == words(fact(reg, "llama4-scout-active-params"), lang)
    # the what-if: the work per token grows, the memory does not move
    calc.locator("[data-preset=maverick-k2]").click()
    assert calc.locator("input[name=activeExperts]").input_value() == "2"
    mem, speed = panel(calc, "moe-calc__mem"), panel(calc, "moe-calc__speed")
    assert mem == shown["maverick-fp8"][0]
    before = float(shown["maverick-fp8"][1][s["active"]].split()[0])
    assert float(speed[s["active"]].split()[0]) > before
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_calculator_keeps_memory_and_speed_apart(page, site_url, reg, lang):
    calc = open_calc(page, site_url, lang)
    s = page.evaluate("l => MoECalc.strings[l]", lang)
    s["gpus"] = s["gpus"].replace("{gb}", str(fact(reg, "h100-memory-gb")))
    for model in calc.locator("select[name=model] option").evaluate_all("os => os.map(o => o.value)")[:-1]:
        calc.locator("select[name=model]").select_option(model)
        mem, speed = panel(calc, "moe-calc__mem"), panel(calc, "moe-calc__speed")
        assert {s["total"], s["memory"], s["gpus"]} <= set(mem) and s["active"] not in mem
        assert {s["active"], s["share"]} <= set(speed) and s["total"] not in speed and s["memory"] not in speed
        assert calc.locator(".moe-calc__mem .moe-calc__gpus").count() == 1
        assert calc.locator(".moe-calc__speed .moe-calc__bar span").count() == 3
        assert calc.locator(".moe-calc__speed .moe-calc__gpus").count() == 0
    # changing the experts per token moves the speed panel only
    calc.locator("select[name=model]").select_option("llama4-maverick")
    before = (panel(calc, "moe-calc__mem"), panel(calc, "moe-calc__speed"))
    calc.locator("input[name=activeExperts]").fill("4")
    after = (panel(calc, "moe-calc__mem"), panel(calc, "moe-calc__speed"))
    assert after[0] == before[0] and after[1] != before[1]
    # the label the fact audit asked for
    assert "feed-forward" in s["sharedParams"] or "फ़ीड-फ़ॉरवर्ड" in s["sharedParams"]
    assert not page.errors, page.errors


def test_the_widgets_data_is_the_registrys(site_dir, reg):
    from hooks.site_llama4 import calculator

    for rel in ("moe/index.html", "hi/moe/index.html"):
        html = (site_dir / rel).read_text(encoding="utf-8")
        figures = json.loads(re.search(r'class="moe-steps-data">(.*?)</script>', html, re.S).group(1))
        for m in figures["models"]:
            assert m["experts"] == fact(reg, f"{m['id']}-experts")
            assert m["k"] == fact(reg, f"{m['id']}-active-experts")
            assert m["total"] == fact(reg, f"{m['id']}-total-params")
            assert m["active"] == fact(reg, f"{m['id']}-active-params")
        assert [m["id"] for m in figures["models"]] == calculator.STEP_MODELS


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_widgets_pass_axe(page, site_url, lang):
    import axe_playwright_python

    steps = open_steps(page, site_url, lang)
    steps.locator("button").nth(1).click()
    page.locator("#moe-size").scroll_into_view_if_needed()
    page.wait_for_selector("#moe-size form")
    weigh.inject_script(page, (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate("""async () => (await axe.run({include: [['#moe-calc'], ['#moe-size']]},
        {resultTypes: ['violations']})).violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
    assert not found, found
