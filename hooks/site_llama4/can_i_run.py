""""Can I run it?": which Llama 4 model's weights fit on a named machine, at a given precision.

Drawn into the MoE page's calculator root (hooks/site_llama4/calculator.py, `<!-- moe-calculator -->`) as a
static table that readers without JavaScript see, plus the JSON the script
(docs/assets/js/moe-calculator.js) reads to answer one machine and one precision at a time.

Every figure comes from facts/registry.yaml: each machine's memory, the bytes per parameter of
each precision, each model's total parameters. The rule is stated on the page and applied the
same way here and in the script:

- weights = total parameters x bytes per parameter (decimal gigabytes);
- "fits, weights only" when weights <= the machine's memory;
- "fits with room" when weights <= the machine's memory minus a fifth (MARGIN). The fifth is
  our own rule of thumb for the text being read (its KV cache) and the software, not a measured
  figure; the page says so.
"""
from __future__ import annotations

import html
from decimal import Decimal

# (id, fact with the memory in GB, kind, fact with its GPU count or None) -- kind picks the
# wording: one GPU, a server, a Mac (whose memory the system shares)
MACHINES = [
    ("laptop", "rtx-4090-laptop-memory-gb", "laptop", None),
    ("mac64", "mac-m4-pro-max-memory-gb", "mac", None),
    ("mac128", "mac-m4-max-max-memory-gb", "mac", None),
    ("h100", "h100-memory-gb", "gpu", None),
    ("dgx", "dgx-h100-memory-gb", "server", "dgx-h100-gpus"),
]
# (model fact prefix, name); Behemoth was never released, so it is not offered
MODELS = [("llama4-scout", "Llama 4 Scout"), ("llama4-maverick", "Llama 4 Maverick")]
# (id, label, fact with its bytes per parameter)
PRECISIONS = [("bf16", "BF16", "bytes-per-param-bf16"), ("fp8", "FP8", "bytes-per-param-fp8"),
              ("int4", "int4", "bytes-per-param-int4")]
# the share of a machine's memory kept free for the context and the software (our rule of thumb)
MARGIN = Decimal("0.2")

WORDS = {
    "en": {
        "machines": {"laptop": "Laptop, RTX 4090 GPU ({gb} GB)", "mac64": "Mac, M4 Pro ({gb} GB)",
                     "mac128": "Mac, M4 Max ({gb} GB)", "h100": "One H100 ({gb} GB)",
                     "dgx": "H100 server, {g} GPUs ({gb} GB)"},
        "caption": "Which Llama 4 model fits. Weights = total parameters × bytes per parameter; a model "
                   "fits when a fifth of the memory stays free (our rule of thumb, not a measurement); "
                   "“only just”: the weights fit with less to spare.",
        "machine": "Machine", "fits": "", "tight": "only just", "none": "none",
        "and": " and ",
    },
    "hi": {
        "machines": {"laptop": "लैपटॉप, RTX 4090 जीपीयू ({gb} GB)", "mac64": "Mac, M4 Pro ({gb} GB)",
                     "mac128": "Mac, M4 Max ({gb} GB)", "h100": "एक H100 ({gb} GB)",
                     "dgx": "{g} जीपीयू वाला H100 सर्वर ({gb} GB)"},
        "caption": "Llama 4 का कौन-सा मॉडल समाता है। वेट्स = कुल पैरामीटर × हर पैरामीटर के बाइट; मॉडल तब "
                   "समाता है जब मेमोरी का पाँचवाँ हिस्सा ख़ाली बचे (यह हमारा अंदाज़ा है, कोई नाप नहीं); "
                   "“मुश्किल से”: वेट्स समाते हैं, पर कम जगह बचती है।",
        "machine": "मशीन", "fits": "", "tight": "मुश्किल से", "none": "कोई नहीं",
        "and": " और ",
    },
}


def _value(registry, fact_id: str, missing: list[str]) -> Decimal | None:
    fact = registry.facts.get(fact_id)
    value = getattr(getattr(fact, "value", None), "lo", None)
    if value is None:
        missing.append(fact_id)
        return None
    return Decimal(value)


