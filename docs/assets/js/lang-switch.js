// Keep the reader's place when switching language: carry the #anchor to the twin page.
// Headings carry the same ASCII ids in both languages, so the anchor exists on the twin.
(function () {
  function carryHash(event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !link.closest(".md-select")) return;
    if (!window.location.hash) return;
    var target = new URL(link.href, window.location.href);
    target.hash = window.location.hash;
    link.href = target.toString();
  }
  document.addEventListener("click", carryHash, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter") carryHash(event);
  }, true);
})();
