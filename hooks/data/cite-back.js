// Citation marks (hooks/render/page_sources.py inlines this after each page's source list).
(function () {
  var from = null, list = document.querySelectorAll("a.fact-cite");
  for (var i = 0; i < list.length; i++) {
    var entry = document.getElementById(list[i].hash.slice(1));
    var tip = entry && entry.getAttribute("data-tip");
    if (tip) { list[i].title = tip; list[i].setAttribute("aria-label", tip); }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a");
    if (!a) return;
    if (a.classList.contains("fact-cite")) {
      var back = document.querySelector(a.hash + " .cite-back");
      if (back) { back.href = "#" + a.id; from = a.hash; }
    } else if (a.classList.contains("cite-back") && from === location.hash) {
      e.preventDefault();
      from = null;
      var last = document.querySelector(".cite-last"), mark = document.querySelector(a.hash);
      if (last) last.classList.remove("cite-last");
      if (mark) mark.classList.add("cite-last");
      history.back();
    }
  });
})();
