/* Recommendation picker: fetch search results as the user types (progressive enhancement).
   Without this script the "Find" button submits the form and the server answers with the
   same results (tracking/picker.py). Loaded from a file: the Content Security Policy
   forbids inline scripts. */
(function () {
  "use strict";
  function init(box) {
    if (box.dataset.pickerReady) { return; }
    box.dataset.pickerReady = "1";
    var input = box.querySelector("[data-picker-query]");
    var results = box.querySelector("[data-picker-results]");
    var selected = box.querySelector("[data-picker-selected]");
    var timer = null;
    var sequence = 0;
    function chosen() {
      var values = {};
      selected.querySelectorAll("input[type=checkbox]").forEach(function (c) { values[c.value] = true; });
      return values;
    }
    function search() {
      var mine = ++sequence;
      var url = box.dataset.pickerUrl + "&q=" + encodeURIComponent(input.value);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          if (mine !== sequence) { return; }
          results.innerHTML = html;
          var already = chosen();
          results.querySelectorAll("input[type=checkbox]").forEach(function (c) {
            if (already[c.value]) { c.closest("li").remove(); }
          });
        });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); clearTimeout(timer); search(); }
    });
    results.addEventListener("change", function (event) {
      var box2 = event.target;
      if (box2.type === "checkbox" && box2.checked) {
        selected.appendChild(box2.closest("li"));
        var none = box.querySelector("[data-picker-none]");
        if (none) { none.remove(); }
      }
    });
  }
  function start() { document.querySelectorAll("[data-picker]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
