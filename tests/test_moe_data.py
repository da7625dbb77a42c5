"""The MoE page's widgets get every model figure from the registry (hooks/site_llama4/calculator.py): the
step-through's experts, top-k and parameters, the calculator's presets for the claims the
prose makes, and the table a reader without JavaScript sees."""
from __future__ import annotations

import copy
import html
import html as html_lib
import json
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest

from hooks.facts import registry as registry_mod
from hooks.site_llama4 import calculator

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reg():
    registry, _ = registry_mod.load(ROOT / "facts" / "registry.yaml")
    return registry


def value(reg, fact_id):
    return reg.facts[fact_id].value.lo


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_step_through_figures_are_the_registrys(reg, lang):
    data = calculator.steps_data(reg, lang)
    assert [m["id"] for m in data["models"]] == calculator.STEP_MODELS
    for m in data["models"]:
        p = m["id"]
        assert m["experts"] == value(reg, f"{p}-experts")
        assert m["k"] == value(reg, f"{p}-active-experts")
        assert m["total"] == value(reg, f"{p}-total-params")
        assert m["active"] == value(reg, f"{p}-active-params")
        shared = reg.facts.get(f"{p}-shared-experts")
        assert m["shared"] == (shared.value.lo if shared else 0)
        assert len(m["picks"]) == len(data["tokens"])
        for chosen in m["picks"]:
            assert len(chosen) == m["k"] == len(set(chosen)), (p, chosen)
            assert all(1 <= x <= m["experts"] for x in chosen), (p, chosen)
    # the two Llama 4 models have the always-on shared expert, Mixtral has none
    shared = {m["id"]: m["shared"] for m in data["models"]}
    assert shared["mixtral"] == 0 and shared["llama4-scout"] >= 1 and shared["llama4-maverick"] >= 1


def test_neighbouring_tokens_take_different_routes(reg):
    """The point the step-through makes: the illustration must show it."""
    for m in calculator.steps_data(reg, "en")["models"]:
        routes = [tuple(x) for x in m["picks"]]
        assert any(a != b for a, b in zip(routes, routes[1:])), m["id"]
        assert calculator.steps_data(reg, "en")["models"] == calculator.steps_data(reg, "en")["models"]


def preset_result(reg, preset_id):
    data = calculator.widget_data(reg)
    preset = next(p for p in data["presets"] if p["id"] == preset_id)
    model = next(m for m in data["models"] if m["id"] == preset["model"])
    bytes_ = next(p["bytes"] for p in data["precisions"] if p["id"] == preset["precision"])
    n, k = Decimal(model["experts"]), Decimal(preset["k"] or model["active_experts"])
    total, active = Decimal(model["total_params"]), Decimal(model["active_params"])
    per_expert = (total - active) / (n - Decimal(model["active_experts"]))
    shared = active - Decimal(model["active_experts"]) * per_expert
    new_active = shared + k * per_expert
    gb = total * Decimal(str(bytes_)) / 10**9
    gpus = max(1, math.ceil(gb / Decimal(data["hardware"]["gpu_gb"])))
    return {"total": total, "active": new_active, "gb": gb, "gpus": int(gpus), "hw": data["hardware"]}


def test_presets_give_the_figures_the_prose_states(reg):
    h100, dgx_gpus = value(reg, "h100-memory-gb"), value(reg, "dgx-h100-gpus")
    dgx_gb = value(reg, "dgx-h100-memory-gb")
    scout_bf16 = preset_result(reg, "scout-bf16")
    assert scout_bf16["gb"] == value(reg, "scout-bf16-weights-gb") and scout_bf16["gb"] > h100
    scout_int4 = preset_result(reg, "scout-int4")
    assert scout_int4["gb"] == value(reg, "scout-int4-weights-gb") and scout_int4["gpus"] == 1
    maverick = preset_result(reg, "maverick-fp8")
    assert maverick["gb"] == value(reg, "maverick-fp8-weights-gb")
    assert maverick["gb"] <= dgx_gb and maverick["gpus"] <= dgx_gpus
    deepseek = preset_result(reg, "deepseek-fp8")
    assert deepseek["gb"] == value(reg, "deepseek-v3-fp8-weights-gb") and deepseek["gb"] > dgx_gb
    assert deepseek["gpus"] > dgx_gpus and deepseek["gpus"] <= value(reg, "deepseek-v3-demo-gpus")
    # the what-if: more experts per token, more work per token, the same memory
    what_if = preset_result(reg, "maverick-k2")
    assert what_if["gb"] == maverick["gb"] and what_if["total"] == maverick["total"]
    assert what_if["active"] > maverick["active"] == value(reg, "llama4-maverick-active-params")
    assert maverick["hw"] == {"gpu_gb": h100, "dgx_gpus": dgx_gpus}


