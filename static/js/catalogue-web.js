/* The catalogue's web edition (reporting/templates/reporting/catalogue/web_header.html).

   On a narrow screen a wide table scrolls sideways inside its own box instead of being
   squeezed letter by letter or widening the page (WCAG 1.4.10). The box is a labelled
   region (its table's caption) that the keyboard reaches while it scrolls (tabindex),
   and leaves out of the tab order when everything fits. Without this script the tables
   wrap, as in the preview. */
(function () {
  "use strict";
  var boxes = [];
  document.querySelectorAll("main table").forEach(function (table, index) {
    var box = table.parentElement;
    if (!box.classList.contains("table-scroll")) {
      box = document.createElement("div");
      box.className = "table-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
      var caption = table.querySelector("caption");
      if (caption && !caption.id) caption.id = "tabel-" + (index + 1);
      box.dataset.caption = caption ? caption.id : "";
      box.dataset.focusWhenScrolling = "true";
    }
    boxes.push(box);
  });
  function update() {
    boxes.forEach(function (box) {
      if (box.dataset.focusWhenScrolling !== "true") return;
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (box.dataset.caption) box.setAttribute("aria-labelledby", box.dataset.caption);
        else box.setAttribute("aria-label", "Tabel");
      } else {
        ["tabindex", "role", "aria-labelledby", "aria-label"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  document.documentElement.classList.add("tables-scroll");
  update();
  window.addEventListener("resize", update);
})();
