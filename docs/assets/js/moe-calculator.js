/*
 * MoE size calculator for the "Mixture of Experts" page (English and Hindi).
 *
 * The build replaces the marker on the page with
 *   <div class="moe-calc" id="moe-calc">
 *     <script type="application/json" class="moe-calc-data">{"models":[...]}</script>
 *   </div>
 * and this script turns it into a form. On every other page it does nothing.
 *
 * Pure logic lives in window.MoECalc so that tests can call it:
 *   MoECalc.fromModel(model)      -> {experts, activeExperts, expertParams, sharedParams} or {error}
 *   MoECalc.validate(input)       -> {ok: true} or {error: "code", field: "name"}
 *   MoECalc.compute(input)        -> {total, active, activeShare, memoryBytes} or {error, field}
 *   MoECalc.format(value, lang)   -> "109 billion" / "109 अरब"
 * Parameter counts are plain numbers of parameters (109e9), not billions.
 * No dependencies, no network requests.
 */
(function () {
  "use strict";

  var MAX_PARAMS = 1e14;          // 100 trillion: anything above is treated as a typo
  var MAX_EXPERTS = 100000;
  var GPU_MEMORY_GB = 80;         // one Nvidia H100 (80 GB), for the "how many GPUs" line
  var PRECISIONS = [
    { id: "fp32", label: "FP32", bytes: 4 },
    { id: "bf16", label: "BF16", bytes: 2 },
    { id: "fp8", label: "FP8", bytes: 1 },
    { id: "int4", label: "INT4", bytes: 0.5 }
  ];
  var DEFAULT_PRECISION = "bf16";

  var STRINGS = {
    en: {
      heading: "MoE size calculator",
      intro: "Parameter counts are in billions. Results update as you type.",
      model: "Model",
      custom: "Custom",
      experts: "Routed experts per MoE layer",
      activeExperts: "Routed experts chosen per token",
      expertParams: "Parameters in one routed expert, all layers together (billions)",
      sharedParams: "Always-active parameters: attention, embeddings, shared experts (billions)",
      precision: "Precision of the weights",
      bytesOne: "byte per parameter",
      bytesMany: "bytes per parameter",
      results: "Results",
      total: "Total parameters",
      active: "Active parameters per token",
      share: "Active share",
      memory: "Memory for the weights",
      gpus: "80 GB GPUs needed for the weights alone",
      gpusNote: "The GPU count is a minimum: a running model also needs memory for the text it reads.",
      fromFacts: "Figures for {name} come from its published total and active parameters.",
      errors: {
        empty: "Please fill in this field.",
        "not-a-number": "Please type a number, using digits and a decimal point.",
        negative: "The value cannot be negative.",
        "not-integer": "The number of experts must be a whole number.",
        "experts-min": "A model needs at least one expert.",
        "active-min": "At least one expert must be chosen per token.",
        "active-gt-experts": "The experts chosen per token cannot outnumber the experts in the layer.",
        "too-large": "That is more than 100 trillion parameters; please check the value.",
        "zero-total": "With these values the model has no parameters at all.",
        "bad-precision": "Please choose a precision.",
        "bad-model": "The published figures for this model are inconsistent.",
        "no-data": "The model list could not be loaded; you can still enter your own figures."
      },
      fieldNames: {
        experts: "Routed experts",
        activeExperts: "Experts chosen per token",
        expertParams: "Parameters per expert",
        sharedParams: "Always-active parameters"
      }
    },
    hi: {
      heading: "MoE साइज़ कैलकुलेटर",
      intro: "पैरामीटर की संख्या अरब में डालें। लिखते ही नतीजे बदल जाते हैं।",
      model: "मॉडल",
      custom: "अपनी संख्याएँ",
      experts: "हर MoE परत में रूटेड एक्सपर्ट",
      activeExperts: "हर टोकन के लिए चुने जाने वाले रूटेड एक्सपर्ट",
      expertParams: "एक रूटेड एक्सपर्ट के पैरामीटर, सारी परतें मिलाकर (अरब में)",
      sharedParams: "हमेशा सक्रिय पैरामीटर: अटेंशन, एम्बेडिंग, शेयर्ड एक्सपर्ट (अरब में)",
      precision: "वेट्स की प्रिसिज़न",
      bytesOne: "बाइट प्रति पैरामीटर",
      bytesMany: "बाइट प्रति पैरामीटर",
      results: "नतीजे",
      total: "कुल पैरामीटर",
      active: "हर टोकन पर सक्रिय पैरामीटर",
      share: "सक्रिय हिस्सा",
      memory: "वेट्स रखने के लिए मेमोरी",
      gpus: "सिर्फ़ वेट्स रखने के लिए 80 GB वाले जीपीयू",
      gpusNote: "जीपीयू की यह संख्या न्यूनतम है: चलते हुए मॉडल को पढ़े जा रहे टेक्स्ट के लिए भी मेमोरी चाहिए।",
      fromFacts: "{name} के आँकड़े उसके प्रकाशित कुल और सक्रिय पैरामीटरों से निकाले गए हैं।",
      errors: {
        empty: "कृपया यह ख़ाना भरें।",
        "not-a-number": "कृपया अंकों और दशमलव बिंदु से कोई संख्या लिखें।",
        negative: "यह संख्या ऋणात्मक नहीं हो सकती।",
        "not-integer": "एक्सपर्ट की संख्या पूर्ण संख्या होनी चाहिए।",
        "experts-min": "मॉडल में कम से कम एक एक्सपर्ट होना चाहिए।",
        "active-min": "हर टोकन के लिए कम से कम एक एक्सपर्ट चुना जाना चाहिए।",
        "active-gt-experts": "हर टोकन के लिए चुने गए एक्सपर्ट परत के कुल एक्सपर्ट से ज़्यादा नहीं हो सकते।",
        "too-large": "यह 100 ट्रिलियन पैरामीटर से ज़्यादा है; कृपया संख्या जाँच लें।",
        "zero-total": "इन संख्याओं के साथ मॉडल में कोई पैरामीटर ही नहीं बचता।",
        "bad-precision": "कृपया कोई प्रिसिज़न चुनें।",
        "bad-model": "इस मॉडल के प्रकाशित आँकड़े आपस में मेल नहीं खाते।",
        "no-data": "मॉडलों की सूची लोड नहीं हो सकी; आप अपनी संख्याएँ फिर भी डाल सकते हैं।"
      },
      fieldNames: {
        experts: "रूटेड एक्सपर्ट",
        activeExperts: "हर टोकन के लिए चुने गए एक्सपर्ट",
        expertParams: "हर एक्सपर्ट के पैरामीटर",
        sharedParams: "हमेशा सक्रिय पैरामीटर"
      }
    }
  };

  var SCALES = {
    en: [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]],
    hi: [[1e12, "ट्रिलियन"], [1e9, "अरब"], [1e7, "करोड़"], [1e5, "लाख"]]
  };

  function pickLang(lang) {
    return String(lang || "").toLowerCase().indexOf("hi") === 0 ? "hi" : "en";
  }

  function isFiniteNumber(x) {
    return typeof x === "number" && isFinite(x);
  }

  /* ------------------------------------------------------------ number formatting */

  // Digits with grouping: 1,234,567 in English, 12,34,567 (Indian grouping) in Hindi.
  function groupDigits(text, lang) {
    var neg = text.charAt(0) === "-";
    if (neg) text = text.slice(1);
    var parts = text.split(".");
    var whole = parts[0];
    if (whole.length > 3) {
      var head = whole.slice(0, -3), tail = whole.slice(-3);
      var step = lang === "hi" ? 2 : 3, groups = [];
      while (head.length > step) {
        groups.unshift(head.slice(-step));
        head = head.slice(0, -step);
      }
      groups.unshift(head);
      whole = groups.join(",") + "," + tail;
    }
    return (neg ? "-" : "") + whole + (parts.length > 1 ? "." + parts[1] : "");
  }

  // Three significant figures, never fewer than the whole digits: 109, 12.9, 6.13, 0.5.
  function roundSensibly(x) {
    var a = Math.abs(x), decimals;
    if (a >= 100) decimals = 0;
    else if (a >= 10) decimals = 1;
    else if (a >= 1) decimals = 2;
    else if (a === 0) decimals = 0;
    else decimals = Math.min(6, 2 - Math.floor(Math.log(a) / Math.LN10));
    var text = x.toFixed(decimals);
    if (text.indexOf(".") >= 0) text = text.replace(/0+$/, "").replace(/\.$/, "");
    if (text === "-0") text = "0";
    return text;
  }

  // A parameter count in words: "109 billion", "12.9 अरब", "2 trillion", "40 करोड़".
  function format(value, lang) {
    lang = pickLang(lang);
    if (!isFiniteNumber(value)) return "–";
    var scales = SCALES[lang];
    for (var i = 0; i < scales.length; i++) {
      var factor = scales[i][0];
      // Use the bigger word as soon as the rounded figure would reach it (999.9 million -> 1 billion).
      if (Math.abs(value) >= factor * 0.9995) {
        var shown = roundSensibly(value / factor);
        return groupDigits(shown, lang) + " " + scales[i][1];
      }
    }
    return groupDigits(roundSensibly(value), lang);
  }

  function formatPercent(value, lang) {
    lang = pickLang(lang);
    if (!isFiniteNumber(value)) return "–";
    var text = roundSensibly(value);
    return lang === "hi" ? text + " प्रतिशत" : text + "%";
  }

  function formatGB(bytes, lang) {
    lang = pickLang(lang);
    if (!isFiniteNumber(bytes)) return "–";
    return groupDigits(roundSensibly(bytes / 1e9), lang) + " GB";
  }

  // For input boxes: a plain decimal, up to 4 decimals, no grouping.
  function plainNumber(x) {
    if (!isFiniteNumber(x)) return "";
    var text = x.toFixed(4);
    return text.replace(/0+$/, "").replace(/\.$/, "");
  }

  /* ------------------------------------------------------------ parsing user input */

  var DEVANAGARI_DIGITS = "०१२३४५६७८९";

  // Reads what a reader typed. Returns {value} or {error}. Accepts Devanagari digits too.
  function parseNumber(raw) {
    var text = String(raw == null ? "" : raw).trim();
    text = text.replace(/[०-९]/g, function (d) { return String(DEVANAGARI_DIGITS.indexOf(d)); });
    text = text.replace(/[\u2212\u2013]/g, "-");   // minus sign, en dash
    if (text === "") return { error: "empty" };
    if (/^-/.test(text) && /^-\s*(\d+\.?\d*|\.\d+)$/.test(text)) return { error: "negative" };
    if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(text)) return { error: "not-a-number" };
    var value = Number(text.replace(/^\+/, ""));
    if (!isFiniteNumber(value)) return { error: "too-large" };
    return { value: value };
  }

  /* ------------------------------------------------------------ the model */

  var FIELDS = ["experts", "activeExperts", "expertParams", "sharedParams"];

  // Checks a complete input. Returns {ok: true} or {error: code, field: name}.
  function validate(input) {
    input = input || {};
    for (var i = 0; i < FIELDS.length; i++) {
      var f = FIELDS[i], v = input[f];
      if (v === undefined || v === null || v === "") return { error: "empty", field: f };
      if (typeof v !== "number" || isNaN(v)) return { error: "not-a-number", field: f };
      if (!isFinite(v)) return { error: "too-large", field: f };
      if (v < 0) return { error: "negative", field: f };
    }
    if (Math.floor(input.experts) !== input.experts) return { error: "not-integer", field: "experts" };
    if (Math.floor(input.activeExperts) !== input.activeExperts) return { error: "not-integer", field: "activeExperts" };
    if (input.experts < 1) return { error: "experts-min", field: "experts" };
    if (input.experts > MAX_EXPERTS) return { error: "too-large", field: "experts" };
    if (input.activeExperts < 1) return { error: "active-min", field: "activeExperts" };
    if (input.activeExperts > input.experts) return { error: "active-gt-experts", field: "activeExperts" };
    if (input.expertParams > MAX_PARAMS) return { error: "too-large", field: "expertParams" };
    if (input.sharedParams > MAX_PARAMS) return { error: "too-large", field: "sharedParams" };
    if (input.sharedParams + input.experts * input.expertParams > MAX_PARAMS) {
      return { error: "too-large", field: input.expertParams > 0 ? "expertParams" : "sharedParams" };
    }
    if (input.sharedParams + input.experts * input.expertParams <= 0) {
      return { error: "zero-total", field: "expertParams" };
    }
    if ("bytesPerParam" in input) {
      var b = input.bytesPerParam;
      if (typeof b !== "number" || !isFinite(b) || b <= 0 || b > 64) {
        return { error: "bad-precision", field: "bytesPerParam" };
      }
    }
    return { ok: true };
  }

  // Total, active, share and memory. Counts are rounded to whole parameters.
  function compute(input) {
    var check = validate(input);
    if (!check.ok) return check;
    if (!("bytesPerParam" in input)) return { error: "bad-precision", field: "bytesPerParam" };
    var total = Math.round(input.sharedParams + input.experts * input.expertParams);
    var active = Math.round(input.sharedParams + input.activeExperts * input.expertParams);
    return {
      total: total,
      active: active,
      activeShare: (active / total) * 100,
      memoryBytes: total * input.bytesPerParam
    };
  }

  // Splits a model with published totals into the calculator's inputs:
  //   expertParams = (total - active) / (experts - activeExperts)
  //   sharedParams = active - activeExperts * expertParams
  // so that compute() gives back the published total and active exactly.
  function fromModel(model) {
    if (!model || typeof model !== "object") return { error: "bad-model" };
    var experts = Number(model.experts), k = Number(model.active_experts);
    var total = Number(model.total_params), active = Number(model.active_params);
    if (![experts, k, total, active].every(isFiniteNumber)) return { error: "bad-model" };
    if (experts < 1 || k < 1 || k > experts || Math.floor(experts) !== experts || Math.floor(k) !== k) {
      return { error: "bad-model" };
    }
    if (total <= 0 || active <= 0 || active > total || total > MAX_PARAMS) return { error: "bad-model" };
    var expertParams, sharedParams;
    if (experts === k) {
      if (active !== total) return { error: "bad-model" };
      expertParams = 0;            // every expert always runs: the split cannot be recovered
      sharedParams = total;
    } else {
      expertParams = (total - active) / (experts - k);
      sharedParams = active - k * expertParams;
      if (sharedParams < -1e-6 * total) return { error: "bad-model" };
      if (sharedParams < 0) sharedParams = 0;
    }
    return { experts: experts, activeExperts: k, expertParams: expertParams, sharedParams: sharedParams };
  }

  var api = {
    fromModel: fromModel,
    compute: compute,
    validate: validate,
    format: format,
    formatPercent: formatPercent,
    formatGB: formatGB,
    parseNumber: parseNumber,
    precisions: PRECISIONS.map(function (p) { return { id: p.id, label: p.label, bytes: p.bytes }; }),
    strings: STRINGS,
    MAX_PARAMS: MAX_PARAMS
  };
  window.MoECalc = api;

  /* ------------------------------------------------------------ the form */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function readModels(root) {
    var script = root.querySelector("script.moe-calc-data");
    if (!script) return null;
    try {
      var data = JSON.parse(script.textContent || "");
      if (!data || !Array.isArray(data.models)) return null;
      return data.models.filter(function (m) {
        return m && typeof m.id === "string" && typeof m.name === "string" && !fromModel(m).error;
      });
    } catch (err) {
      return null;
    }
  }

  function build(root) {
    if (root.getAttribute("data-moe-ready") === "1") return;
    root.setAttribute("data-moe-ready", "1");
    var lang = pickLang(document.documentElement.getAttribute("lang"));
    var S = STRINGS[lang];
    var models = readModels(root);
    var uid = "moe-calc";

    var state = { exact: null, lastEdited: null };   // exact split of the chosen model, until the reader edits a field

    var form = el("form", { "class": "moe-calc__form", novalidate: "novalidate", "aria-labelledby": uid + "-heading", "aria-describedby": uid + "-intro" });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });

    var intro = el("p", { "class": "moe-calc__intro", id: uid + "-intro", text: S.intro });

    // model picker
    var select = el("select", { id: uid + "-model", name: "model" });
    (models || []).forEach(function (m) {
      select.appendChild(el("option", { value: m.id, text: m.name }));
    });
    select.appendChild(el("option", { value: "custom", text: S.custom }));
    var modelRow = el("div", { "class": "moe-calc__row" }, [
      el("label", { "for": uid + "-model", text: S.model }), select
    ]);

    // numeric fields
    var inputs = {}, errorsFor = {};
    var kinds = { experts: "numeric", activeExperts: "numeric", expertParams: "decimal", sharedParams: "decimal" };
    var fieldRows = FIELDS.map(function (f) {
      var id = uid + "-" + f;
      var input = el("input", {
        id: id, name: f, type: "text", inputmode: kinds[f], autocomplete: "off",
        spellcheck: "false", "aria-describedby": id + "-error"
      });
      var err = el("span", { "class": "moe-calc__error", id: id + "-error" });
      input.addEventListener("input", function () {
        state.exact = null;
        state.lastEdited = f;
        select.value = "custom";
        update();
      });
      inputs[f] = input;
      errorsFor[f] = err;
      return el("div", { "class": "moe-calc__row" }, [el("label", { "for": id, text: S[f] }), input, err]);
    });

    // precision
    var precisionSelect = el("select", { id: uid + "-precision", name: "precision" });
    PRECISIONS.forEach(function (p) {
      var words = p.bytes === 1 ? S.bytesOne : S.bytesMany;
      precisionSelect.appendChild(el("option", { value: p.id, text: p.label + " (" + p.bytes + " " + words + ")" }));
    });
    precisionSelect.value = DEFAULT_PRECISION;
    var precisionRow = el("div", { "class": "moe-calc__row" }, [
      el("label", { "for": uid + "-precision", text: S.precision }), precisionSelect
    ]);

    // results: a live region read out when it changes
    var out = el("div", { "class": "moe-calc__results", id: uid + "-results", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var resultsBox = el("section", { "class": "moe-calc__output", "aria-labelledby": uid + "-results-heading" }, [
      el("p", { "class": "moe-calc__subheading", id: uid + "-results-heading", text: S.results }), out
    ]);

    var dataNote = models ? null : el("p", { "class": "moe-calc__message", role: "alert", text: S.errors["no-data"] });

    form.appendChild(el("fieldset", { "class": "moe-calc__fields" }, [
      el("legend", { "class": "moe-calc__heading", id: uid + "-heading", text: S.heading }),
      intro,
      modelRow
    ].concat(fieldRows).concat([precisionRow])));

    var wrapper = el("div", { "class": "moe-calc__inner" }, [dataNote, form, resultsBox]);
    root.appendChild(wrapper);

    function currentModel() {
      for (var i = 0; models && i < models.length; i++) if (models[i].id === select.value) return models[i];
      return null;
    }

    function fillFromModel(model) {
      var split = fromModel(model);
      if (split.error) { state.exact = null; return; }
      state.exact = split;
      inputs.experts.value = String(split.experts);
      inputs.activeExperts.value = String(split.activeExperts);
      inputs.expertParams.value = plainNumber(split.expertParams / 1e9);
      inputs.sharedParams.value = plainNumber(split.sharedParams / 1e9);
    }

    function bytes() {
      for (var i = 0; i < PRECISIONS.length; i++) if (PRECISIONS[i].id === precisionSelect.value) return PRECISIONS[i].bytes;
      return NaN;
    }

    function clearErrors() {
      FIELDS.forEach(function (f) {
        errorsFor[f].textContent = "";
        inputs[f].removeAttribute("aria-invalid");
      });
    }

    function showError(code, field) {
      var message = S.errors[code] || S.errors["not-a-number"];
      if (field && inputs[field]) {
        errorsFor[field].textContent = message;
        inputs[field].setAttribute("aria-invalid", "true");
        out.textContent = "";
        out.appendChild(el("p", { "class": "moe-calc__message", text: S.fieldNames[field] + ": " + message }));
      } else {
        out.textContent = "";
        out.appendChild(el("p", { "class": "moe-calc__message", text: message }));
      }
    }

    function readInputs() {
      var values = {};
      for (var i = 0; i < FIELDS.length; i++) {
        var f = FIELDS[i];
        var parsed = parseNumber(inputs[f].value);
        if (parsed.error) return { error: parsed.error, field: f };
        values[f] = (f === "expertParams" || f === "sharedParams") ? parsed.value * 1e9 : parsed.value;
      }
      return values;
    }

    function update() {
      clearErrors();
      var values = state.exact ? {
        experts: state.exact.experts, activeExperts: state.exact.activeExperts,
        expertParams: state.exact.expertParams, sharedParams: state.exact.sharedParams
      } : readInputs();
      if (values.error) { showError(values.error, values.field); return; }
      values.bytesPerParam = bytes();
      var r = compute(values);
      if (r.error) {
        var field = r.field === "bytesPerParam" ? null : r.field;
        // "more chosen than exist" concerns two boxes: point at the one the reader just changed
        if (r.error === "active-gt-experts" && state.lastEdited === "experts") field = "experts";
        showError(r.error, field);
        return;
      }
      var gpus = Math.max(1, Math.ceil(r.memoryBytes / (GPU_MEMORY_GB * 1e9) - 1e-9));
      var rows = [
        [S.total, format(r.total, lang)],
        [S.active, format(r.active, lang)],
        [S.share, formatPercent(r.activeShare, lang)],
        [S.memory, formatGB(r.memoryBytes, lang)],
        [S.gpus, groupDigits(String(gpus), lang)]
      ];
      var dl = el("dl", { "class": "moe-calc__list" });
      rows.forEach(function (row) {
        dl.appendChild(el("dt", { text: row[0] }));
        dl.appendChild(el("dd", { text: row[1] }));
      });
      out.textContent = "";
      out.appendChild(dl);
      out.appendChild(el("p", { "class": "moe-calc__note", text: S.gpusNote }));
      var model = state.exact ? currentModel() : null;
      if (model) out.appendChild(el("p", { "class": "moe-calc__note", text: S.fromFacts.replace("{name}", model.name) }));
    }

    select.addEventListener("change", function () {
      var model = currentModel();
      if (model) fillFromModel(model);
      else state.exact = null;
      update();
    });
    precisionSelect.addEventListener("change", update);

    if (models && models.length) {
      select.value = models[0].id;
      fillFromModel(models[0]);
    } else {
      select.value = "custom";
    }
    update();
  }

  function init() {
    var root = document.getElementById("moe-calc");
    if (root) build(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
