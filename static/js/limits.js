// Fields with a maximum length (data-limit): say how much is left while typing, and stop the
// form being sent while a field is over. Nothing is cut: the person shortens it. Counted as
// the server counts: characters, a line break as one. See trustplan/core/limits.py.
(function () {
  "use strict";

  var number = new Intl.NumberFormat("en-GB");

  function length(value) {
    return Array.from(value.replace(/\r\n/g, "\n")).length;
  }

  function characters(n) {
    return number.format(n) + (n === 1 ? " character" : " characters");
  }

  function message(field) {
    var limit = Number(field.dataset.limit);
    var left = limit - length(field.value);
    if (left >= 0) {
      return { over: false, text: "You have " + characters(left) + " left of " + number.format(limit) + "." };
    }
    return {
      over: true,
      text: "You have " + characters(-left) + " too many: the limit is " + number.format(limit) + ".",
    };
  }

  function setUp(field) {
    var counter = document.getElementById(field.id + "_limit");
    if (!counter || field.dataset.limitReady) {
      return;
    }
    field.dataset.limitReady = "yes";
    // The counter changes with every key; screen readers hear it once typing pauses.
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    counter.insertAdjacentElement("afterend", status);
    var invalidFromServer = field.getAttribute("aria-invalid") === "true";
    var timer = null;

    field.limitUpdate = function (announce) {
      var said = message(field);
      counter.textContent = said.text;
      counter.classList.toggle("limit--over", said.over);
      field.setCustomValidity(said.over ? said.text : "");
      if (said.over) {
        field.setAttribute("aria-invalid", "true");
      } else if (!invalidFromServer) {
        field.removeAttribute("aria-invalid");
      }
      if (announce === "now") {
        window.clearTimeout(timer);
        status.textContent = said.text;
      } else if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          status.textContent = said.text;
        }, 900);
      }
      return said;
    };
    field.addEventListener("input", function () {
      field.limitUpdate(true);
    });
    field.limitUpdate(false);
  }

  function scan(root) {
    root.querySelectorAll("[data-limit]").forEach(setUp);
  }

  // Forms here are often novalidate, so the browser would not stop them: this does.
  document.addEventListener(
    "submit",
    function (event) {
      var over = Array.from(event.target.querySelectorAll("[data-limit]")).filter(function (field) {
        return field.limitUpdate && field.limitUpdate(false).over;
      });
      if (over.length) {
        event.preventDefault();
        over[0].focus();
        over[0].limitUpdate("now");
      }
    },
    true
  );

  document.addEventListener("DOMContentLoaded", function () {
    scan(document);
  });
  // Rows the rating grid swaps in (accepting a proposal, keeping theirs) bring new fields.
  document.addEventListener("htmx:load", function (event) {
    scan(event.detail.elt.parentNode || event.detail.elt);
  });
})();
