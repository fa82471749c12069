/* Recommendations list: load the filters' counts after the page (progressive enhancement).
   When a list's counts are not kept yet, the server sends the results at once and the
   filters without counts, with a plain link asking for the same list with them (which
   works without this script). This script fetches the same filter form with its counts
   (/recommendations/facets/?<the list's query>) and puts it in place, keeping what the
   visitor already ticked, opened and focused, and says so in the polite live region.
   Loaded from a file: the Content Security Policy forbids inline scripts. */
(function () {
  "use strict";
  function swap(aside, html) {
    var holder = aside.querySelector("[data-facets-form]");
    var oldForm = holder.querySelector("form");
    var doc = new DOMParser().parseFromString(html, "text/html");
    var newForm = doc.querySelector("form");
    if (!oldForm || !newForm) { return false; }
    // What the visitor did meanwhile: ticks, opened or closed groups, focus.
    var ticked = {};
    var unticked = {};
    oldForm.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var key = box.name + "\u0000" + box.value;
      if (box.checked) { ticked[key] = true; } else { unticked[key] = true; }
    });
    var open = {};
    oldForm.querySelectorAll("details[data-facet]").forEach(function (d) { open[d.dataset.facet] = d.open; });
    var focused = document.activeElement;
    var focusKey = null;
    if (focused && oldForm.contains(focused)) {
      focusKey = focused.tagName === "SUMMARY"
        ? "summary\u0000" + focused.parentNode.dataset.facet
        : focused.name + "\u0000" + focused.value;
    }
    var missing = false;
    Object.keys(ticked).forEach(function (key) {
      var parts = key.split("\u0000");
      var found = false;
      newForm.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name === parts[0] && box.value === parts[1]) { found = true; }
      });
      if (!found) { missing = true; }
    });
    if (missing) { return false; } // a ticked value the counted form lacks: keep the visitor's form
    newForm.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var key = box.name + "\u0000" + box.value;
      if (ticked[key]) { box.checked = true; } else if (unticked[key]) { box.checked = false; }
    });
    newForm.querySelectorAll("details[data-facet]").forEach(function (d) {
      if (Object.prototype.hasOwnProperty.call(open, d.dataset.facet)) { d.open = open[d.dataset.facet]; }
    });
    var adopted = document.importNode(newForm, true);
    holder.replaceChild(adopted, oldForm);
    if (focusKey) {
      var target = null;
      adopted.querySelectorAll("input, button, summary").forEach(function (el) {
        var key = el.tagName === "SUMMARY"
          ? "summary\u0000" + el.parentNode.dataset.facet
          : el.name + "\u0000" + el.value;
        if (!target && key === focusKey) { target = el; }
      });
      if (target) { target.focus(); }
    }
    return true;
  }
  function load(aside) {
    var url = aside.dataset.facetsUrl;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (!html || !swap(aside, html)) { return; }
        var link = aside.querySelector("[data-facets-link]");
        if (link) { link.parentNode.removeChild(link); }
        var status = aside.querySelector("[data-facets-status]");
        if (status) { status.textContent = aside.dataset.facetsLoaded || ""; }
      })
      .catch(function () { /* the plain link stays: it gives the same counts */ });
  }
  function start() { document.querySelectorAll("aside[data-facets-url]").forEach(load); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
