/* Lecture player: playback speed, resume, and honest reports of what was played.
 *
 * The server decides whether a lecture was watched (90% of its length, from
 * the stretches reported, merged and capped by the time that really passed),
 * so the player only says what happened: "I played N seconds of the video,
 * ending at position P". It reports every 10 seconds of playback, on pause,
 * just before a seek (the stretch up to where the seek started), at the end,
 * and when the page goes away (sendBeacon, the CSRF token in the form data).
 * The page renders data-position from the server; we seek there once the
 * video's metadata has loaded, so a reload or another device resumes.
 */
(function () {
  "use strict";

  var REPORT_EVERY = 10; // seconds of media played between reports
  var SPEED_KEY = "codecohort.playbackRate";

  function round(value) {
    return Math.round(value * 100) / 100;
  }

  function setup(root) {
    var video = root.querySelector("video");
    if (!video) return;
    var url = root.getAttribute("data-progress-url");
    var csrf = root.getAttribute("data-csrf");
    var resumeAt = parseFloat(root.getAttribute("data-position")) || 0;
    var status = root.querySelector("[data-watch-status]");
    var from = null; // media time where the stretch not yet reported began; null while not playing
    var last = 0; // the latest media time seen while playing: where the stretch ends
    var unsent = null; // [start, end] of a stretch whose report failed, sent again with the next one if it follows on
    var resuming = false;

    function show(data) {
      if (!status || !data || typeof data.watched_percent !== "number") return;
      var words = "Watched " + data.watched_percent + "%" + (data.completed ? " · complete" : "");
      if (status.textContent !== words) status.textContent = words;
    }

    function stretchTo(end) {
      var start = from === null ? end : from;
      if (unsent && Math.abs(unsent[1] - start) < 0.5) start = unsent[0];
      unsent = null;
      return [start, end];
    }

    function send(start, end) {
      if (!url) return;
      var body = JSON.stringify({ position: round(end), seconds_watched: round(Math.max(0, end - start)) });
      window.fetch(url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: true,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
        body: body,
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.status === 200 ? response.json() : null;
      }).then(show).catch(function () {
        if (end > start) unsent = [start, end];
      });
    }

    function report(end) {
      var stretch = stretchTo(end);
      send(stretch[0], stretch[1]);
    }

    function beacon() {
      if (!url) return;
      var end = video.paused ? video.currentTime : last;
      var stretch = stretchTo(end);
      from = null;
      var data = new FormData();
      data.append("position", String(round(stretch[1])));
      data.append("seconds_watched", String(round(Math.max(0, stretch[1] - stretch[0]))));
      data.append("csrfmiddlewaretoken", csrf);
      if (!(navigator.sendBeacon && navigator.sendBeacon(url, data))) {
        window.fetch(url, { method: "POST", credentials: "same-origin", keepalive: true, body: data });
      }
    }

    video.addEventListener("loadedmetadata", function () {
      var duration = video.duration;
      if (resumeAt >= 1 && (!isFinite(duration) || resumeAt < duration - 1)) {
        resuming = true;
        video.currentTime = resumeAt;
      }
    });
    video.addEventListener("playing", function () {
      last = video.currentTime;
      from = last;
    });
    video.addEventListener("timeupdate", function () {
      if (video.seeking || video.paused) return;
      last = video.currentTime;
      if (from === null) from = last;
      if (last - from >= REPORT_EVERY) {
        report(last);
        from = last;
      }
    });
    video.addEventListener("pause", function () {
      if (video.seeking || resuming) return;
      last = video.currentTime;
      report(last);
      from = null;
    });
    video.addEventListener("seeking", function () {
      if (resuming) return;
      // currentTime already shows the target; the stretch played ends where we last saw the video.
      if (from !== null) report(last);
      from = null;
    });
    video.addEventListener("seeked", function () {
      last = video.currentTime;
      if (resuming) {
        resuming = false;
        return;
      }
      if (video.paused) {
        report(last); // nothing played, but a reload should open here
      } else {
        from = last;
      }
    });
    video.addEventListener("ended", function () {
      if (from !== null) report(video.duration || last);
      from = null;
    });
    window.addEventListener("pagehide", function () {
      if (from !== null || unsent) beacon();
    });
    window.addEventListener("pageshow", function (event) {
      // Back from the page cache: the beacon ended the stretch, a new one starts here.
      if (event.persisted && !video.paused) {
        last = video.currentTime;
        from = last;
      }
    });

    setupSpeed(root, video);
  }

  function setupSpeed(root, video) {
    var group = root.querySelector("[data-speed-controls]");
    if (!group) return;
    var buttons = Array.prototype.slice.call(group.querySelectorAll("[data-speed]"));

    function mark(rate) {
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", parseFloat(button.getAttribute("data-speed")) === rate ? "true" : "false");
      });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var rate = parseFloat(button.getAttribute("data-speed"));
        video.playbackRate = rate;
        mark(rate);  // at once: the ratechange event comes later
        try { window.localStorage.setItem(SPEED_KEY, String(rate)); } catch (e) { /* private mode */ }
      });
    });
    // The browser's own controls may change the speed too.
    video.addEventListener("ratechange", function () { mark(video.playbackRate); });

    var saved = null;
    try { saved = parseFloat(window.localStorage.getItem(SPEED_KEY)); } catch (e) { /* private mode */ }
    if (saved && buttons.some(function (b) { return parseFloat(b.getAttribute("data-speed")) === saved; })) {
      video.playbackRate = saved;
      video.defaultPlaybackRate = saved;
    }
    mark(video.playbackRate);
    group.hidden = false;
  }

  function init() {
    document.querySelectorAll("[data-player]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
