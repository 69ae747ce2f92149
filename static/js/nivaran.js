// Behaviour for Nivaran's pages. The Content-Security-Policy forbids inline script, so
// buttons declare what they do with data attributes and this file wires them up.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
