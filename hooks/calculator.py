"""Model data for the MoE calculator, taken from the same registry facts as the prose."""
from __future__ import annotations

import json

from .registry import Registry

MARKER = "<!-- moe-calculator -->"

# (fact id prefix, display name). Each needs <prefix>-total-params, -active-params,
# -experts and -active-experts in the registry.
MODELS = [
    ("llama4-scout", "Llama 4 Scout"),
    ("llama4-maverick", "Llama 4 Maverick"),
    ("mixtral", "Mixtral 8x7B"),
    ("deepseek-v3", "DeepSeek-V3"),
]
FIELDS = {"total_params": "total-params", "active_params": "active-params",
          "experts": "experts", "active_experts": "active-experts"}


def model_data(registry: Registry) -> tuple[list[dict], list[str]]:
    """The calculator's models, and the fact ids that are missing for it."""
    models, missing = [], []
    for prefix, name in MODELS:
        entry = {"id": prefix, "name": name}
        for key, suffix in FIELDS.items():
            fact = registry.facts.get(f"{prefix}-{suffix}")
            if fact is None or getattr(fact.value, "lo", None) is None:
                missing.append(f"{prefix}-{suffix}")
                continue
            number = fact.value.lo
            entry[key] = int(number) if number == number.to_integral_value() else float(number)
        models.append(entry)
    return models, missing


def calculator_html(registry: Registry) -> str:
    models, _ = model_data(registry)
    data = json.dumps({"models": models}, ensure_ascii=False)
    return (f'<div class="moe-calc" id="moe-calc">'
            f'<script type="application/json" class="moe-calc-data">{data}</script></div>')
