// The rating grid by keyboard (the keys are listed on the page, in "Keyboard keys for rating"):
// S keeps last term's rating, a status letter rates, Enter in a commentary saves it and moves
// on, arrows or J/K move between rows. Saving itself is htmx's (hx-post on each row, on change);
// this only moves focus and presses the row's own controls, so everything here can also be
// done with Tab and the buttons. A static file: the Content-Security-Policy allows no inline
// script.
(function () {
  "use strict";

  var LETTERS = { r: "red", a: "amber", g: "green", c: "complete", n: "not_started" };

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("tr.grid-row"));
  }

  function statusOf(row) {
    return row && row.querySelector("select[name=status]:not([disabled])");
  }

  function say(text) {
    var live = document.getElementById("grid-live");
    if (live) {
      live.textContent = text;
    }
  }

  // The row `step` rows after `row` (the row itself when there is none further).
  function move(row, step) {
    var all = rows();
    var index = all.indexOf(row) + step;
    if (index < 0 || index >= all.length) {
      say(step > 0 ? "This is the last row." : "This is the first row.");
      return false;
    }
    var select = statusOf(all[index]);
    if (select) {
      select.focus();
      all[index].scrollIntoView({ block: "nearest" });
    }
    return true;
  }

  function plain(event) {
    return !(event.ctrlKey || event.metaKey || event.altKey);
  }

  function toggleHelp() {
    var help = document.getElementById("grid-keys");
    if (help) {
      help.open = !help.open;
      help.querySelector("summary").focus();
    }
  }

  function onStatusKey(event, select, row) {
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if ((key === "ArrowDown" || key === "j") && plain(event)) {
      event.preventDefault();
      move(row, 1);
    } else if ((key === "ArrowUp" || key === "k") && plain(event)) {
      event.preventDefault();
      move(row, -1);
    } else if (key === "s" && plain(event)) {
      event.preventDefault();
      var carry = row.querySelector(".grid-carry");
      if (carry) {
        carry.click();
        move(row, 1);
      } else {
        say("There is no rating from last term to keep for this row.");
      }
    } else if (LETTERS[key] && plain(event)) {
      event.preventDefault();
      if (select.value !== LETTERS[key]) {
        select.value = LETTERS[key];
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      var box = row.querySelector("textarea[name=commentary]");
      if (box && !box.disabled) {
        box.focus();
        box.setSelectionRange(box.value.length, box.value.length);
      }
    } else if (key === "?") {
      event.preventDefault();
      toggleHelp();
    }
  }

  function onCommentaryKey(event, row) {
    if (event.key === "Enter" && !event.shiftKey && plain(event)) {
      // Leaving the box sends its change (htmx, on change); the next row's rating takes focus.
      event.preventDefault();
      if (!move(row, 1)) {
        event.target.blur();
        event.target.focus();
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      var select = statusOf(row);
      if (select) {
        select.focus();
      }
    }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var row = target.closest && target.closest("tr.grid-row");
    if (!row) {
      if (event.key === "?" && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        toggleHelp();
      }
      return;
    }
    if (target.matches("select[name=status]")) {
      onStatusKey(event, target, row);
    } else if (target.matches("textarea[name=commentary]")) {
      onCommentaryKey(event, row);
    }
  });

  // Focus starts on the first row not yet rated (or the row the address names), unless the
  // reader is already in a field: a box being typed into keeps its focus.
  document.addEventListener("DOMContentLoaded", function () {
    var active = document.activeElement;
    if (active && active !== document.body && active.closest("main")) {
      return;
    }
    var named = document.getElementById(window.location.hash.slice(1));
    named = named && named.matches("tr.grid-row") ? named : null;
    var first = named || document.querySelector("tr.grid-row--unrated") || rows()[0];
    var select = statusOf(first);
    if (select) {
      select.focus();
    }
  });

  // A page brought back from the browser's memory would hold versions older than the saves
  // made since: fetch it afresh (pages are also sent with no-store).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      window.location.reload();
    }
  });
})();
