/* The MoE page's two widgets (English and Hindi); hooks/site_llama4/calculator.py writes their data.
 * #moe-calc  routing step-through: a sentence's tokens go one by one to the router.
 * #moe-size  size calculator: memory follows the total parameters, work per token the active.
 * Every model figure comes from the page's JSON (the fact registry); none is typed here.
 * window.MoECalc holds the pure logic for tests: fromModel, validate, compute, format,
 * formatPercent, formatGB, parseNumber, strings. Counts are plain numbers (109e9). */
(function () {
  "use strict";
  var MAX = 1e14, MAXE = 1e5, SRC = document.currentScript && document.currentScript.src || "";
  var T = {
    en: {
      stHeading: "Step through the routing", stModel: "Model", stPrev: "Previous token",
      stNext: "Next token", stReset: "Start again", stRouter: "Router", stShared: "Shared expert, always on",
      stRouted: "Routed experts", stStart: "Press “Next token” to send the first token to the router.",
      stToken: "Token {i} of {n}, “{t}”: ", stPicks: "the router picks routed expert {x} of {e}", stPicksN: "the router picks routed experts {x} of {e}",
      stPlus: ", and the token also goes through the shared expert.", stEnd: ".",
      stDone: "Every token has been routed. Each one used different experts; the next layer chooses again.",
      stFig: "{name}: {e} routed experts, {k} chosen per token, {s} shared. Work per token: {a} active parameters of {t}.",
      stScores: "Router scores for this token", stTop: "the {n} highest of {e}",
      stSoftmax: "weighted {w} by a softmax over the chosen scores (the weights add up to 1)",
      stSigmoid: "weighted {w} by a sigmoid of its own score; the shared expert counts in full",
      stTally: "Experts used so far by this sentence: {u} of {e}.",
      stTallyEnd: "A batch of many sentences soon uses nearly every expert, which is why every expert must stay in memory.",
      stNone: "none", stNote: "Illustrative: these choices are made up to show the mechanism. A trained router’s real choices depend on its learned weights.",
      fitHeading: "Can I run it?", fitMachine: "Your machine", fitPrecision: "Precision of the weights",
      fitM: { laptop: "Laptop, RTX 4090 GPU ({gb} GB)", mac64: "Mac, M4 Pro ({gb} GB)", mac128: "Mac, M4 Max ({gb} GB)",
        h100: "One H100 ({gb} GB)", dgx: "H100 server, {g} GPUs ({gb} GB)" },
      fitHead: "{m}, {p}: ", fitYes: "{x} fits.", fitTight: "{x} fits, but only just: the weights fill more than four-fifths of the memory.",
      fitNone: "no Llama 4 model fits.", fitLineFits: "{name}: {w} of weights; fits, with a fifth of the memory still free.",
      fitLineTight: "{name}: {w} of weights; the weights alone fit, with less than a fifth of the memory left over.",
      fitLineNo: "{name}: {w} of weights; does not fit in {gb} GB.",
      fitRule: "Weights = total parameters × bytes per parameter. Keeping a fifth of the memory free for the text being read and the software is our rule of thumb, not a measurement.",
      fitMac: "A Mac shares this memory between the processor, the GPU and the system, so a model gets less than all of it.",
      fitPub: "Meta publishes {name} in {p}; any other precision means converting the weights yourself.",
      heading: "MoE size calculator", intro: "Pick a claim from the page, or a model, or type your own figures (parameters in billions).",
      presets: "Claims from the page", model: "Model", custom: "Custom",
      experts: "Routed experts per MoE layer", activeExperts: "Routed experts chosen per token",
      expertParams: "Parameters in one routed expert, all layers together (billions)",
      sharedParams: "Always-active parameters: attention, embeddings, shared experts and any dense feed-forward layers (billions)",
      precision: "Precision of the weights", bytes: "bytes per parameter", bytesOne: "byte per parameter",
      results: "Results", mem: "Memory: follows the total parameters", speed: "Work per token: follows the active parameters",
      total: "Total parameters", active: "Active parameters per token", share: "Active share",
      memory: "Memory for the weights", gpus: "{gb} GB GPUs needed for the weights alone",
      fitsOne: "Fits on one {gb} GB GPU", fitsDgx: "Fits on one DGX H100 ({g} GPUs)", yes: "yes", no: "no",
      dgx: "one DGX H100", always: "always on", chosen: "chosen experts", idle: "idle experts",
      gpusNote: "The GPU count is a minimum: a running model also needs memory for the text it reads.",
      fromFacts: "Figures for {name} come from its published total and active parameters.",
      published: "{name} is published in {p}.", whatIf: "A what-if, not a published model: {name} with {k} experts chosen per token. Memory stays the same; the work per token grows.",
      p: { "scout-bf16": "Scout as published (BF16)", "scout-int4": "Scout in int4 on one H100",
        "maverick-fp8": "Maverick in FP8 on one DGX H100", "maverick-k2": "What if Maverick chose {k} experts?",
        "deepseek-fp8": "DeepSeek-V3 in FP8" },
      errors: {
        empty: "Please fill in this field.", "not-a-number": "Please type a number, using digits and a decimal point.",
        negative: "The value cannot be negative.", "not-integer": "The number of experts must be a whole number.",
        "experts-min": "A model needs at least one expert.", "active-min": "At least one expert must be chosen per token.",
        "active-gt-experts": "The experts chosen per token cannot outnumber the experts in the layer.",
        "too-large": "That is more than 100 trillion parameters; please check the value.",
        "zero-total": "With these values the model has no parameters at all.", "bad-precision": "Please choose a precision.",
        "bad-model": "The published figures for this model are inconsistent.",
        "no-data": "The model list could not be loaded; you can still enter your own figures."
      },
      fieldNames: { experts: "Routed experts", activeExperts: "Experts chosen per token",
        expertParams: "Parameters per expert", sharedParams: "Always-active parameters" }
    },
    hi: {
      stHeading: "रूटिंग को क़दम-दर-क़दम देखिए", stModel: "मॉडल", stPrev: "पिछला टोकन",
      stNext: "अगला टोकन", stReset: "फिर से शुरू करें", stRouter: "राउटर", stShared: "शेयर्ड एक्सपर्ट, हमेशा चालू",
      stRouted: "रूटेड (राउटर के चुने) एक्सपर्ट", stStart: "पहला टोकन राउटर तक भेजने के लिए “अगला टोकन” दबाइए।",
      stToken: "{n} में से टोकन {i}, “{t}”: ", stPicks: "राउटर {e} में से रूटेड एक्सपर्ट {x} चुनता है",
      stPlus: ", और टोकन शेयर्ड एक्सपर्ट से भी गुज़रता है।", stEnd: "।",
      stDone: "राउटर ने सारे टोकन भेज दिए। हर टोकन ने अलग एक्सपर्ट इस्तेमाल किए; अगली परत फिर से चुनेगी।",
      stFig: "{name}: {e} रूटेड एक्सपर्ट, हर टोकन पर {k} चुने जाते हैं, शेयर्ड एक्सपर्ट {s}। हर टोकन का काम: कुल {t} में से {a} सक्रिय पैरामीटर।",
      stScores: "इस टोकन के लिए राउटर के स्कोर", stTop: "{e} में से सबसे ऊँचे {n}",
      stSoftmax: "चुने गए स्कोरों पर सॉफ़्टमैक्स से भार {w} (भारों का जोड़ 1)",
      stSigmoid: "अपने ही स्कोर के सिग्मॉइड से भार {w}; शेयर्ड एक्सपर्ट पूरा गिना जाता है",
      stTally: "यह वाक्य अब तक इतने एक्सपर्ट इस्तेमाल कर चुका है: {e} में से {u}।",
      stTallyEnd: "बहुत-से वाक्यों वाला बैच जल्द ही लगभग हर एक्सपर्ट को इस्तेमाल कर लेता है, इसीलिए हर एक्सपर्ट को मेमोरी में रहना पड़ता है।",
      stNone: "कोई नहीं", stNote: "सिर्फ़ समझाने के लिए: ये चुनाव तरीक़ा दिखाने के लिए गढ़े गए हैं। प्रशिक्षित राउटर के असली चुनाव उसके सीखे हुए वेट्स पर निर्भर करते हैं।",
      fitHeading: "क्या मैं इसे चला सकता हूँ?", fitMachine: "आपकी मशीन", fitPrecision: "वेट्स का फ़ॉर्मैट (प्रिसिज़न)",
      fitM: { laptop: "लैपटॉप, RTX 4090 जीपीयू ({gb} GB)", mac64: "Mac, M4 Pro ({gb} GB)", mac128: "Mac, M4 Max ({gb} GB)",
        h100: "एक H100 ({gb} GB)", dgx: "{g} जीपीयू वाला H100 सर्वर ({gb} GB)" },
      fitHead: "{m}, {p}: ", fitYes: "{x} समा जाता है।", fitTight: "{x} समा तो जाता है, पर मुश्किल से: वेट्स मेमोरी का चार-पाँचवें से ज़्यादा हिस्सा घेर लेते हैं।",
      fitNone: "Llama 4 का कोई मॉडल नहीं समाता।", fitLineFits: "{name}: वेट्स {w}; समा जाता है, और मेमोरी का पाँचवाँ हिस्सा फिर भी ख़ाली रहता है।",
      fitLineTight: "{name}: वेट्स {w}; सिर्फ़ वेट्स समाते हैं, मेमोरी का पाँचवें से कम हिस्सा बचता है।",
      fitLineNo: "{name}: वेट्स {w}; {gb} GB में नहीं समाता।",
      fitRule: "वेट्स = कुल पैरामीटर × हर पैरामीटर के बाइट। मेमोरी का पाँचवाँ हिस्सा पढ़े जा रहे टेक्स्ट और सॉफ़्टवेयर के लिए ख़ाली रखना हमारा अपना अंदाज़ा है, कोई नाप नहीं।",
      fitMac: "Mac में यह मेमोरी प्रोसेसर, जीपीयू और सिस्टम के बीच बँटती है, इसलिए मॉडल को इसका पूरा हिस्सा नहीं मिलता।",
      fitPub: "Meta ने {name} को {p} में जारी किया है; किसी और प्रिसिज़न के लिए वेट्स को ख़ुद बदलना पड़ता है।",
      heading: "MoE आकार कैलकुलेटर", intro: "पन्ने का कोई दावा चुनिए, कोई मॉडल चुनिए या अपनी संख्याएँ डालिए (पैरामीटर अरब में)।",
      presets: "पन्ने के दावे", model: "मॉडल", custom: "अपनी संख्याएँ",
      experts: "हर MoE परत में रूटेड एक्सपर्ट", activeExperts: "हर टोकन के लिए चुने जाने वाले रूटेड एक्सपर्ट",
      expertParams: "एक रूटेड एक्सपर्ट के पैरामीटर, सारी परतें मिलाकर (अरब में)",
      sharedParams: "हमेशा सक्रिय पैरामीटर: अटेंशन, एम्बेडिंग, शेयर्ड एक्सपर्ट और डेंस फ़ीड-फ़ॉरवर्ड परतें, अगर हों (अरब में)",
      precision: "वेट्स का फ़ॉर्मैट (प्रिसिज़न)", bytes: "बाइट प्रति पैरामीटर", bytesOne: "बाइट प्रति पैरामीटर",
      results: "नतीजे", mem: "मेमोरी: कुल पैरामीटरों से तय होती है", speed: "हर टोकन का काम: सक्रिय पैरामीटरों से तय होता है",
      total: "कुल पैरामीटर", active: "हर टोकन पर सक्रिय पैरामीटर", share: "सक्रिय हिस्सा",
      memory: "वेट्स रखने के लिए मेमोरी", gpus: "सिर्फ़ वेट्स रखने के लिए {gb} GB वाले कितने जीपीयू चाहिए?",
      fitsOne: "क्या {gb} GB वाले एक जीपीयू पर आ जाता है?", fitsDgx: "क्या एक DGX H100 ({g} जीपीयू) पर आ जाता है?", yes: "हाँ", no: "नहीं",
      dgx: "एक DGX H100", always: "हमेशा चालू", chosen: "चुने गए एक्सपर्ट", idle: "ख़ाली बैठे एक्सपर्ट",
      gpusNote: "जीपीयू की यह संख्या न्यूनतम है: चलते हुए मॉडल को पढ़े जा रहे टेक्स्ट के लिए भी मेमोरी चाहिए।",
      fromFacts: "{name} के आँकड़े उसके प्रकाशित कुल और सक्रिय पैरामीटरों से निकाले गए हैं।",
      published: "{name} के वेट्स {p} में जारी हुए हैं।", whatIf: "यह एक कल्पना है, कोई जारी मॉडल नहीं: {name}, हर टोकन पर {k} एक्सपर्ट के साथ। मेमोरी उतनी ही रहती है, हर टोकन का काम बढ़ जाता है।",
      p: { "scout-bf16": "Scout, जैसा जारी हुआ (BF16)", "scout-int4": "int4 में Scout, एक H100 पर",
        "maverick-fp8": "FP8 में Maverick, एक DGX H100 पर", "maverick-k2": "अगर Maverick {k} एक्सपर्ट चुने तो?",
        "deepseek-fp8": "FP8 में DeepSeek-V3" },
      errors: {
        empty: "यह जगह ख़ाली न छोड़ें।", "not-a-number": "कृपया अंकों और दशमलव बिंदु से कोई संख्या लिखें।",
        negative: "यह संख्या शून्य से कम नहीं हो सकती।", "not-integer": "एक्सपर्ट की संख्या पूर्ण संख्या होनी चाहिए।",
        "experts-min": "मॉडल में कम से कम एक एक्सपर्ट होना चाहिए।", "active-min": "हर टोकन के लिए कम से कम एक एक्सपर्ट चुना जाना चाहिए।",
        "active-gt-experts": "हर टोकन के लिए चुने गए एक्सपर्ट परत के कुल एक्सपर्ट से ज़्यादा नहीं हो सकते।",
        "too-large": "यह 100 ट्रिलियन पैरामीटर से ज़्यादा है; कृपया संख्या जाँच लें।",
        "zero-total": "इन संख्याओं के साथ मॉडल में कोई पैरामीटर ही नहीं बचता।", "bad-precision": "कृपया कोई प्रिसिज़न चुनें।",
        "bad-model": "इस मॉडल के प्रकाशित आँकड़े आपस में मेल नहीं खाते।",
        "no-data": "मॉडलों की सूची लोड नहीं हो सकी; आप अपनी संख्याएँ फिर भी डाल सकते हैं।"
      },
      fieldNames: { experts: "रूटेड एक्सपर्ट", activeExperts: "हर टोकन के लिए चुने गए एक्सपर्ट",
        expertParams: "हर एक्सपर्ट के पैरामीटर", sharedParams: "हमेशा सक्रिय पैरामीटर" }
    }
  };
  var SCALES = { en: [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]],
    hi: [[1e12, "ट्रिलियन"], [1e9, "अरब"], [1e7, "करोड़"], [1e5, "लाख"]] };
  var FIELDS = ["experts", "activeExperts", "expertParams", "sharedParams"];

  function L(x) { return String(x || "").toLowerCase().indexOf("hi") === 0 ? "hi" : "en"; }
  function fin(x) { return typeof x === "number" && isFinite(x); }
  function fill(s, o) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }

  // 1,234,567 in English, 12,34,567 (Indian grouping) in Hindi
  function group(t, lang) {
    var neg = t.charAt(0) === "-", p = (neg ? t.slice(1) : t).split("."), w = p[0];
    if (w.length > 3) {
      var head = w.slice(0, -3), step = lang === "hi" ? 2 : 3, g = [];
      while (head.length > step) { g.unshift(head.slice(-step)); head = head.slice(0, -step); }
      g.unshift(head); w = g.join(",") + "," + w.slice(-3);
    }
    return (neg ? "-" : "") + w + (p.length > 1 ? "." + p[1] : "");
  }
  // three significant figures, never fewer than the whole digits: 109, 12.9, 6.13, 0.5
  function round3(x) {
    var a = Math.abs(x), d = a >= 100 || a === 0 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log(a) / Math.LN10));
    var t = x.toFixed(d);
    if (t.indexOf(".") >= 0) t = t.replace(/0+$/, "").replace(/\.$/, "");
    return t === "-0" ? "0" : t;
  }
  function format(v, lang) {
    lang = L(lang);
    if (!fin(v)) return "–";
    for (var s = SCALES[lang], i = 0; i < s.length; i++) {
      if (Math.abs(v) >= s[i][0] * 0.9995) return group(round3(v / s[i][0]), lang) + " " + s[i][1];
    }
    return group(round3(v), lang);
  }
  function formatPercent(v, lang) { return fin(v) ? round3(v) + (L(lang) === "hi" ? " प्रतिशत" : "%") : "–"; }
  function formatGB(b, lang) { return fin(b) ? group(round3(b / 1e9), L(lang)) + " GB" : "–"; }
  function plain(x) { return fin(x) ? x.toFixed(4).replace(/0+$/, "").replace(/\.$/, "") : ""; }

  function parseNumber(raw) {
    var t = String(raw == null ? "" : raw).trim()
      .replace(/[०-९]/g, function (d) { return String(d.charCodeAt(0) - 0x966); }).replace(/[\u2212\u2013]/g, "-");
    if (t === "") return { error: "empty" };
    if (/^-\s*(\d+\.?\d*|\.\d+)$/.test(t)) return { error: "negative" };
    if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(t)) return { error: "not-a-number" };
    var v = Number(t.replace(/^\+/, ""));
    return fin(v) ? { value: v } : { error: "too-large" };
  }

  function validate(x) {
    x = x || {};
    for (var i = 0; i < FIELDS.length; i++) {
      var f = FIELDS[i], v = x[f];
      if (v === undefined || v === null || v === "") return { error: "empty", field: f };
      if (typeof v !== "number" || isNaN(v)) return { error: "not-a-number", field: f };
      if (!isFinite(v)) return { error: "too-large", field: f };
      if (v < 0) return { error: "negative", field: f };
    }
    var n = x.experts, k = x.activeExperts, e = x.expertParams, s = x.sharedParams, tot = s + n * e;
    if (Math.floor(n) !== n) return { error: "not-integer", field: "experts" };
    if (Math.floor(k) !== k) return { error: "not-integer", field: "activeExperts" };
    if (n < 1) return { error: "experts-min", field: "experts" };
    if (n > MAXE) return { error: "too-large", field: "experts" };
    if (k < 1) return { error: "active-min", field: "activeExperts" };
    if (k > n) return { error: "active-gt-experts", field: "activeExperts" };
    if (e > MAX) return { error: "too-large", field: "expertParams" };
    if (s > MAX) return { error: "too-large", field: "sharedParams" };
    if (tot > MAX) return { error: "too-large", field: e > 0 ? "expertParams" : "sharedParams" };
    if (tot <= 0) return { error: "zero-total", field: "expertParams" };
    if ("bytesPerParam" in x && !(fin(x.bytesPerParam) && x.bytesPerParam > 0 && x.bytesPerParam <= 64)) {
      return { error: "bad-precision", field: "bytesPerParam" };
    }
    return { ok: true };
  }
  function compute(x) {
    var c = validate(x);
    if (!c.ok) return c;
    if (!("bytesPerParam" in x)) return { error: "bad-precision", field: "bytesPerParam" };
    var total = Math.round(x.sharedParams + x.experts * x.expertParams),
      active = Math.round(x.sharedParams + x.activeExperts * x.expertParams);
    return { total: total, active: active, activeShare: active / total * 100, memoryBytes: total * x.bytesPerParam };
  }
  // expertParams = (total - active) / (experts - k); sharedParams = active - k * expertParams,
  // so that compute() gives back the published total and active exactly
  function fromModel(m) {
    if (!m || typeof m !== "object") return { error: "bad-model" };
    var n = Number(m.experts), k = Number(m.active_experts), t = Number(m.total_params), a = Number(m.active_params), e, s;
    if (![n, k, t, a].every(fin) || n < 1 || k < 1 || k > n || Math.floor(n) !== n || Math.floor(k) !== k ||
      t <= 0 || a <= 0 || a > t || t > MAX) return { error: "bad-model" };
    if (n === k) {
      if (a !== t) return { error: "bad-model" };
      e = 0; s = t;
    } else {
      e = (t - a) / (n - k); s = a - k * e;
      if (s < -1e-6 * t) return { error: "bad-model" };
      if (s < 0) s = 0;
    }
    return { experts: n, activeExperts: k, expertParams: e, sharedParams: s };
  }
  window.MoECalc = { fromModel: fromModel, compute: compute, validate: validate, format: format,
    formatPercent: formatPercent, formatGB: formatGB, parseNumber: parseNumber, strings: T, MAX_PARAMS: MAX,
    scores: function (m, t, e, p) { return scores(m, t, e, p); }, weights: function (s, p, g) { return weights(s, p, g); },
    fitVerdict: function (w, m, g) { return fitVerdict(w, m, g); }, fitAnswer: function (f, m, p) { return fitAnswer(f, m, p); } };

  function el(tag, a, kids) {
    var n = document.createElement(tag);
    // style through the CSSOM: the page's Content-Security-Policy refuses style attributes (SECURITY.md)
    for (var k in a || {}) if (k === "text") n.textContent = a[k]; else if (k === "style") n.style.cssText = a[k]; else n.setAttribute(k, a[k]);
    (kids || []).forEach(function (c) { if (c) n.appendChild(c); });
    return n;
  }
  function data(root, cls) {
    var s = root.querySelector("script." + cls);
    try { return s ? JSON.parse(s.textContent) : null; } catch (e) { return null; }
  }
  function ready(root) {
    if (root.getAttribute("data-moe-ready")) return false;
    root.setAttribute("data-moe-ready", "1");
    return true;
  }

  /* ---------------------------------------------------------------- the step-through */
  // Illustrative router scores for one token: a fixed pseudo-random score per expert (the same
  // on every visit), the chosen experts lifted above all others. Not a trained router's.
  function scores(model, token, experts, picked) {
    var s = [], h = 2166136261, i, k = model + ":" + token;
    for (i = 0; i < k.length; i++) { h ^= k.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    for (i = 1; i <= experts; i++) {
      h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0; h = (h ^ (h >>> 13)) >>> 0;   // unsigned: r in [0, 1)
      var r = (h % 1000) / 1000;
      s.push(picked.indexOf(i) >= 0 ? 1.2 + r * 1.6 : -2 + r * 3);
    }
    return s;
  }
  // the weights the chosen experts' outputs are mixed with: softmax over the chosen scores
  // (Mixtral), or each one's own sigmoid (Llama 4, whose shared expert is added in full)
  function weights(s, picked, sigmoid) {
    var w = picked.map(function (i) { return sigmoid ? 1 / (1 + Math.exp(-s[i - 1])) : Math.exp(s[i - 1]); });
    if (sigmoid) return w;
    var sum = w.reduce(function (a, b) { return a + b; }, 0);
    return w.map(function (x) { return x / sum; });
  }
  function steps(root, lang) {
    var S = T[lang], d = data(root, "moe-steps-data") || {}, table = root.querySelector("table");
    var models = d.models || [], cur = models[0], pos = -1, uid = "moe-st";
    // tokens and choices come from the table the page shows without JavaScript
    d.tokens = [];
    models.forEach(function (m) { m.picks = []; });
    [].forEach.call(table ? table.tBodies[0].rows : [], function (tr) {
      d.tokens.push(tr.cells[0].textContent);
      models.forEach(function (m, i) {
        var c = tr.cells[i + 1];
        m.picks.push((c ? c.textContent.match(/\d+/g) || [] : []).map(Number));
      });
    });
    if (!cur || !d.tokens.length || !ready(root)) return;
    table.hidden = true;
    var radios = el("fieldset", { "class": "moe-steps__models" }, [el("legend", { text: S.stModel })]);
    models.forEach(function (m, i) {
      var id = uid + "-" + m.id, r = el("input", { type: "radio", name: uid + "-model", id: id, value: m.id });
      r.checked = i === 0;
      // no dead end: a new model after the last token starts the sentence again
      r.addEventListener("change", function () { cur = m; if (pos >= d.tokens.length - 1) pos = -1; draw(); });
      radios.appendChild(el("span", null, [r, el("label", { "for": id, text: m.name })]));
    });
    var sentence = el("ol", { "class": "moe-steps__tokens", "aria-hidden": "true" });
    var shared = el("div", { "class": "moe-steps__shared", "aria-hidden": "true", text: S.stShared });
    var grid = el("div", { "class": "moe-steps__grid", "aria-hidden": "true" });
    var status = el("p", { "class": "moe-steps__status", role: "status", "aria-live": "polite" });
    var figs = el("p", { "class": "moe-steps__figs" });
    var bars = el("div", { "class": "moe-steps__scores", "aria-hidden": "true" });
    var tally = el("p", { "class": "moe-steps__tally" });
    var prev = el("button", { type: "button", "class": "md-button", text: S.stPrev });
    var next = el("button", { type: "button", "class": "md-button md-button--primary", text: S.stNext });
    var reset = el("button", { type: "button", "class": "md-button", text: S.stReset });
    prev.addEventListener("click", function () { go(pos - 1); });
    next.addEventListener("click", function () { go(pos + 1); });
    reset.addEventListener("click", function () { go(-1); });
    root.appendChild(el("div", { "class": "moe-steps__inner", role: "group", "aria-labelledby": uid + "-h" }, [
      el("p", { "class": "moe-steps__heading", id: uid + "-h", text: S.stHeading }), radios, sentence,
      el("p", { "class": "moe-steps__router", "aria-hidden": "true", text: "↓ " + S.stRouter + " ↓" }),
      bars, shared, el("p", { "class": "moe-steps__label", "aria-hidden": "true", text: S.stRouted }), grid,
      status, tally, el("div", { "class": "moe-steps__buttons" }, [prev, next, reset]), figs,
      el("p", { "class": "moe-steps__note", text: S.stNote })]));

    function go(p) { pos = Math.max(-1, Math.min(d.tokens.length - 1, p)); draw(); }
    function nums(list) { return list.map(function (x) { return group(String(x), lang); }).join(lang === "hi" ? " और " : " and "); }
    function draw() {
      var m = cur, picked = pos >= 0 ? m.picks[pos] : [];
      sentence.textContent = "";
      d.tokens.forEach(function (t, i) {
        sentence.appendChild(el("li", { "class": i === pos ? "is-now" : i < pos ? "is-done" : "" }, [
          el("span", { text: t.trim() }), el("small", { text: i <= pos ? "→ " + m.picks[i].join(", ") : "" })]));
      });
      shared.hidden = !m.shared;
      shared.className = "moe-steps__shared" + (m.shared && pos >= 0 ? " is-on" : "");
      grid.textContent = "";
      grid.className = "moe-steps__grid" + (m.experts > 32 ? " is-dense" : "");
      var used = [];
      for (var u = 0; u <= pos; u++) m.picks[u].forEach(function (x) { if (used.indexOf(x) < 0) used.push(x); });
      for (var i = 1; i <= m.experts; i++) {
        grid.appendChild(el("span", { "class": picked.indexOf(i) >= 0 ? "is-on" : used.indexOf(i) >= 0 ? "is-used" : "",
          text: m.experts > 32 ? "" : String(i) }));
      }
      var sc = pos >= 0 ? scores(m.id, pos, m.experts, picked) : [], sig = !!m.shared, wts = weights(sc, picked, sig);
      bars.textContent = "";
      if (pos >= 0) {
        var order = sc.map(function (v, j) { return j + 1; }).sort(function (a, b) { return sc[b - 1] - sc[a - 1]; }).slice(0, 8);
        var lo = Math.min.apply(null, sc), hi = Math.max.apply(null, sc);
        bars.appendChild(el("p", { "class": "moe-steps__label", text: S.stScores + (m.experts > 8 ? " (" + fill(S.stTop, { n: 8, e: m.experts }) + ")" : "") }));
        order.forEach(function (j) {
          var on = picked.indexOf(j) >= 0, fillEl = el("span", { "class": "moe-steps__fill" + (on ? " is-on" : "") });
          fillEl.style.width = Math.max(4, Math.round((sc[j - 1] - lo) / (hi - lo || 1) * 100)) + "%";
          bars.appendChild(el("div", { "class": "moe-steps__bar" }, [el("span", { "class": "moe-steps__name", text: "#" + j }),
            el("span", { "class": "moe-steps__track" }, [fillEl]),
            el("span", { "class": "moe-steps__w", text: on ? wts[picked.indexOf(j)].toFixed(2) : "" })]));
        });
      }
      tally.textContent = pos < 0 ? "" : fill(S.stTally, { u: used.length, e: m.experts }) +
        (pos === d.tokens.length - 1 ? " " + S.stTallyEnd : "");
      root.setAttribute("data-used", String(used.length));
      status.textContent = pos < 0 ? S.stStart : fill(S.stToken, { i: pos + 1, n: d.tokens.length, t: d.tokens[pos].trim() }) +
        fill(picked.length > 1 && S.stPicksN || S.stPicks, { x: nums(picked), e: m.experts }) + ", " +
        fill(sig ? S.stSigmoid : S.stSoftmax, { w: wts.map(function (x) { return x.toFixed(2); }).join(lang === "hi" ? " और " : " and ") }) +
        (m.shared ? S.stPlus : S.stEnd) +
        (pos === d.tokens.length - 1 ? " " + S.stDone : "");
      figs.textContent = fill(S.stFig, { name: m.name, e: m.experts, k: m.k, s: m.shared || S.stNone,
        a: format(m.active, lang), t: format(m.total, lang) });
      prev.disabled = pos < 0;
      next.disabled = pos >= d.tokens.length - 1;
      if (next.disabled && document.activeElement === next) reset.focus();
      root.setAttribute("data-step", String(pos));
      root.setAttribute("data-model", m.id);
    }
    draw();
  }


  /* ---------------------------------------------------------------- can I run it? */
  // the verdict for one model's weights on one machine: "fits" (a fifth of the memory kept free),
  // "tight" (the weights alone fit) or "no"; the same rule as hooks/site_llama4/can_i_run.py
  function fitVerdict(weightsGB, memoryGB, margin) {
    if (!fin(weightsGB) || !fin(memoryGB)) return "no";
    if (weightsGB <= memoryGB * (1 - margin) + 1e-9) return "fits";
    return weightsGB <= memoryGB + 1e-9 ? "tight" : "no";
  }
  function fitAnswer(f, machineId, precId) {
    var m = null, p = null, i;
    for (i = 0; i < f.machines.length; i++) if (f.machines[i].id === machineId) m = f.machines[i];
    for (i = 0; i < f.precisions.length; i++) if (f.precisions[i].id === precId) p = f.precisions[i];
    if (!m || !p) return null;
    return { machine: m, precision: p, models: f.models.map(function (x) {
      var w = x.total * p.bytes / 1e9;
      return { id: x.id, name: x.name, weightsGB: w, verdict: fitVerdict(w, m.gb, f.margin) };
    }) };
  }
  function fit(root, lang, f, published) {
    var S = T[lang], uid = "moe-fit", box = root.querySelector(".moe-fit");
    if (!f || !box || !(f.machines || []).length || !(f.precisions || []).length || !(f.models || []).length) return;
    var table = box.querySelector("table"), cur = { m: f.machines[f.machines.length > 3 ? 3 : 0].id, p: f.precisions[0].id };
    if (table) table.hidden = true;
    function mname(x) { return fill(S.fitM[x.id] || x.id, { gb: group(String(x.gb), lang), g: group(String(x.gpus || 0), lang) }); }
    var answer = el("div", { "class": "moe-fit__answer", id: uid + "-answer", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    function group2(label, items, key, text) {
      var g = el("div", { "class": "moe-fit__choices", role: "group", "aria-label": label }, [el("p", { "class": "moe-fit__label", "aria-hidden": "true", text: label })]);
      items.forEach(function (x) {
        var at = { type: "button", "class": "md-button", "aria-pressed": "false", "aria-controls": uid + "-answer", text: text(x) };
        at["data-" + key] = x.id;
        var b = el("button", at);
        b.addEventListener("click", function () { cur[key] = x.id; draw(); show(); });
        g.appendChild(b);
      });
      return g;
    }
    var machines = group2(S.fitMachine, f.machines, "m", function (x) { return mname(x); });
    var precs = group2(S.fitPrecision, f.precisions, "p", function (x) { return x.label; });
    box.appendChild(el("div", { "class": "moe-fit__inner" }, [el("p", { "class": "moe-fit__heading", text: S.fitHeading }),
      machines, precs, answer]));
    // after a tap or a key, the answer in full view: scrolled the least distance, no animation
    function show() {
      var r = answer.getBoundingClientRect(), h = window.innerHeight || document.documentElement.clientHeight;
      if (r.bottom > h || r.top < 0) answer.scrollIntoView({ block: "nearest" });
    }
    function draw() {
      [].forEach.call(box.querySelectorAll("[data-m]"), function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-m") === cur.m)); });
      [].forEach.call(box.querySelectorAll("[data-p]"), function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-p") === cur.p)); });
      var a = fitAnswer(f, cur.m, cur.p);
      answer.textContent = "";
      if (!a) return;
      var and = lang === "hi" ? " और " : " and ", ok = [], tight = [];
      a.models.forEach(function (x) { if (x.verdict === "fits") ok.push(x.name); else if (x.verdict === "tight") tight.push(x.name); });
      var head = fill(S.fitHead, { m: mname(a.machine), p: a.precision.label });
      head += ok.length ? fill(S.fitYes, { x: ok.join(and) }) + (tight.length ? " " + fill(S.fitTight, { x: tight.join(and) }) : "")
        : tight.length ? fill(S.fitTight, { x: tight.join(and) }) : S.fitNone;
      answer.appendChild(el("p", { "class": "moe-fit__verdict", text: head }));
      var ul = el("ul", { "class": "moe-fit__models" });
      a.models.forEach(function (x) {
        var k = x.verdict === "fits" ? S.fitLineFits : x.verdict === "tight" ? S.fitLineTight : S.fitLineNo;
        ul.appendChild(el("li", { "class": "is-" + x.verdict, "data-model": x.id,
          text: fill(k, { name: x.name, w: formatGB(x.weightsGB * 1e9, lang), gb: group(String(a.machine.gb), lang) }) }));
      });
      answer.appendChild(ul);
      var notes = [S.fitRule];
      if (a.machine.kind === "mac") notes.push(S.fitMac);
      a.models.forEach(function (x) {
        var pub = (published[x.id] || []);
        if (pub.length && pub.indexOf(a.precision.id) < 0) notes.push(fill(S.fitPub, { name: x.name,
          p: pub.map(function (id) { for (var j = 0; j < f.precisions.length; j++) if (f.precisions[j].id === id) return f.precisions[j].label; return id; }).join(and) }));
      });
      answer.appendChild(el("p", { "class": "moe-fit__note", text: notes.join(" ") }));
      root.setAttribute("data-fit", cur.m + ":" + cur.p);
    }
    draw();
  }

  /* ---------------------------------------------------------------- the calculator */
  function calc(root, lang) {
    if (!ready(root)) return;
    var S = T[lang], d = data(root, "moe-calc-data") || {}, uid = "moe-calc";
    var published = {};
    (d.models || []).forEach(function (m) { if (m && m.id) published[m.id] = m.published || []; });
    fit(root, lang, d.fit, published);
    var models = (d.models || []).filter(function (m) { return m && typeof m.id === "string" && !fromModel(m).error; });
    var precs = (d.precisions || []).filter(function (p) { return fin(p.bytes) && p.bytes > 0; });
    var hw = d.hardware || {}, gpuGB = hw.gpu_gb, dgx = hw.dgx_gpus;
    var state = { exact: null, last: null, note: null };
    var form = el("form", { "class": "moe-calc__form", novalidate: "novalidate", "aria-labelledby": uid + "-heading" });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
    var presets = el("div", { "class": "moe-calc__presets", role: "group", "aria-label": S.presets });
    (d.presets || []).forEach(function (p) {
      var m = find(p.model);
      if (!m || !S.p[p.id]) return;
      var b = el("button", { type: "button", "class": "md-button", "data-preset": p.id, "aria-pressed": "false",
        text: fill(S.p[p.id], { k: p.k }) });
      b.addEventListener("click", function () {
        select.value = m.id; prec.value = p.precision;
        load(m, p.k ? fill(S.whatIf, { name: m.name, k: p.k }) : null, p.k);
        press(b); update();
      });
      presets.appendChild(b);
    });
    var select = el("select", { id: uid + "-model", name: "model" });
    models.forEach(function (m) { select.appendChild(el("option", { value: m.id, text: m.name })); });
    select.appendChild(el("option", { value: "custom", text: S.custom }));
    var rows = [row(uid + "-model", S.model, select)], inputs = {}, errs = {};
    FIELDS.forEach(function (f) {
      var id = uid + "-" + f, inp = el("input", { id: id, name: f, type: "text", autocomplete: "off", spellcheck: "false",
        inputmode: f.indexOf("Params") > 0 ? "decimal" : "numeric", "aria-describedby": id + "-error" });
      inp.addEventListener("input", function () { state.exact = null; state.last = f; select.value = "custom"; press(); update(); });
      inputs[f] = inp; errs[f] = el("span", { "class": "moe-calc__error", id: id + "-error" });
      rows.push(row(id, S[f], inp, errs[f]));
    });
    var prec = el("select", { id: uid + "-precision", name: "precision" });
    precs.forEach(function (p) {
      prec.appendChild(el("option", { value: p.id, text: p.label + " (" + group(String(p.bytes), lang) + " " + (p.bytes === 1 ? S.bytesOne : S.bytes) + ")" }));
    });
    rows.push(row(uid + "-precision", S.precision, prec));
    var out = el("div", { "class": "moe-calc__results", id: uid + "-results", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    form.appendChild(el("fieldset", { "class": "moe-calc__fields" }, [
      el("legend", { "class": "moe-calc__heading", id: uid + "-heading", text: S.heading }),
      el("p", { "class": "moe-calc__intro", text: S.intro }), presets].concat(rows)));
    root.appendChild(el("div", { "class": "moe-calc__inner" }, [
      models.length ? null : el("p", { "class": "moe-calc__message", role: "alert", text: S.errors["no-data"] }), form,
      el("section", { "class": "moe-calc__output", "aria-label": S.results }, [out])]));

    function row(id, label, input, err) {
      return el("div", { "class": "moe-calc__row" }, [el("label", { "for": id, text: label }), input, err]);
    }
    function find(id) { for (var i = 0; i < models.length; i++) if (models[i].id === id) return models[i]; return null; }
    function press(b) {
      [].forEach.call(presets.children, function (x) { x.setAttribute("aria-pressed", x === b ? "true" : "false"); });
    }
    function load(m, note, k) {
      var s = fromModel(m);
      state.exact = s.error ? null : s; state.note = note;
      if (s.error) return;
      if (k) s = { experts: s.experts, activeExperts: k, expertParams: s.expertParams, sharedParams: s.sharedParams };
      state.exact = s;
      inputs.experts.value = String(s.experts); inputs.activeExperts.value = String(s.activeExperts);
      inputs.expertParams.value = plain(s.expertParams / 1e9); inputs.sharedParams.value = plain(s.sharedParams / 1e9);
    }
    function first(m) { // a model opens at the first precision it is published in
      var p = (m.published || [])[0];
      if (p && precs.some(function (x) { return x.id === p; })) prec.value = p;
    }
    function bytes() { for (var i = 0; i < precs.length; i++) if (precs[i].id === prec.value) return precs[i].bytes; return NaN; }
    function show(code, field) {
      var msg = S.errors[code] || S.errors["not-a-number"];
      if (field && inputs[field]) { errs[field].textContent = msg; inputs[field].setAttribute("aria-invalid", "true"); }
      out.textContent = "";
      out.appendChild(el("p", { "class": "moe-calc__message", text: (field && inputs[field] ? S.fieldNames[field] + ": " : "") + msg }));
    }
    function read() {
      var v = {};
      for (var i = 0; i < FIELDS.length; i++) {
        var f = FIELDS[i], p = parseNumber(inputs[f].value);
        if (p.error) return { error: p.error, field: f };
        v[f] = f.indexOf("Params") > 0 ? p.value * 1e9 : p.value;
      }
      return v;
    }
    function list(pairs) {
      var dl = el("dl", { "class": "moe-calc__list" });
      pairs.forEach(function (p) { dl.appendChild(el("dt", { text: p[0] })); dl.appendChild(el("dd", { text: p[1] })); });
      return dl;
    }
    function update() {
      FIELDS.forEach(function (f) { errs[f].textContent = ""; inputs[f].removeAttribute("aria-invalid"); });
      var v = state.exact ? { experts: state.exact.experts, activeExperts: state.exact.activeExperts,
        expertParams: state.exact.expertParams, sharedParams: state.exact.sharedParams } : read();
      if (v.error) return show(v.error, v.field);
      v.bytesPerParam = bytes();
      var r = compute(v);
      if (r.error) {
        var f = r.field === "bytesPerParam" ? null : r.field;
        if (r.error === "active-gt-experts" && state.last === "experts") f = "experts";
        return show(r.error, f);
      }
      var gb = r.memoryBytes / 1e9, gpus = Math.max(1, Math.ceil(gb / gpuGB - 1e-9)), yn = function (ok) { return ok ? S.yes : S.no; };
      var memRows = [[S.total, format(r.total, lang)], [S.memory, formatGB(r.memoryBytes, lang)]];
      if (fin(gpuGB)) {
        memRows.push([fill(S.gpus, { gb: gpuGB }), group(String(gpus), lang)], [fill(S.fitsOne, { gb: gpuGB }), yn(gpus <= 1)]);
        if (fin(dgx)) memRows.push([fill(S.fitsDgx, { g: dgx }), yn(gpus <= dgx)]);
      }
      var boxes = el("div", { "class": "moe-calc__gpus", "aria-hidden": "true" }), box = boxes;
      for (var i = 0; i < Math.min(gpus, 48); i++) {
        if (fin(dgx) && i % dgx === 0) boxes.appendChild(box = el("div", { "class": "moe-calc__dgx", "data-label": S.dgx }));
        var used = Math.min(1, gb / gpuGB - i);
        box.appendChild(el("span", { style: "--fill:" + Math.round(used * 100) + "%" }));
      }
      while (fin(dgx) && gpus < 48 && box.children.length < dgx) box.appendChild(el("span", { style: "--fill:0%" }));
      var e = v.expertParams, share = function (x) { return (x / r.total * 100).toFixed(2) + "%"; };
      var parts = [["is-always", v.sharedParams, S.always], ["is-chosen", v.activeExperts * e, S.chosen],
        ["is-idle", r.total - r.active, S.idle]];
      var bar = el("div", { "class": "moe-calc__bar", "aria-hidden": "true" }), key = el("ul", { "class": "moe-calc__key" });
      parts.forEach(function (p) {
        bar.appendChild(el("span", { "class": p[0], style: "width:" + share(p[1]) }));
        key.appendChild(el("li", { "class": p[0], text: p[2] + ": " + format(p[1], lang) }));
      });
      out.textContent = "";
      var model = state.exact ? find(select.value) : null;
      out.appendChild(el("section", { "class": "moe-calc__mem" }, [el("p", { "class": "moe-calc__subheading", text: S.mem }),
        list(memRows), boxes, el("p", { "class": "moe-calc__note", text: S.gpusNote })]));
      out.appendChild(el("section", { "class": "moe-calc__speed" }, [el("p", { "class": "moe-calc__subheading", text: S.speed }),
        list([[S.active, format(r.active, lang)], [S.share, formatPercent(r.activeShare, lang)]]), bar, key]));
      if (state.note) out.appendChild(el("p", { "class": "moe-calc__note", text: state.note }));
      else if (model) out.appendChild(el("p", { "class": "moe-calc__note", text: fill(S.fromFacts, { name: model.name }) }));
      var pl = model ? precs.filter(function (p) { return (model.published || []).indexOf(p.id) >= 0; }) : [];
      if (pl.length) out.appendChild(el("p", { "class": "moe-calc__note", text: fill(S.published, { name: model.name,
        p: pl.map(function (p) { return p.label; }).join(lang === "hi" ? " और " : " and ") }) }));
    }
    select.addEventListener("change", function () {
      var m = find(select.value);
      press();
      if (m) { load(m, null); first(m); }
      else state.exact = state.note = null;
      update();
    });
    prec.addEventListener("change", function () { press(); update(); });
    if (models.length) {
      select.value = models[0].id; load(models[0], null); first(models[0]);
    } else select.value = "custom";
    update();
  }

  function init() {
    var lang = L(document.documentElement.getAttribute("lang")), a = document.getElementById("moe-calc"),
      b = document.getElementById("moe-size");
    if (a) steps(a, lang);
    if (b) calc(b, lang);
  }
  // The widgets' styles (assets/css/moe-widgets.css, beside this script's folder) load with the
  // widgets, not on the first visit; the widgets are drawn once they arrive (or after 3 s).
  function styled(then) {
    var src = SRC || ([].filter.call(document.scripts, function (s) { return /moe-calculator\.js/.test(s.src); })[0] || {}).src || "";
    var href = src.replace(/js\/moe-calculator\.js(\?.*)?$/, "css/moe-widgets.css"), done = false;
    function go() { if (!done) { done = true; then(); } }
    if (!href || href === src || document.querySelector("link[data-moe-css]")) return go();
    var link = document.createElement("link");
    link.rel = "stylesheet"; link.href = href; link.setAttribute("data-moe-css", "");
    link.onload = link.onerror = go;
    setTimeout(go, 3000);
    document.head.appendChild(link);
  }
  function start() { styled(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
