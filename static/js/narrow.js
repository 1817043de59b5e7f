// Narrow screens (a phone, 390 px wide): the trust's navigation folds behind its menu button,
// and each table cell learns its column's heading, which the stylesheet shows above it once
// the table is stacked into one block per row. Without this script the navigation stays open
// and stacked cells go without their headings; nothing is lost. A static file: the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 40rem)");

  function setUpMenu(nav) {
    var button = nav.querySelector(".nav-toggle");
    if (!button) {
      return;
    }
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("trust-nav--folded", !open);
    }
    function fit() {
      button.hidden = !NARROW.matches;
      show(!NARROW.matches);
    }
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && NARROW.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
    NARROW.addEventListener("change", fit);
    fit();
  }

  function words(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function labelCells(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) {
      return;
    }
    var names = [];
    Array.prototype.forEach.call(head.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i += 1) {
        names.push(words(cell));
      }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && names[column] && cell.tagName === "TD") {
            cell.setAttribute("data-label", names[column]);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }

  function scan(root) {
    root.querySelectorAll("table").forEach(labelCells);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("nav[data-menu]").forEach(setUpMenu);
    scan(document);
  });
  // Rows htmx swaps in (the rating grid's) keep their own labels; other swapped tables get them.
  document.addEventListener("htmx:load", function (event) {
    var table = event.detail.elt.closest && event.detail.elt.closest("table");
    if (table) {
      labelCells(table);
    }
  });
})();
