// How many characters a limited field has left, said as it is typed (the box stopped at its limit without a word). Every
// field with data-counter (and a maxlength) has one: data-counter names the element that shows it, whose data-templates
// hold its text in each plural form of the page's language ({0} the count, {1} the limit). Screen readers hear it only
// near the limit, politely and once typing pauses, through the live region "<data-counter>-live"; the full count is read
// with the field (the counter is among its aria-describedby).
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var numbers = window.Intl && Intl.NumberFormat ? new Intl.NumberFormat(lang) : null;
  function number(n) { return numbers ? numbers.format(n) : String(n); }

  Array.prototype.forEach.call(document.querySelectorAll("[data-counter]"), function (field) {
    var id = field.getAttribute("data-counter");
    var count = document.getElementById(id);
    var live = document.getElementById(id + "-live");
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!count || !(max > 0)) { return; }
    var templates = JSON.parse(count.getAttribute("data-templates") || "{}");
    // near the limit: the last tenth, at least 10 and at most 100 characters
    var near = Math.max(10, Math.min(100, Math.ceil(max / 10)));
    var pause = null;
    function text(left) {
      var form = plurals ? plurals.select(left) : (left === 1 ? "one" : "other");
      var template = templates[form] || templates.other || "{0} / {1}";
      return template.replace("{0}", number(left)).replace("{1}", number(max));
    }
    function counted(typed) {
      var left = Math.max(0, max - field.value.length);
      count.textContent = text(left);
      count.classList.toggle("near-limit", left <= near);
      if (live && typed) {
        clearTimeout(pause);
        pause = setTimeout(function () { live.textContent = left <= near ? text(left) : ""; }, 700);
      }
    }
    field.addEventListener("input", function () { counted(true); });
    counted(false);
  });
})();
