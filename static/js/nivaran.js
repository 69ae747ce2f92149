/* Nivaran's only script (no inline script: the Content-Security-Policy forbids it).
   A form that changes something is sent once: after the first submit its buttons are
   disabled (a double click sends one POST; the server's one-time token covers the rest). */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.method || "").toLowerCase() !== "post") return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
    // Disabled after this event, so the pressed button's own name and value are still sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]")
        .forEach(function (button) {
          if (button.disabled) return;
          button.disabled = true;
          button.dataset.sentOnce = "1";
        });
    }, 0);
  });
  // Back to a page kept in the browser's cache: its forms can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("[data-sent-once]").forEach(function (button) {
        button.disabled = false;
        delete button.dataset.sentOnce;
      });
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    // On a phone a list row becomes a card: each cell says which column it is.
    document.querySelectorAll("table.grid").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
        });
      });
    });
    // On a phone the filters fold away unless some are in use; results come first.
    var phone = window.matchMedia("(max-width: 40rem)");
    var fold = function () {
      document.querySelectorAll("details.filters-fold[data-fold-on-phone]").forEach(function (d) {
        d.open = !phone.matches;
      });
    };
    fold();
    phone.addEventListener("change", fold);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) window.print();
  });
})();
