"""Data for the MoE page's two widgets, taken from the same registry facts as the prose.

`<!-- moe-steps -->` becomes the routing step-through (a sentence's tokens go one by one to the
router), `<!-- moe-calculator -->` the size calculator; docs/assets/js/moe-calculator.js drives
both. Every model figure they show (experts, experts chosen per token, shared experts, total and
active parameters, bytes per parameter, GPU memory) is read here from facts/registry.yaml and
written into the page as JSON; the script types in none of them.

The step-through's root carries id="moe-calc": the page's script loads when that element comes
near the screen, or the calculator does (overrides/main.html, block scripts). The
calculator's root is id="moe-size". Without JavaScript the step-through is a table of the same
(illustrative) routing choices, and the calculator an empty box the page's prose explains.
"""
from __future__ import annotations

import hashlib
import html
import json

from hooks.facts.registry import Registry
from hooks.site_llama4 import can_i_run

MARKER = "<!-- moe-calculator -->"
STEPS_MARKER = "<!-- moe-steps -->"

# (fact id prefix, display name, precisions the weights are published in, the facts whose
# sources say so). The calculator opens a model at the first of them; none known: no claim.
# Each model needs <prefix>-total-params, -active-params, -experts and -active-experts.
MODELS = [
    ("llama4-scout", "Llama 4 Scout", ["bf16"], ["scout-bf16-weights-gb"]),
    ("llama4-maverick", "Llama 4 Maverick", ["bf16", "fp8"], ["maverick-bf16-weights-gb", "maverick-fp8-weights-gb"]),
    ("mixtral", "Mixtral 8x7B", [], []),
    ("deepseek-v3", "DeepSeek-V3", ["fp8"], ["deepseek-v3-fp8-weights-gb"]),
]
FIELDS = {"total_params": "total-params", "active_params": "active-params",
          "experts": "experts", "active_experts": "active-experts"}
# Shared experts: every model needs <prefix>-shared-experts except these, which have none.
SHARED = "shared-experts"
NO_SHARED = {"mixtral"}
# (id, label, fact with its bytes per parameter)
PRECISIONS = [("bf16", "BF16", "bytes-per-param-bf16"), ("fp8", "FP8", "bytes-per-param-fp8"),
              ("int4", "INT4", "bytes-per-param-int4")]
HARDWARE = {"gpu_gb": "h100-memory-gb", "dgx_gpus": "dgx-h100-gpus"}
# The claims the prose makes, one click each: (id, model, precision, experts chosen per token
# or None for the published figure). "maverick-k2" is the page's what-if, not a published model.
PRESETS = [
    ("scout-bf16", "llama4-scout", "bf16", None),
    ("scout-int4", "llama4-scout", "int4", None),
    ("maverick-fp8", "llama4-maverick", "fp8", None),
    ("maverick-k2", "llama4-maverick", "fp8", 2),
    ("deepseek-fp8", "deepseek-v3", "fp8", None),
]
# The step-through: its models, and a short sentence per language, split into tokens as the
# page says (illustrative: real tokenizers cut words differently).
STEP_MODELS = ["mixtral", "llama4-scout", "llama4-maverick"]
SENTENCES = {"en": ["The", " cat", " sat", " on", " the", " warm", " mat", "."],
             "hi": ["बिल्ली", " धूप", " में", " चटाई", " पर", " सो", " गई", "।"]}
FALLBACK = {
    "en": {"token": "Token", "shared": "shared", "caption":
           "Which experts each token might visit in one MoE layer. The choices are made up for "
           "illustration; a trained router's real choices depend on its learned weights.",
           "of": "top-{k} of {n}", "plus": "top-{k} of {n}, plus the shared expert"},
    "hi": {"token": "टोकन", "shared": "शेयर्ड", "caption":
           "एक MoE परत में हर टोकन किन एक्सपर्ट के पास जा सकता है। ये चुनाव सिर्फ़ समझाने के लिए गढ़े गए "
           "हैं; प्रशिक्षित राउटर के असली चुनाव उसके सीखे हुए वेट्स पर निर्भर करते हैं।",
           "of": "{n} में से {k} चुने", "plus": "{n} में से {k} चुने, साथ में शेयर्ड एक्सपर्ट"},
}


def _number(registry: Registry, fact_id: str, missing: list[str]):
    """A fact's number in absolute units (109e9 for "109 billion"), or None (and its id in
    `missing`) when the registry lacks it."""
    fact = registry.facts.get(fact_id)
    if fact is None or getattr(fact.value, "lo", None) is None:
        missing.append(fact_id)
        return None
    n = fact.value.lo
    return int(n) if n == n.to_integral_value() else float(n)


