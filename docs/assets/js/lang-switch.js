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
// grows later (the MoE widgets, drawn by their script when they come near the screen) pushes
// the heading down, out of view. Until the reader
// scrolls, types or touches, every change of the article's size scrolls the target back into
// view (its :target scroll-margin keeps it below the header); after 10 s it stops watching.
(function () {
  var RO = window.ResizeObserver, box = document.querySelector(".md-content"), watch, timer;
  var INPUT = ["wheel", "touchstart", "keydown", "mousedown"];
  if (!RO || !box) return;
  function stop() {
    if (watch) watch.disconnect();
    clearTimeout(timer);
    INPUT.forEach(function (t) { removeEventListener(t, stop, true); });
  }
  function start() {
    stop();
    var seen = 0;
    watch = new RO(function () {
      var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (seen++ && el) el.scrollIntoView();  // the first report is the size it starts at
    });
    watch.observe(box);
    INPUT.forEach(function (t) { addEventListener(t, stop, true); });
    timer = setTimeout(stop, 10000);
  }
  if (location.hash) start();
  addEventListener("hashchange", start);
})();
