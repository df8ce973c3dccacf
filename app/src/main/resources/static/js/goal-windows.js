// A goal's form offers as "the window that will tell" only windows that run after the one it starts from:
// choosing another start hides the earlier ones (the server refuses them anyway, keeping what was typed).
(function () {
  "use strict";
  document.querySelectorAll("form").forEach(function (form) {
    var start = form.querySelector("select[name=baselineWindow]");
    var teller = form.querySelector("select[name=evaluationWindow]");
    if (!start || !teller) { return; }
    function offer() {
      var chosen = start.options[start.selectedIndex];
      var from = chosen ? Number(chosen.getAttribute("data-order")) : -1;
      var firstOpen = null;
      Array.prototype.forEach.call(teller.options, function (option) {
        if (!option.hasAttribute("data-order")) { return; }
        var later = Number(option.getAttribute("data-order")) > from;
        option.hidden = !later;
        option.disabled = !later;
        if (later && firstOpen === null && option.getAttribute("data-closed") !== "true") { firstOpen = option; }
      });
      var selected = teller.options[teller.selectedIndex];
      if (selected && selected.disabled) {
        if (firstOpen) { firstOpen.selected = true; } else { teller.value = ""; }
      }
    }
    start.addEventListener("change", offer);
    offer();
  });
})();