def model_data(registry: Registry) -> tuple[list[dict], list[str]]:
    """The calculator's models, and the fact ids that are missing for either widget."""
    models, missing = [], []
    for prefix, name, published, backing in MODELS:
        entry = {"id": prefix, "name": name}
        for key, suffix in FIELDS.items():
            value = _number(registry, f"{prefix}-{suffix}", missing)
            if value is not None:
                entry[key] = value
        entry["shared_experts"] = 0 if prefix in NO_SHARED else _number(registry, f"{prefix}-{SHARED}", missing)
        for fact_id in backing:
            _number(registry, fact_id, missing)
        entry["published"] = published
        models.append(entry)
    for _, _, fact_id in PRECISIONS + list((None, None, f) for f in HARDWARE.values()):
        _number(registry, fact_id, missing)
    missing += [f for f in can_i_run.fit_data(registry)[1] if f not in missing]
    return models, missing


def widget_data(registry: Registry) -> dict:
    """Everything both widgets need: models, precisions, hardware, presets, routing picks."""
    models, missing = model_data(registry)
    ignored: list[str] = []
    precisions = [{"id": pid, "label": label, "bytes": _number(registry, fact_id, ignored)}
                  for pid, label, fact_id in PRECISIONS]
    hardware = {key: _number(registry, fact_id, ignored) for key, fact_id in HARDWARE.items()}
    presets = [{"id": pid, "model": model, "precision": precision, "k": k}
               for pid, model, precision, k in PRESETS]
    return {"models": models, "precisions": precisions, "hardware": hardware,
            "presets": presets, "missing": missing}


def picks(experts: int, k: int, token: int, salt: str) -> list[int]:
    """Illustrative routing choices: k distinct experts (numbered from 1) for one token, the
    same on every build (drawn from a hash of model and position, not from any real router)."""
    chosen: list[int] = []
    draw = 0
    while len(chosen) < k:
        digest = hashlib.sha256(f"{salt}:{token}:{draw}".encode()).digest()
        expert = int.from_bytes(digest[:4], "big") % experts + 1
        draw += 1
        if expert not in chosen:
            chosen.append(expert)
    return sorted(chosen)


def steps_data(registry: Registry, lang: str) -> dict:
    models, _ = model_data(registry)
    tokens = SENTENCES.get(lang, SENTENCES["en"])
    out = []
    for prefix in STEP_MODELS:
        m = next(x for x in models if x["id"] == prefix)
        if not all(key in m for key in FIELDS):
            continue
        out.append({"id": prefix, "name": m["name"], "experts": m["experts"], "k": m["active_experts"],
                    "shared": m["shared_experts"], "total": m["total_params"], "active": m["active_params"],
                    "picks": [picks(m["experts"], m["active_experts"], i, prefix) for i in range(len(tokens))]})
    return {"tokens": tokens, "models": out}


def _json(data: dict) -> str:
    # "</" cannot close the script element: registry text stays data.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def steps_html(registry: Registry, lang: str) -> str:
    """The step-through's root: its data, and a table of the same choices for readers without
    JavaScript (the script hides it)."""
    data = steps_data(registry, lang)
    words = FALLBACK.get(lang, FALLBACK["en"])
    # the table carries the tokens and choices (the script reads them back), the JSON the figures
    figures = {"models": [{k: v for k, v in m.items() if k != "picks"} for m in data["models"]]}
    e = html.escape
    head = "".join(f'<th scope="col">{e(m["name"])}<br><small>'
                   f'{e(words["plus" if m["shared"] else "of"].format(k=m["k"], n=m["experts"]))}</small></th>'
                   for m in data["models"])
    rows = []
    for i, token in enumerate(data["tokens"]):
        cells = []
        for m in data["models"]:
            chosen = ", ".join(str(x) for x in m["picks"][i])
            cells.append(f"<td>{e(chosen)}</td>")
        rows.append(f'<tr><th scope="row">{e(token.strip())}</th>{"".join(cells)}</tr>')
    table = (f'<table class="moe-steps__table"><caption>{e(words["caption"])}</caption>'
             f'<thead><tr><th scope="col">{e(words["token"])}</th>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return (f'<div class="moe-steps" id="moe-calc">'
            f'<script type="application/json" class="moe-steps-data">{_json(figures)}</script>{table}</div>')


def calculator_html(registry: Registry, lang: str = "en") -> str:
    """The calculator's root: "Can I run it?" first (a static table without JavaScript, the
    site's own part in hooks/site_llama4/can_i_run.py), then the size calculator's data."""
    data = widget_data(registry)
    data.pop("missing")
    data["fit"] = can_i_run.json_data(registry)
    return (f'<div class="moe-calc" id="moe-size">'
            f'<script type="application/json" class="moe-calc-data">{_json(data)}</script>'
            f'<div class="moe-fit">{can_i_run.fit_html(registry, lang)}</div></div>')


def render(markdown: str, registry: Registry, lang: str, inserts=None) -> str:
    """Both markers of a page replaced by their widgets (held back as tokens with `inserts`)."""
    put = inserts.block if inserts is not None else (lambda html: html)
    if STEPS_MARKER in markdown:
        markdown = markdown.replace(STEPS_MARKER, put(steps_html(registry, lang)))
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, put(calculator_html(registry, lang)))
    return markdown
