/* The question editor's "Preview scoring": with JavaScript, the sample answer is scored against the
 * key as typed through POST /api/v1/grading/preview/ and the result shown in place, without a reload
 * or losing what is typed. Without it, the button posts the form and the page shows the same result.
 */
(function () {
  "use strict";

  var button = document.querySelector("[data-preview-button]");
  var form = button && button.form;
  var out = document.querySelector("[data-preview-result]");
  if (!form || !out) return;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function value(name) {
    var field = form.elements[name];
    return field ? field.value.trim() : "";
  }

  function keyLines() {
    var lines = [];
    for (var n = 1; form.elements["item-1-line-" + n + "-code"]; n++) {
      var prefix = "item-1-line-" + n + "-";
      if (!value(prefix + "code")) continue;
      lines.push({role: value(prefix + "role"), code: value(prefix + "code"), requirement: value(prefix + "requirement"),
                  group: value(prefix + "group"), modifiers: value(prefix + "modifiers"),
                  units: value(prefix + "units") || 1, rationale: value(prefix + "rationale")});
    }
    return lines;
  }

  function answerLines() {
    return value("sample_answer").split(/\n+/).map(function (line) {
      var parts = line.replace(/,/g, " ").split(/\s+/).filter(Boolean);
      if (!parts.length) return null;
      var units = 1, modifiers = [];
      parts.slice(1).forEach(function (p) {
        if (/^x\d+$/i.test(p)) units = parseInt(p.slice(1), 10); else modifiers.push(p);
      });
      return {code: parts[0], modifiers: modifiers, units: units};
    }).filter(Boolean);
  }

  function show(paragraphs, items) {
    out.textContent = "";
    paragraphs.forEach(function (text, i) {
      var p = document.createElement("p");
      if (i === 0) { var strong = document.createElement("strong"); strong.textContent = text; p.appendChild(strong); }
      else p.textContent = text;
      out.appendChild(p);
    });
    if (items && items.length) {
      var ul = document.createElement("ul");
      items.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; ul.appendChild(li); });
      out.appendChild(ul);
    }
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    var order = form.elements.order_scored;
    fetch("/api/v1/grading/preview/", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({key: keyLines(), answer: answerLines(), order_scored: !!(order && order.checked)}),
    }).then(function (r) { return r.json().then(function (body) { return {status: r.status, body: body}; }); })
      .then(function (res) {
        if (res.status !== 200) { show([res.body.error ? res.body.error.message : "The preview could not be scored."]); return; }
        var b = res.body;
        var lines = b.lines.map(function (l) {
          return l.code + ": " + l.status + " (" + l.credit + ")" + l.reasons.map(function (r) { return ". " + r.message; }).join("");
        }).concat(b.missed.map(function (l) { return "Missing " + l.code; }));
        show(["Score: " + Math.round(b.score * 100) + "% (" + b.credited + " of " + b.denominator + " lines)"], lines);
      })
      .catch(function () { show(["The preview needs the connection; nothing was saved."]); });
  });
})();
