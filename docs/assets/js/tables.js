// Tables on a phone (styles in site.css, "Tables").
// - Tables of up to three columns (timeline, glossary, verdicts) are marked data-stack:
//   on a narrow screen each row reads as one entry, its cells labelled by their column
//   (data-label, from the header row).
// - A wider table that does not fit says so: a cue above it ("scroll sideways") and a fade
//   at the edge that still hides columns, while it overflows; it then also takes keyboard
//   focus, so that it can be scrolled without a mouse.
(function () {
  var hindi = document.documentElement.lang === "hi";
  var CUE = hindi ? "चौड़ी तालिका: बाक़ी कॉलम के लिए बग़ल में खिसकाएँ →"
                  : "Wide table: scroll sideways for more columns →";

  // The element that scrolls: the box Material wraps a table in, else (before Material's
  // bundle has run) the table itself, which site.css makes a scrolling block.
  function scroller(table) {
    return table.closest(".md-typeset__scrollwrap") || table;
  }

  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    var names = [].map.call(head.cells, function (cell) { return cell.textContent.trim(); });
    [].forEach.call(table.tBodies, function (body) {
      [].forEach.call(body.rows, function (row) {
        [].forEach.call(row.cells, function (cell, i) {
          if (names[i]) cell.setAttribute("data-label", names[i]);
        });
      });
    });
    if (names.length <= 3) table.setAttribute("data-stack", "");
  }

  function update(table) {
    var box = scroller(table);
    var cue = table.__cue;
    // Material may wrap the table after the cue was placed: keep the cue just above the box
    if (box.previousElementSibling !== cue) box.parentNode.insertBefore(cue, box);
    if (!box.__watched) {
      box.__watched = true;
      box.addEventListener("scroll", function () { update(table); }, { passive: true });
    }
    var over = box.scrollWidth > box.clientWidth + 1;
    // data attributes, not classes: Material styles only tables without a class attribute
    box.toggleAttribute("data-overflows", over);
    box.toggleAttribute("data-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 2);
    if (over) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", (table.tHead ? table.tHead.textContent.trim().replace(/\s+/g, " ") : CUE));
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("aria-label");
    }
    cue.hidden = !over;
  }

  function setup() {
    // (no class is added to a table: Material styles tables by table:not([class]))
    var tables = document.querySelectorAll("article table:not([class])");
    [].forEach.call(tables, function (table) {
      if (table.__cue) return;
      label(table);
      var cue = document.createElement("p");
      cue.className = "table-cue";
      cue.setAttribute("aria-hidden", "true");
      cue.textContent = CUE;
      cue.hidden = true;
      table.__cue = cue;
      update(table);
    });
    function all() { [].forEach.call(tables, update); }
    window.addEventListener("resize", all);
    window.addEventListener("load", all);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(all);
    var article = document.querySelector("article");
    if (window.ResizeObserver && article) new ResizeObserver(all).observe(article);
  }

  // Material wraps tables in .md-typeset__scrollwrap once its bundle has run.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setTimeout(setup, 0); });
  }
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
