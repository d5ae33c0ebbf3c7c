/* Taking an attempt: every answer saved as it is given, nothing lost.
 *
 * Each question saves on its own, 800 ms after the last change, through
 * POST /api/v1/attempts/<id>/answers/ with a per-question sequence number,
 * so a slow older save can never overwrite a newer one on the server. Until
 * the server confirms, the answer is kept in localStorage; when the network
 * is back (the "online" event, or the next try every 10 s) the kept answers
 * are sent. A reload that finds kept answers newer than the server's offers
 * them back. The timer counts down from the server's time left and is reset
 * by every save's answer; at zero the page submits. Without JavaScript the
 * form's buttons save and submit.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-attempt-form]");
  if (!form) return;
  var api = form.getAttribute("data-api");
  var storeKey = "codecohort-attempt-" + form.getAttribute("data-attempt");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var saveState = document.querySelector("[data-save-state]");
  var announcer = document.querySelector("[data-time-announcer]");
  var timerEl = document.querySelector("[data-timer]");
  var questions = {};
  var pending = {};   // position -> {seq, response}: changed on this page, not yet confirmed
  var timers = {};
  var closed = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; }
  }
  function keep() {
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* private mode: the server copy stands */ }
  }

  function responseOf(fieldset) {
    var kind = fieldset.getAttribute("data-kind");
    if (kind === "single") {
      var picked = fieldset.querySelector("input[type=radio]:checked");
      return {choice: picked ? picked.value : null};
    }
    if (kind === "multiple") {
      return {choices: Array.prototype.map.call(fieldset.querySelectorAll("input[type=checkbox]:checked"), function (i) { return i.value; })};
    }
    if (kind === "written") return {text: fieldset.querySelector("textarea").value};
    return {items: Array.prototype.map.call(fieldset.querySelectorAll("[data-coding-item]"), function (group) {
      var lines = [];
      group.querySelectorAll(".answer-line").forEach(function (line) {
        var inputs = line.querySelectorAll("input");
        var code = inputs[0].value.trim();
        if (!code) return;
        lines.push({code: code, modifiers: inputs[1].value.replace(/,/g, " ").split(/\s+/).filter(Boolean),
                    units: parseInt(inputs[2].value, 10) || 1});
      });
      return lines;
    })};
  }

  function fill(fieldset, response) {
    var kind = fieldset.getAttribute("data-kind");
    if (!response) return;
    if (kind === "single" || kind === "multiple") {
      var chosen = kind === "single" ? [response.choice] : (response.choices || []);
      fieldset.querySelectorAll("input").forEach(function (i) { i.checked = chosen.indexOf(i.value) !== -1; });
    } else if (kind === "written") {
      fieldset.querySelector("textarea").value = response.text || "";
    } else {
      fieldset.querySelectorAll("[data-coding-item]").forEach(function (group, n) {
        var lines = (response.items || [])[n] || [];
        group.querySelectorAll(".answer-line").forEach(function (line, k) {
          var inputs = line.querySelectorAll("input");
          var value = lines[k] || {code: "", modifiers: [], units: ""};
          inputs[0].value = value.code; inputs[1].value = (value.modifiers || []).join(", "); inputs[2].value = value.units || "";
        });
      });
    }
  }

  function say(text) { if (saveState) saveState.textContent = text; }
  function clock(iso) {
    var d = iso ? new Date(iso) : new Date();
    return d.toLocaleTimeString([], {hour: "numeric", minute: "2-digit", second: "2-digit"});
  }
  function unsent() { return Object.keys(pending).length; }

  // --- the timer follows the server ---------------------------------------------------------
  var deadline = null;
  var warned = {};
  function setLeft(seconds) {
    if (seconds === null || seconds === undefined || !timerEl) return;
    deadline = performance.now() + seconds * 1000;
  }
  function tick() {
    if (deadline === null || closed) return;
    var left = Math.max(0, Math.round((deadline - performance.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    timerEl.textContent = (h ? h + " h " : "") + m + " min " + (h ? "" : s + " s");
    [600, 300, 60].forEach(function (mark) {
      if (left <= mark && left > mark - 5 && !warned[mark]) {
        warned[mark] = true;
        announcer.textContent = Math.round(mark / 60) + (mark === 60 ? " minute" : " minutes") + " left.";
      }
    });
    if (left === 0) timeUp();
  }
  function timeUp() {
    if (closed) return;
    closed = true;
    announcer.textContent = "Time is up. Your saved answers are being submitted.";
    flushAll().then(function () { submitForm(); });
  }
  function submitForm() {
    window.removeEventListener("beforeunload", guard);
    var hidden = document.createElement("input");
    hidden.type = "hidden"; hidden.name = "submit"; hidden.value = "1";
    form.appendChild(hidden);
    HTMLFormElement.prototype.submit.call(form);
  }

  // --- saving ---------------------------------------------------------------------------
  function send(position) {
    var entry = pending[position];
    if (!entry) return Promise.resolve(true);
    return fetch(api + "answers/", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({position: Number(position), seq: entry.seq, response: entry.response}),
    }).then(function (r) {
      return r.json().then(function (body) { return {status: r.status, body: body}; });
    }).then(function (res) {
      if (res.status === 200) {
        if (pending[position] && pending[position].seq <= res.body.seq) delete pending[position];
        keep();
        setLeft(res.body.seconds_left);
        if (res.body.saved === false) {
          // The server holds a newer answer to this question (another tab or device): it stands.
          say("Question " + position + " has a newer answer saved from another window; reload to see it.");
          return true;
        }
        say(unsent() ? "Saving…" : "All answers saved at " + clock(res.body.saved_at || res.body.server_time) + ".");
        return true;
      }
      if (res.status === 409) {
        closed = true;
        delete pending[position]; keep();
        say(res.body.error.message);
        window.removeEventListener("beforeunload", guard);
        setTimeout(function () { window.location.assign(form.getAttribute("data-results")); }, 4000);
        return false;
      }
      say("This answer was not saved: " + ((res.body.error && res.body.error.message) || "try again") + ".");
      return false;
    }).catch(function () {
      say("You are offline. Your answers are kept on this device and will be sent when the connection is back.");
      return false;
    });
  }
  function flushAll() {
    return Promise.all(Object.keys(pending).map(send));
  }
  function markAnswered(position, response) {
    var link = document.querySelector('[data-nav="' + position + '"]');
    if (!link) return;
    var answered = response && ((response.choice) || (response.choices && response.choices.length) ||
      (response.text && response.text.trim()) || (response.items && response.items.some(function (g) { return g.length; })));
    link.classList.toggle("answered", !!answered);
    var hidden = link.querySelector(".visually-hidden");
    if (hidden) hidden.textContent = answered ? ", answered" : "";
  }

  function changed(fieldset) {
    if (closed) return;
    var position = fieldset.getAttribute("data-question");
    var q = questions[position];
    q.seq += 1;
    pending[position] = {seq: q.seq, response: responseOf(fieldset)};
    markAnswered(position, pending[position].response);
    keep();
    say("Saving…");
    clearTimeout(timers[position]);
    timers[position] = setTimeout(function () { send(position); }, 800);
  }

  function guard(event) {
    if (unsent() && !closed) { event.preventDefault(); event.returnValue = ""; }
  }

  // --- start ----------------------------------------------------------------------------
  form.querySelectorAll("[data-question]").forEach(function (fieldset) {
    var position = fieldset.getAttribute("data-question");
    questions[position] = {seq: parseInt(fieldset.getAttribute("data-seq"), 10) || 0, el: fieldset};
    markAnswered(position, responseOf(fieldset));
    fieldset.addEventListener("input", function () { changed(fieldset); });
    fieldset.addEventListener("change", function () { changed(fieldset); });
  });
  var kept = load();
  var newer = Object.keys(kept).filter(function (p) { return questions[p] && kept[p].seq > questions[p].seq; });
  if (newer.length) {
    var box = document.querySelector("[data-restore]");
    box.querySelector("[data-restore-text]").textContent = newer.length + (newer.length === 1 ? " answer" : " answers") +
      " on this device did not reach the server before the page closed.";
    box.hidden = false;
    box.querySelector("[data-restore-yes]").addEventListener("click", function () {
      newer.forEach(function (p) {
        fill(questions[p].el, kept[p].response);
        questions[p].seq = Math.max(questions[p].seq, kept[p].seq);
        pending[p] = kept[p];
      });
      box.hidden = true; keep(); flushAll();
    });
    box.querySelector("[data-restore-no]").addEventListener("click", function () { box.hidden = true; pending = {}; keep(); });
  } else {
    try { localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
  }

  window.addEventListener("beforeunload", guard);
  window.addEventListener("online", function () { if (unsent()) { say("Back online: sending your answers…"); flushAll(); } });
  setInterval(function () { if (unsent() && navigator.onLine !== false) flushAll(); }, 10000);
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "submit") {
      if (!window.confirm("Submit this attempt? You cannot change your answers afterwards.")) { event.preventDefault(); return; }
    }
    window.removeEventListener("beforeunload", guard);
    try { localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
  });
  if (timerEl) {
    setLeft(parseInt(timerEl.getAttribute("data-seconds-left"), 10));
    tick();
    setInterval(tick, 1000);
  }
})();
