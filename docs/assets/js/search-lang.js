// One search index holds both languages. Show only results in the page's language:
// Hindi pages live under /hi/, English pages everywhere else.
(function () {
  var lang = document.documentElement.lang === "hi" ? "hi" : "en";
  var base = new URL(document.querySelector("script[src*='search-lang']").src);
  var siteRoot = new URL("../../", base); // assets/js/ -> site root
  var hiRoot = new URL("hi/", siteRoot).pathname;

  function isHindi(href) {
    return new URL(href, window.location.href).pathname.indexOf(hiRoot) === 0;
  }

  function filter(list) {
    var items = list.querySelectorAll(".md-search-result__item");
    var shown = 0;
    items.forEach(function (item) {
      var link = item.querySelector("a[href]");
      var keep = !link || isHindi(link.getAttribute("href")) === (lang === "hi");
      item.hidden = !keep;
      if (keep) shown += 1;
    });
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && items.length) {
      meta.textContent = lang === "hi"
        ? (shown ? shown + " नतीजे" : "कोई नतीजा नहीं मिला")
        : (shown ? shown + (shown === 1 ? " matching document" : " matching documents") : "No matching documents");
    }
  }

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () { filter(list); }).observe(list, { childList: true, subtree: false });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
