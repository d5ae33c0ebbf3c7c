/* Encoder: keyboard navigation of search results and the code lookup panel.
 *
 * The server renders plain lists of links so everything works without
 * JavaScript. Here we turn the encoder's search box into an ARIA combobox
 * whose results are a listbox: focus stays in the input and
 * aria-activedescendant points at the highlighted result.
 */
(function () {
  "use strict";

  // --- combobox --------------------------------------------------------------

  function comboboxFor(input) {
    var listId = input.getAttribute("data-combobox");
    var active = -1;

    function options() {
      var list = document.getElementById(listId);
      return list ? Array.prototype.slice.call(list.querySelectorAll("a.hit")) : [];
    }

    function enhance() {
      var list = document.getElementById(listId);
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!list) {
        input.setAttribute("aria-expanded", "false");
        return;
      }
      list.setAttribute("role", "listbox");
      Array.prototype.forEach.call(list.children, function (item) { item.setAttribute("role", "none"); });
      options().forEach(function (option) {
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("tabindex", "-1");
      });
      input.setAttribute("aria-expanded", options().length ? "true" : "false");
    }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
        option.classList.toggle("is-active", i === active);
      });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function clear() {
      input.value = "";
      enhance();
      if (window.htmx) window.htmx.trigger(input, "search");
    }

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    enhance();

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active < 0 ? -1 : active - 1);
      } else if (event.key === "Enter") {
        var all = options();
        event.preventDefault();
        if (active >= 0 && all[active]) {
          window.location.assign(all[active].href);
        } else if (window.htmx) {
          window.htmx.trigger(input, "search");
        } else {
          input.form.submit();
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (input.value) clear();
      }
    });
    // Typing changes the results: the old highlight no longer means anything.
    input.addEventListener("input", function () {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    });

    return enhance;
  }

  // --- panel -----------------------------------------------------------------

  function announce(panel, message) {
    var status = panel.querySelector("[role=status]");
    if (status) status.textContent = message;
  }

  function pick(button) {
    var panel = button.closest("[data-code-panel]");
    var detail = {
      system: button.getAttribute("data-system"),
      code: button.getAttribute("data-code"),
      description: button.getAttribute("data-description"),
    };
    panel.dispatchEvent(new CustomEvent("code-picked", { bubbles: true, detail: detail }));

    var fieldId = panel.getAttribute("data-answer-field");
    var field = fieldId && document.getElementById(fieldId);
    var message = detail.code + " picked.";
    if (field) {
      field.value = detail.code;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      var label = document.querySelector('label[for="' + fieldId + '"]');
      message = detail.code + " put in " + (label ? label.textContent.trim() : "the answer field") + ".";
    }
    announce(panel, message);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(detail.code).then(function () {
        announce(panel, message + " Copied to the clipboard.");
      }, function () { /* refused: the field and the event still carry the code */ });
    }
  }

  function setupPanel(panel) {
    var input = panel.querySelector("[data-panel-input]");
    if (!input) return;
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        if (window.htmx) window.htmx.trigger(input, "search");
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        if (window.htmx) window.htmx.trigger(input, "search");
      }
    });
  }

  // --- wiring ----------------------------------------------------------------

  var enhancers = [];

  function init() {
    document.querySelectorAll("input[data-combobox]").forEach(function (input) {
      enhancers.push(comboboxFor(input));
    });
    document.querySelectorAll("[data-code-panel]").forEach(setupPanel);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-code]");
    if (button) pick(button);
  });
  document.addEventListener("htmx:afterSwap", function () {
    enhancers.forEach(function (enhance) { enhance(); });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
