""""Can I run it?" on the MoE page (hooks/site_llama4/can_i_run.py): every machine's memory, every
precision's bytes and every model's size come from the registry; the verdict keeps a stated fifth
of the memory free; the static table (no JavaScript) says the same as the rule; a missing fact is
a finding; and the page stays within 11 minutes' reading, counted by the site's own reading time."""
from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from hooks.render import reading_time
from hooks.facts import registry as registry_mod
from hooks.site_llama4 import calculator, can_i_run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reg():
    registry, _ = registry_mod.load(ROOT / "facts" / "registry.yaml")
    return registry


def value(reg, fact_id):
    return reg.facts[fact_id].value.lo


def test_every_figure_is_the_registrys(reg):
    data, missing = can_i_run.fit_data(reg)
    assert missing == []
    assert [m["id"] for m in data["machines"]] == [m[0] for m in can_i_run.MACHINES]
    for machine, (_, fact_id, _, gpus) in zip(data["machines"], can_i_run.MACHINES):
        assert machine["gb"] == value(reg, fact_id)
        assert machine["gpus"] == (value(reg, gpus) if gpus else None)
    for precision, (_, _, fact_id) in zip(data["precisions"], can_i_run.PRECISIONS):
        assert precision["bytes"] == value(reg, fact_id)
    for model in data["models"]:
        assert model["total"] == value(reg, f"{model['id']}-total-params")
    # the script's copy is the same figures
    js = can_i_run.json_data(reg)
    assert [m["gb"] for m in js["machines"]] == [float(m["gb"]) for m in data["machines"]]
    assert js["margin"] == float(can_i_run.MARGIN) == 0.2


@pytest.mark.parametrize("weights, memory, expected", [
    (Decimal(64), Decimal(80), "fits"),          # exactly four-fifths: fits
    (Decimal("64.01"), Decimal(80), "tight"),    # just over four-fifths: only the weights fit
    (Decimal(80), Decimal(80), "tight"),         # exactly full: the weights alone fit
    (Decimal("80.01"), Decimal(80), "no"),
    (Decimal("54.5"), Decimal(64), "tight"),     # Scout int4 on a 64 GB Mac
])
def test_verdict_keeps_a_fifth_free(weights, memory, expected):
    assert can_i_run.verdict(weights, memory) == expected


def test_the_table_agrees_with_metas_claims(reg):
    """Meta: Scout fits on one H100 in int4; Maverick in FP8 on one H100 host (8 GPUs)."""
    data, _ = can_i_run.fit_data(reg)
    machines = {m["id"]: m for m in data["machines"]}
    precisions = {p["id"]: p for p in data["precisions"]}
    models = {m["id"]: m for m in data["models"]}

    def v(model, precision, machine):
        return can_i_run.verdict(can_i_run.weights_gb(models[model], precisions[precision]), machines[machine]["gb"])

    assert v("llama4-scout", "int4", "h100") == "fits"
    assert v("llama4-scout", "bf16", "h100") == "no"
    assert v("llama4-maverick", "fp8", "dgx") == "fits"
    assert v("llama4-maverick", "bf16", "dgx") == "no"      # 800 GB of weights, 640 GB of memory
    assert v("llama4-maverick", "int4", "laptop") == "no"
    # the weights are total parameters x bytes, in decimal gigabytes: the registry's own sums
    assert can_i_run.weights_gb(models["llama4-scout"], precisions["int4"]) == value(reg, "scout-int4-weights-gb")
    assert can_i_run.weights_gb(models["llama4-maverick"], precisions["fp8"]) == value(reg, "maverick-fp8-weights-gb")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_static_table_says_what_the_rule_says(reg, lang):
    out = can_i_run.fit_html(reg, lang)
    data, _ = can_i_run.fit_data(reg)
    words = can_i_run.WORDS[lang]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', out)
    assert len(rows) == len(data["machines"])
    for (name, cells), machine, by_precision in zip(rows, data["machines"], can_i_run.table(data)):
        assert format(machine["gb"].normalize(), "f") + " GB" in name
        tds = re.findall(r'<td data-label="([^"]*)">(.*?)</td>', cells)
        assert [label for label, _ in tds] == [p["label"] for p in data["precisions"]]
        for (_, text), by in zip(tds, by_precision):
            for name_ in by["fits"]:
                assert can_i_run.short(name_) in text
            if by["tight"]:
                assert words["tight"] in text
            if not by["fits"] and not by["tight"]:
                assert text == words["none"]
    # the H100 row: Scout in int4 only
    h100 = rows[[m["id"] for m in data["machines"]].index("h100")][1]
    assert re.findall(r"<td[^>]*>(.*?)</td>", h100) == [words["none"], words["none"], "Scout"]


def test_table_text_is_escaped(reg, monkeypatch):
    monkeypatch.setitem(can_i_run.WORDS["en"], "none", "<b>none</b>")
    out = can_i_run.fit_html(reg, "en")
    assert "<b>" not in out and "&lt;b&gt;none&lt;/b&gt;" in out


@pytest.mark.parametrize("fact_id", ["rtx-4090-laptop-memory-gb", "mac-m4-max-max-memory-gb",
                                     "dgx-h100-gpus", "bytes-per-param-fp8"])
def test_a_missing_fact_is_reported_and_its_row_dropped(reg, fact_id):
    broken = copy.copy(reg)
    broken.facts = {k: v for k, v in reg.facts.items() if k != fact_id}
    data, missing = can_i_run.fit_data(broken)
    assert fact_id in missing
    # the build's check (hooks/site_llama4, fact-calculator) reads the calculator's list
    assert fact_id in calculator.model_data(broken)[1]


def test_calculator_root_carries_the_answer_and_its_data(reg):
    out = calculator.calculator_html(reg, "hi")
    assert 'id="moe-size"' in out and 'class="moe-fit"' in out
    data = json.loads(re.search(r'class="moe-calc-data">(.*?)</script>', out).group(1))
    assert {m["id"] for m in data["fit"]["machines"]} == {m[0] for m in can_i_run.MACHINES}
    assert can_i_run.WORDS["hi"]["machine"] in out


# ---------------------------------------------------------------- reading time, on the built site

def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.parametrize("rel, lang, limit", [("moe/index.html", "en", 2200),
                                              ("hi/moe/index.html", "hi", 2200 * 250 // 200)])
def test_moe_page_reads_in_at_most_11_minutes(built_site, rel, lang, limit):
    """At most 2,200 English words outside the collapsed 'for the curious' boxes, and the same
    time at the Hindi reading speed, counted as hooks/render/reading_time.py counts (the whole article,
    title included: an upper bound on what the build counts)."""
    html = (built_site / rel).read_text(encoding="utf-8")
    words = reading_time.count_words(reading_time._reading_part(_article(html)))
    assert words <= limit, f"{rel}: {words} words"
    label = re.search(r'<p class="reading-time">([^<]*)</p>', html).group(1)
    assert int(re.search(r"\d+", label).group()) <= 11, label
    # the detail is still on the page, in boxes the reader opens
    assert html.count('<details class="info"') >= 10


def test_collapsed_boxes_are_not_counted_open_ones_are():
    body = '<p>one two</p><details class="info"><summary>For the curious</summary><p>three four five</p></details>'
    assert reading_time.count_words(body) == 2
    assert reading_time.count_words(body.replace("<details ", "<details open ")) == 8  # title too
