// Keeps a copy of the answers in this browser so nothing is lost if the connection drops,
// and restores any answer the server does not have yet. The code itself is never stored here.
(function () {
  "use strict";
  var main = document.querySelector("main[data-draft], main[data-clear-draft]");
  if (!main) { return; }
  var storage;
  try { storage = window.localStorage; } catch (e) { return; }
  if (!storage) { return; }

  var clearKey = main.getAttribute("data-clear-draft");
  if (clearKey) { storage.removeItem("rapport-draft-" + clearKey); return; }

  var key = "rapport-draft-" + main.getAttribute("data-draft");
  var form = document.getElementById("survey-form");
  if (!form) { return; }

  function load() {
    try { return JSON.parse(storage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function store(answers) {
    try { storage.setItem(key, JSON.stringify(answers)); } catch (e) { /* storage full or disabled */ }
  }

  var saved = load();
  var restored = false;
  Array.prototype.forEach.call(form.querySelectorAll("fieldset.question"), function (fieldset) {
    var radios = fieldset.querySelectorAll("input[type=radio]");
    if (!radios.length) { return; }
    var name = radios[0].name;
    var checked = fieldset.querySelector("input[type=radio]:checked");
    if (checked) {
      saved[name] = checked.value;
    } else if (saved[name] !== undefined) {
      var match = fieldset.querySelector("input[type=radio][value='" + saved[name] + "']");
      if (match) { match.checked = true; restored = true; }
    }
  });
  Array.prototype.forEach.call(form.querySelectorAll("textarea"), function (text) {
    if (text.value) {
      saved[text.name] = text.value;
    } else if (saved[text.name]) {
      text.value = saved[text.name];
      restored = true;
    }
  });
  store(saved);

  function keep(input) {
    if (input && (input.type === "radio" || input.tagName === "TEXTAREA")) {
      var answers = load();
      answers[input.name] = input.value;
      store(answers);
    }
  }
  form.addEventListener("change", function (event) { keep(event.target); });
  // a comment is kept on this device as it is typed; it goes to the server when the field is left
  // (its counter is js/counter.js's, as every limited field's)
  form.addEventListener("input", function (event) { if (event.target.tagName === "TEXTAREA") { keep(event.target); } });

  var status = document.getElementById("save-status");
  document.body.addEventListener("htmx:sendError", function () {
    if (status) { status.textContent = status.getAttribute("data-offline") || "Saved on this device"; }
  });
  // refused (a comment too long): the server's reason, in the respondent's language, where "Saved" is said
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (status && xhr && xhr.status === 400 && xhr.responseText) { status.textContent = xhr.responseText; }
  });

  if (restored) {
    // send what only this browser had
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }
})();
