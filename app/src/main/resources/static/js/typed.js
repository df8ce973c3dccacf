// Characters the server refuses in any text (a control character other than tab, line feed and carriage return, a C1
// control, a lone surrogate) are taken out of a field as they arrive, most often pasted from a word processor, and the
// writer is told beside the field, so that sending it never ends on an error page with the text lost. A vertical tab,
// form feed or next-line character is a line break where it came from: a new line in a text box, a space in a
// one-line field. The notice's words come from the page's language: meta "rapport-removed" holds them in each plural
// form ({0} how many characters, {1} which).
// The server keeps its own check for clients without this script.
(function () {
  "use strict";
  var meta = document.querySelector("meta[name=rapport-removed]");
  var templates = {};
  try { templates = JSON.parse(meta ? meta.getAttribute("content") : "{}"); } catch (e) { templates = {}; }
  var lang = document.documentElement.lang || undefined;
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var numbers = window.Intl && Intl.NumberFormat ? new Intl.NumberFormat(lang) : null;
  var LINE_BREAKS = /[\u000B\u000C\u0085]/g;
  var REFUSED = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function isText(field) {
    if (field.tagName === "TEXTAREA") { return true; }
    if (field.tagName !== "INPUT") { return false; }
    var type = (field.getAttribute("type") || "text").toLowerCase();
    return type === "text" || type === "search" || type === "email" || type === "url" || type === "tel";
  }

  // each character once, as U+000B, in the order found
  function named(found) {
    var names = [];
    found.forEach(function (c) {
      var hex = c.charCodeAt(c.length - 1).toString(16).toUpperCase();
      var name = "U+" + ("0000" + hex).slice(-4);
      if (names.indexOf(name) < 0) { names.push(name); }
    });
    return names;
  }

  function said(names) {
    var n = names.length;
    var form = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    var template = templates[form] || templates.other || "{1}";
    return template.replace("{0}", numbers ? numbers.format(n) : String(n)).replace("{1}", names.join(", "));
  }

  function notice(field, text) {
    var id = (field.id || field.name || "field").replace(/[^A-Za-z0-9_-]/g, "_") + "-removed";
    var p = document.getElementById(id);
    if (!p) {
      p = document.createElement("p");
      p.id = id;
      p.className = "hint block removed-characters";
      p.setAttribute("role", "status");
      field.insertAdjacentElement("afterend", p);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    p.textContent = text;
  }

  function clean(field) {
    var value = field.value;
    var found = [];
    var cleaned = value.replace(LINE_BREAKS, function (c) {
      found.push(c);
      return field.tagName === "TEXTAREA" ? "\n" : " ";
    }).replace(REFUSED, function (match, before) {
      found.push(match.slice(before ? before.length : 0));
      return before || "";
    });
    if (found.length === 0) { return false; }
    var end = field.selectionEnd;
    field.value = cleaned;
    if (typeof end === "number" && document.activeElement === field) {
      var at = Math.max(0, Math.min(cleaned.length, end - (value.length - cleaned.length)));
      field.setSelectionRange(at, at);
    }
    notice(field, said(named(found)));
    // the counter and the survey's own copy hear of the change
    field.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  document.addEventListener("input", function (e) {
    if (isText(e.target)) { clean(e.target); }
  }, true);

  // a field filled without an input event (the browser's autofill, a restored draft) is cleaned before it is sent
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var changed = false;
    Array.prototype.forEach.call(form.elements || [], function (field) {
      if (isText(field) && clean(field)) { changed = true; }
    });
    if (changed) {
      // the writer sees what was taken out before anything is sent
      e.preventDefault();
    }
  }, true);
})();