def test_each_model_opens_at_a_precision_its_publisher_states(reg):
    models, missing = calculator.model_data(reg)
    assert not missing
    ids = {pid for pid, _, _ in calculator.PRECISIONS}
    for (prefix, _, published, backing), m in zip(calculator.MODELS, models):
        assert m["published"] == published and set(published) <= ids
        assert len(backing) == len(published), f"{prefix}: each published precision needs its fact"
        for pid, fact_id in zip(published, backing):
            assert fact_id in reg.facts and pid in fact_id.replace("-v3", ""), (prefix, pid, fact_id)
    scout = next(m for m in models if m["id"] == "llama4-scout")
    assert scout["published"][0] == "bf16"      # Meta: "released as BF16 weights"
    deepseek = next(m for m in models if m["id"] == "deepseek-v3")
    assert deepseek["published"] == ["fp8"]     # DeepSeek: "we only provide FP8 weights"


@pytest.mark.parametrize("fact_id", ["llama4-scout-shared-experts", "bytes-per-param-int4",
                                     "h100-memory-gb", "maverick-fp8-weights-gb", "mixtral-experts"])
def test_a_missing_fact_is_reported(reg, fact_id):
    broken = copy.copy(reg)
    broken.facts = {k: v for k, v in reg.facts.items() if k != fact_id}
    _, missing = calculator.model_data(broken)
    assert fact_id in missing


def test_page_data_cannot_close_its_script_element():
    assert "</script" not in calculator._json({"name": "</script><script>alert(1)</script>"})


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_without_javascript_the_page_shows_every_tokens_choices(reg, lang):
    out = calculator.steps_html(reg, lang)
    data = calculator.steps_data(reg, lang)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", out)
    assert [r[0] for r in rows] == [t.strip() for t in data["tokens"]]
    for i, (_, cells) in enumerate(rows):
        numbers = [list(map(int, re.findall(r"\d+", c))) for c in re.findall(r"<td>(.*?)</td>", cells)]
        assert numbers == [m["picks"][i] for m in data["models"]]
    figures = json.loads(re.search(r'class="moe-steps-data">(.*?)</script>', out).group(1))
    assert [m["experts"] for m in figures["models"]] == [m["experts"] for m in data["models"]]
    assert 'id="moe-calc"' in out, "the lazy loader (overrides/main.html) watches this id"
    caption = html.escape(calculator.FALLBACK[lang]["caption"])
    assert caption in out   # says on the page that the choices are illustrative


def test_both_twins_place_both_widgets_in_the_same_order():
    for name in ("moe.md", "moe.hi.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        steps, calc = text.find(calculator.STEPS_MARKER), text.find(calculator.MARKER)
        assert 0 < steps < calc, name
        # the calculator comes after the worked Mixtral example
        assert text.find("{#mixtral}") < calc, name


def test_built_pages_carry_the_widgets(built_site, reg):
    for prefix, lang in (("", "en"), ("hi/", "hi")):
        html = (built_site / prefix / "moe" / "index.html").read_text(encoding="utf-8")
        assert 'id="moe-calc"' in html and 'id="moe-size"' in html
        assert html_lib.escape(calculator.FALLBACK[lang]["caption"]) in html
        assert html.count("moe-calculator.js") == 1, "the page's script, once"
        data = json.loads(re.search(r'class="moe-calc-data">(.*?)</script>', html, re.S).group(1))
        assert data["hardware"]["gpu_gb"] == value(reg, "h100-memory-gb")
    other = (built_site / "race" / "index.html").read_text(encoding="utf-8")
    assert "moe-calculator" not in other, "the MoE script and style load on the MoE page only"


@pytest.mark.parametrize("lang, second, third, fourth", [("en", "cat", "sat", "on"), ("hi", "धूप", "में", "चटाई")])
def test_the_prose_describes_the_illustrated_choices(reg, lang, second, third, fourth):
    """moe.md#exact walks through Mixtral's choices: two experts for the second token, two others
    for the third, and for the fourth a pair that shares one expert with its neighbour."""
    data = calculator.steps_data(reg, lang)
    tokens = [t.strip() for t in data["tokens"]]
    mixtral = next(m for m in data["models"] if m["id"] == "mixtral")
    a, b, c = (set(mixtral["picks"][tokens.index(t)]) for t in (second, third, fourth))
    assert not a & b, (a, b)
    assert len(b & c) == 1, (b, c)
    page = (ROOT / "docs" / ("moe.hi.md" if lang == "hi" else "moe.md")).read_text(encoding="utf-8")
    assert " ".join(tokens[:-1]) in page.replace("\"", "")
