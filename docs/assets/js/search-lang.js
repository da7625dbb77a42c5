// One search index holds both languages (static-i18n builds a single index). Show only
// results in the page's language: Hindi pages live under /hi/, English pages everywhere else.
//
// Two ways, depending on where this script is loaded:
// 1. Before Material's bundle (overrides/main.html puts it in the `libs` block of the page
//    head): the index request is answered with the page's language only, so Material counts,
//    pages ("load more as you scroll") and says "no results" for that language by itself.
// 2. After the bundle (as an extra_javascript): results of the other language are hidden as
//    they are added. Material renders results in batches as the list is scrolled, so a query
//    matching many pages in both languages can show fewer results than it should; (1) has no
//    such limit.
(function () {
  if (window.__searchLang) return;   // loaded both ways: the first run does the work
  window.__searchLang = true;

  var lang = document.documentElement.lang === "hi" ? "hi" : "en";
  var me = document.currentScript || document.querySelector("script[src*='search-lang']");
  var siteRoot = new URL("../../", new URL(me.src, window.location.href)); // assets/js/ -> root
  var hiRoot = new URL("hi/", siteRoot).pathname;
  var indexPath = new URL("search/search_index.json", siteRoot).pathname;

  function isHindi(href) {
    return new URL(href, siteRoot).pathname.indexOf(hiRoot) === 0;
  }

  // ---- 1. the index, filtered before Material sees it (only when loaded before the bundle)
  var early = !document.querySelector("script[src*='assets/javascripts/bundle.']");
  if (early && window.XMLHttpRequest && window.fetch) {
    var open = XMLHttpRequest.prototype.open;
    var send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      try {
        this.__indexUrl = new URL(String(url), window.location.href).pathname === indexPath ? String(url) : null;
      } catch (err) {
        this.__indexUrl = null;
      }
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      if (!this.__indexUrl) return send.apply(this, arguments);
      var xhr = this;
      function answer(status, body) {
        Object.defineProperty(xhr, "readyState", { value: 4 });
        Object.defineProperty(xhr, "status", { value: status });
        Object.defineProperty(xhr, "statusText", { value: status === 200 ? "OK" : "Error" });
        Object.defineProperty(xhr, "response", { value: body });
        xhr.dispatchEvent(new ProgressEvent(status === 200 ? "load" : "error"));
        xhr.dispatchEvent(new ProgressEvent("loadend"));
      }
      fetch(this.__indexUrl, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.statusText);
          return response.json();
        })
        .then(function (index) {
          index.docs = (index.docs || []).filter(function (doc) {
            return isHindi(doc.location) === (lang === "hi");
          });
          var text = JSON.stringify(index);
          answer(200, xhr.responseType === "blob" ? new Blob([text], { type: "application/json" }) : text);
        })
        .catch(function () { answer(0, null); });
    };
  }

  // ---- Hindi spellings folded together (nukta, chandrabindu) in the index and the query:
  // Material's search worker is started through assets/js/search-worker.js, which wraps it.
  if (early && window.Worker) {
    var NativeWorker = window.Worker;
    var wrapper = new URL("assets/js/search-worker.js", siteRoot);
    window.Worker = function (url, options) {
      var target = new URL(String(url), window.location.href);
      if (/\/workers\/search\.\w+\.min\.js$/.test(target.pathname) && target.origin === wrapper.origin) {
        url = wrapper.href + "?src=" + encodeURIComponent(target.pathname);
      }
      return new NativeWorker(url, options);
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  // ---- 2. results of the other language hidden as they are added (always on, a no-op after 1)
  function count(shown) {
    if (lang === "hi") return shown ? shown + (shown === 1 ? " नतीजा" : " नतीजे") : "कोई नतीजा नहीं मिला";
    return shown ? shown + (shown === 1 ? " matching document" : " matching documents") : "No matching documents";
  }

  function filter(list) {
    var items = list.querySelectorAll(".md-search-result__item");
    var shown = 0, hidden = 0;
    items.forEach(function (item) {
      var link = item.querySelector("a[href]");
      var keep = !link || isHindi(link.href) === (lang === "hi");
      item.hidden = !keep;
      if (keep) shown += 1; else hidden += 1;
    });
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && hidden) meta.textContent = count(shown);
  }

  // Material's search overlay has role="dialog" but no name (axe: aria-dialog-name): give it
  // the search field's own label, which the theme already writes in the page's language.
  function label() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector("input.md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label") && input) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
  }

  function watch() {
    label();
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () { filter(list); }).observe(list, { childList: true, subtree: false });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
