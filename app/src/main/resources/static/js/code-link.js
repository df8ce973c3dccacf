// A link from a letter's QR code or an e-mail carries the code after "#", which the browser never
// sends to the server (nor in a referrer). Put it in the field, then take it out of the address bar.
(function () {
  "use strict";
  var match = /^#code=([A-Za-z0-9-]{1,20})$/.exec(window.location.hash);
  var input = document.getElementById("code");
  if (!match || !input) { return; }
  input.value = match[1].toUpperCase();
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  input.focus();
})();
