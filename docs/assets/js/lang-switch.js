// Keep the reader's place when switching language: carry the #anchor to the twin page.
// Headings carry the same ASCII ids in both languages, so the anchor exists on the twin.
// Without a #anchor in the address (the reader scrolled there), the section heading the reader
// is at is carried instead.
(function () {
  // Material's language handling fetches "sitemap.xml" beside every <link rel="alternate">
  // in the head (to map pages of one language to the other). Our hreflang links are absolute
  // (https://<published host>/...), so every page load sent requests to the published host,
  // even in a local preview; and beside a page URL no sitemap exists (404). The language
  // selector links already point at the twin page, so that lookup is never needed: answer it
  // here, without a request. This runs before DOMContentLoaded, when Material starts it.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__skipSitemap = /\/sitemap\.xml$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__skipSitemap) return send.apply(this, arguments);
    var xhr = this;
    setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("abort")); }, 0);
  };

  function headerOffset() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  // The id of the section the reader is in: the last heading with an id above the top of the
  // visible text. Empty at the top of the page.
  function currentSection() {
    if (window.scrollY < 1) return "";
    var top = headerOffset() + 8;
    var found = "";
    var headings = document.querySelectorAll(".md-content article h2[id], .md-content article h3[id]");
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= top) found = headings[i].id;
      else break;
    }
    return found;
  }

  function carryHash(event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !link.closest(".md-select")) return;
    var hash = window.location.hash;
    if (!hash) {
      var id = currentSection();
      if (id) hash = "#" + id;
    }
    var target = new URL(link.href, window.location.href);
    target.hash = hash;
    link.href = target.toString();
  }
  document.addEventListener("click", carryHash, true);
  document.addEventListener("auxclick", carryHash, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter") carryHash(event);
  }, true);
})();

// Land on the #anchor (issue 31). The browser scrolls to it once, early; content above it that
// grows later (the MoE widgets drawn by their script when they come near the screen, the
// system font swapped for the web font) pushes the heading down, out of view. Until the reader
// scrolls, types or touches, every change of the article's size scrolls the target back into
// view (its :target scroll-margin keeps it below the header); after 10 s it stops watching.
(function () {
  if (!window.ResizeObserver) return;
  var observer = null, timer = 0;

  function target() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function stop() {
    if (observer) observer.disconnect();
    observer = null;
    clearTimeout(timer);
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.removeEventListener(type, stop, true);
    });
  }

  function watch() {
    stop();
    var el = target();
    var article = document.querySelector(".md-content");
    if (!el || !article) return;
    var first = true;
    observer = new ResizeObserver(function () {
      if (first) { first = false; return; }  // the observer's first report: nothing changed yet
      var now = target();
      if (now) now.scrollIntoView();
    });
    observer.observe(article);
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, stop, true);
    });
    timer = setTimeout(stop, 10000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
  window.addEventListener("hashchange", watch);
})();
