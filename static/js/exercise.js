/* Coding exercise: more answer lines, and codes picked in the lookup panel.
 *
 * Without JavaScript the six rendered lines and the form's plain POST work.
 * Here "Add a line" clones the last line, and "Use" in the code lookup panel
 * fills the next empty code field: encoder.js fires `code-picked` and then
 * fills the element its panel's data-answer-field names, so we point that
 * attribute at the right field while the event passes (and add a line when
 * every one is taken). htmx swaps the feedback in; it lives in an aria-live
 * region, so it is read out where it appears.
 */
(function () {
  "use strict";

  var MAX_LINES = 25; // as the server allows

  function setup(form) {
    var list = form.querySelector("[data-answer-lines]");
    var addButton = form.querySelector("[data-add-line]");
    if (!list) return;

    function lines() {
      return Array.prototype.slice.call(list.querySelectorAll("[data-answer-line]"));
    }

    function codeFields() {
      return Array.prototype.slice.call(list.querySelectorAll("[data-answer-code]"));
    }

    function renumber(item, number) {
      item.querySelectorAll("input").forEach(function (input) {
        var label = item.querySelector('label[for="' + input.id + '"]');
        input.id = input.id.replace(/-\d+$/, "-" + number);
        input.value = "";
        input.removeAttribute("aria-invalid");
        if (input.hasAttribute("aria-describedby")) input.setAttribute("aria-describedby", "answer-help");
        if (label) {
          label.htmlFor = input.id;
          var hidden = label.querySelector(".visually-hidden");
          if (hidden) hidden.textContent = " on line " + number;
        }
      });
    }

    function addLine() {
      var all = lines();
      if (!all.length || all.length >= MAX_LINES) return null;
      var item = all[all.length - 1].cloneNode(true);
      renumber(item, all.length + 1);
      list.appendChild(item);
      if (addButton && all.length + 1 >= MAX_LINES) addButton.disabled = true;
      return item;
    }

    if (addButton) {
      addButton.hidden = false;
      addButton.addEventListener("click", function () {
        var item = addLine();
        if (item) item.querySelector("[data-answer-code]").focus();
      });
    }

    document.addEventListener("code-picked", function (event) {
      var panel = event.target.closest && event.target.closest("[data-code-panel]");
      if (!panel) return;
      var field = codeFields().filter(function (input) { return !input.value.trim(); })[0];
      if (!field) {
        var item = addLine();
        field = item && item.querySelector("[data-answer-code]");
      }
      // encoder.js reads the attribute right after this event and fills that field (or only announces).
      panel.setAttribute("data-answer-field", field ? field.id : "");
    });
  }

  function init() {
    document.querySelectorAll("[data-answer-form]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
