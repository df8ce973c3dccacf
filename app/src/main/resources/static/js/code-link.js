// A link from a letter's QR code or an e-mail carries the code after "#", which the browser never
// sends to the server (nor in a referrer). Put it in the field, then take it out of the address bar.
// Choosing another language keeps the code the same way: after "#", which survives the redirect back.
(function () {
  "use strict";
  var input = document.getElementById("code");
  if (!input) { return; }
  var match = /^#code=([A-Za-z0-9-]{1,20})$/.exec(window.location.hash);
  if (match) {
    input.value = match[1].toUpperCase();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    input.focus();
  }
  document.querySelectorAll(".languages a").forEach(function (link) {
    link.addEventListener("click", function () {
      var code = input.value.trim();
      var base = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", /^[A-Za-z0-9-]{1,20}$/.test(code) ? base + "#code=" + encodeURIComponent(code) : base);
    });
  });
})();