def verdict(weights_gb: Decimal, memory_gb: Decimal) -> str:
    """'fits' (with a fifth of the memory kept free), 'tight' (the weights alone fit) or 'no'."""
    if weights_gb <= memory_gb * (1 - MARGIN):
        return "fits"
    if weights_gb <= memory_gb:
        return "tight"
    return "no"


def fit_data(registry) -> tuple[dict, list[str]]:
    """The machines, precisions and models with their registry figures; and the missing ids."""
    missing: list[str] = []
    machines = [{"id": mid, "kind": kind, "gb": _value(registry, fact_id, missing),
                 "gpus": _value(registry, gpus, missing) if gpus else None}
                for mid, fact_id, kind, gpus in MACHINES]
    precisions = [{"id": pid, "label": label, "bytes": _value(registry, fact_id, missing)}
                  for pid, label, fact_id in PRECISIONS]
    models = [{"id": prefix, "name": name, "total": _value(registry, f"{prefix}-total-params", missing)}
              for prefix, name in MODELS]
    data = {"margin": MARGIN, "machines": [m for m in machines if m["gb"] is not None],
            "precisions": [p for p in precisions if p["bytes"] is not None],
            "models": [m for m in models if m["total"] is not None]}
    return data, missing


def weights_gb(model: dict, precision: dict) -> Decimal:
    return model["total"] * precision["bytes"] / Decimal(10) ** 9


def table(data: dict) -> list[list[tuple[str, list[str]]]]:
    """One row per machine, one cell per precision: (verdict for the best model, models)."""
    rows = []
    for machine in data["machines"]:
        cells = []
        for precision in data["precisions"]:
            by = {"fits": [], "tight": []}
            for model in data["models"]:
                v = verdict(weights_gb(model, precision), machine["gb"])
                if v in by:
                    by[v].append(model["name"])
            cells.append(by)
        rows.append(cells)
    return rows


def short(name: str) -> str:
    """'Llama 4 Scout' -> 'Scout': the table's columns already say Llama 4."""
    return name.removeprefix("Llama 4 ")


def _number(d: Decimal) -> str:
    return format(d.normalize(), "f")


def fit_html(registry, lang: str) -> str:
    """The static answer table (the script hides it and asks one machine at a time)."""
    data, _ = fit_data(registry)
    words = WORDS.get(lang, WORDS["en"])
    e = html.escape
    head = "".join(f'<th scope="col">{e(p["label"])}</th>' for p in data["precisions"])
    body = []
    for machine, cells in zip(data["machines"], table(data)):
        name = words["machines"][machine["id"]].format(gb=_number(machine["gb"]), g=_number(machine["gpus"] or Decimal(0)))
        tds = []
        for precision, by in zip(data["precisions"], cells):
            parts = []
            if by["fits"]:
                parts.append(e(words["and"].join(short(n) for n in by["fits"])))
            if by["tight"]:
                parts.append(f'{e(words["and"].join(short(n) for n in by["tight"]))} ({e(words["tight"])})')
            text = "; ".join(parts) or e(words["none"])
            tds.append(f'<td data-label="{e(precision["label"])}">{text}</td>')
        body.append(f'<tr><th scope="row">{e(name)}</th>{"".join(tds)}</tr>')
    return (f'<table class="moe-fit__table moe-stack"><caption>{e(words["caption"])}</caption>'
            f'<thead><tr><th scope="col">{e(words["machine"])}</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def json_data(registry) -> dict:
    """The same figures for the script, as plain numbers."""
    data, _ = fit_data(registry)
    num = float
    return {"margin": num(data["margin"]),
            "machines": [{"id": m["id"], "kind": m["kind"], "gb": num(m["gb"]), "gpus": num(m["gpus"] or Decimal(0))}
                         for m in data["machines"]],
            "precisions": [{"id": p["id"], "label": p["label"], "bytes": num(p["bytes"])} for p in data["precisions"]],
            "models": [{"id": m["id"], "name": m["name"], "total": num(m["total"])} for m in data["models"]]}
