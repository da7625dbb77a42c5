// Search costs nothing until the reader opens it. Material fetches the search index and starts
// its search worker as soon as a page loads; this script (in the page head, after
// search-lang.js, before Material's bundle) holds both back until the reader reaches for
// search (focus in the search box, a tap on the search icon, the pointer over the search
// form), and then fetches the index of the page's language only: search/index.hi.json or
// search/index.en.json, written at build time by hooks/render/site_fixes.py.
(function () {
  if (window.__searchLazy || !window.XMLHttpRequest) return;
  window.__searchLazy = true;

  var lang = document.documentElement.lang === "hi" ? "hi" : "en";
  var me = document.currentScript || document.querySelector("script[src*='search-lazy']");
  var siteRoot = new URL("../../", new URL(me.src, window.location.href)); // assets/js/ -> root
  var indexPath = new URL("search/search_index.json", siteRoot).pathname;
  var ownIndex = new URL("search/index." + lang + ".json", siteRoot).href;

  var waiting = [];
  var opened = false;
  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  function whenOpen(go) {
    if (opened) go(); else waiting.push(go);
  }
  function watch() {
    var form = document.querySelector("form[name=search]");
    if (form) {
      form.addEventListener("focusin", open);
      form.addEventListener("pointerenter", open);
    }
    document.querySelectorAll("label[for=__search]").forEach(function (label) {
      label.addEventListener("click", open);
      label.addEventListener("pointerdown", open);
    });
    var toggle = document.getElementById("__search");
    if (toggle) toggle.addEventListener("change", open);
    if (toggle && toggle.checked) open();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();

  // The index request: the page's language's own file, sent once search is opened.
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    this.__lazyIndex = false;
    try {
      if (new URL(String(url), window.location.href).pathname === indexPath) {
        args[1] = ownIndex;
        this.__lazyIndex = true;
      }
    } catch (err) { /* not a URL: leave it */ }
    return xhrOpen.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__lazyIndex) return xhrSend.apply(this, arguments);
    var xhr = this, args = arguments;
    whenOpen(function () { xhrSend.apply(xhr, args); });
  };

  // The search worker: started on its first message (the index, once search is opened).
  var PriorWorker = window.Worker;
  if (!PriorWorker) return;
  window.Worker = function (url, options) {
    var real = null, listeners = [], proxy = this;
    function start() {
      if (real) return real;
      real = new PriorWorker(url, options);
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      if (proxy.onmessage) real.onmessage = proxy.onmessage;
      if (proxy.onerror) real.onerror = proxy.onerror;
      return real;
    }
    this.postMessage = function () { var w = start(); w.postMessage.apply(w, arguments); };
    this.addEventListener = function (type, listener, opts) {
      listeners.push([type, listener, opts]);
      if (real) real.addEventListener(type, listener, opts);
    };
    this.removeEventListener = function (type, listener, opts) {
      listeners = listeners.filter(function (l) { return l[1] !== listener; });
      if (real) real.removeEventListener(type, listener, opts);
    };
    this.terminate = function () { if (real) real.terminate(); };
  };
})();
