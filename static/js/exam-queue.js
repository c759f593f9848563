// The offline tap queue of the exam screens. exam.js hands each tap to `ExamQueue.enqueue`; this module stores it
// in IndexedDB (tap-store.js: one queue per user, across steps and reloads), shows it on the controls at once and
// sends the queue in order through htmx.ajax, so htmx still does the swaps, out-of-band updates, HX-Trigger
// events and HX-Redirect. Failed sends are retried with backoff, on reconnect, on return to the tab and by
// Background Sync; a tap that meets a newer answer from another tablet waits for the clinician to choose. It also
// asks the service worker to keep this exam's step pages for offline use.
(function () {
  "use strict";
  var app = document.getElementById("exam-app");
  var App = window.ExamApp;
  var Taps = window.TapStore;
  if (!app || !window.htmx || !Taps || !App || !App.user || !window.indexedDB || !app.dataset.exam) return;

  var user = App.user;
  var exam = app.dataset.exam;
  var busyId = null; // the tap being sent: a newer tap on that control queues behind it instead of replacing it
  var current = null; // what the server said about the tap being sent
  var running = false;
  var again = false;
  var attempt = 0;
  var timer = null;
  var keepTimer = null;
  var redrawNeeded = false; // a tap saved from a screen that does not show it: redraw this one afterwards

  function version() {
    var input = document.getElementById("exam-version");
    return input ? Number(input.value) : 1;
  }

  function announce(text) {
    var region = document.getElementById("status");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 30);
  }

  function stateShow(key, text, state) {
    document.querySelectorAll('[data-state-for="' + key + '"]').forEach(function (el) {
      el.textContent = text;
      el.setAttribute("data-state", state);
    });
  }

  // A refused control, as the page drawn without JavaScript marks it (exam_fields.py): invalid, described by the
  // message beside it. The server's next fragment for the control replaces the form and clears the marks.
  function invalidMark(key) {
    var form = key ? document.querySelector('form[data-key="' + key + '"]') : null;
    if (!form) return;
    form.querySelectorAll("button[name], button.spot, button.toggle, input:not([type=hidden]), textarea").forEach(function (control) {
      var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      if (ids.indexOf(key + "-state") < 0) ids.push(key + "-state");
      control.setAttribute("aria-describedby", ids.join(" "));
      control.setAttribute("aria-invalid", "true");
    });
  }

  // Show a tap on the controls at once (also on a page drawn from the cache, before the tap reached the server).
  function reflect(tap) {
    if (tap.state !== "queued") {
      // The server's answer stands on screen until the clinician chooses in the panel.
      stateShow(tap.key, "⚠ " + (tap.note || "Not saved") + " Choose in “Taps that need your decision”.", "failed");
      return;
    }
    var form = document.querySelector('form[data-key="' + tap.key + '"]');
    if (form) {
      Object.keys(tap.values).forEach(function (name) {
        form.querySelectorAll('button[name="' + name + '"]').forEach(function (button) {
          button.setAttribute("aria-pressed", String(button.value === tap.values[name]));
        });
        var hidden = form.querySelector('input[type=hidden][name="' + name + '"]');
        if (hidden && name !== "present" && name !== "version") hidden.value = tap.values[name];
      });
      var present = form.querySelector("input[type=hidden][name=present]");
      var toggle = form.querySelector("button:not([name])");
      if (present && toggle && tap.values.present) {
        var on = tap.values.present === "yes";
        toggle.setAttribute("aria-pressed", String(on));
        present.value = on ? "no" : "yes"; // the next tap asks for the opposite
      }
    }
    document.querySelectorAll('input[type=checkbox][data-key="' + tap.key + '"]').forEach(function (box) {
      box.checked = tap.values.present === "yes";
    });
    stateShow(tap.key, "Waiting to be sent", "saving");
  }

  function queueShow(rows) {
    var el = document.getElementById("save-queue");
    var count = Taps.counts(rows.filter(function (row) { return row.user === user; }));
    if (el) {
      var text = "All taps saved";
      var state = "saved";
      if (count.total) {
        text = App.words(count);
        if (!count.queued) state = "decide";
        else if (!navigator.onLine) { text += " — offline, kept on this tablet"; state = "offline"; }
        else if (attempt) { text += " — retrying"; state = "failed"; }
        else { text += " — sending…"; state = "saving"; }
      }
      el.textContent = text;
      el.setAttribute("data-state", state);
      el.hidden = false;
    }
    decisionsShow(rows);
  }

  function decisionRow(tap) {
    var item = document.createElement("li");
    var text = document.createElement("p");
    var actions = document.createElement("div");
    actions.className = "choices";
    function button(label, decide) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "choice";
      b.textContent = label;
      b.dataset.decide = decide;
      b.dataset.tap = String(tap.id);
      actions.appendChild(b);
    }
    if (tap.state === "conflict") {
      text.textContent = tap.label + ": this tablet tapped “" + tap.mine + "”, another device saved “" + tap.theirs + "”.";
      button("Keep “" + tap.theirs + "”", "keep");
      button("Use mine: “" + tap.mine + "”", "mine");
    } else {
      text.textContent = tap.label + " (“" + tap.mine + "”) was not saved: " + (tap.note || "refused by the server") + ".";
      button("Dismiss", "keep");
    }
    item.appendChild(text);
    item.appendChild(actions);
    return item;
  }

  function decisionsShow(rows) {
    var box = document.getElementById("tap-decisions");
    if (!box) return;
    var open = rows.filter(function (row) { return row.state !== "queued"; });
    var list = box.querySelector("ul");
    list.textContent = "";
    open.forEach(function (tap) { list.appendChild(decisionRow(tap)); });
    box.hidden = open.length === 0;
  }

  function refresh() {
    return Taps.list(user).then(function (rows) { queueShow(rows); App.countShow(); return rows; });
  }

  function syncRegister() {
    App.ready.then(function (registration) {
      if (registration && registration.sync) registration.sync.register("exam-taps").catch(function () {});
    });
  }

  function enqueue(tap) {
    tap.state = "queued";
    reflect(tap);
    return Taps.add(tap, busyId).then(function () {
      refresh();
      syncRegister();
      pump();
    });
  }

  function send(tap, chain) {
    busyId = tap.id;
    var onPage = tap.exam === exam && tap.target && document.querySelector(tap.target) ? true : false;
    var reply = { tap: tap, onPage: onPage, status: 0, detail: null, signedOut: false };
    current = reply;
    stateShow(tap.key, "Saving…", "saving");
    var values = Object.assign({}, tap.values, { version: Taps.versionFor(tap, chain) });
    function settle() {
      current = null;
      if (reply.signedOut) return "signedout";
      var detail = reply.detail || {};
      var result = Taps.outcome(reply.status, detail);
      if (result === "retry") {
        stateShow(tap.key, "⚠ Not saved — retrying", "failed");
        return result;
      }
      if (result === "saved") {
        if (!detail.stale && detail.version) chain[tap.exam] = detail.version;
        if (tap.exam === exam && (!onPage || detail.stale)) redrawNeeded = true;
        return Taps.remove(tap.id).then(function () { return result; });
      }
      tap.state = result;
      tap.note = detail.message || "";
      tap.theirs = detail.current || "";
      tap.currentVersion = detail.version || 0;
      if (tap.exam === exam && !onPage) redrawNeeded = true;
      return Taps.put(tap).then(function () { reflect(tap); return result; });
    }
    return htmx.ajax("POST", tap.url, {
      source: app,
      target: onPage ? tap.target : "#save-sink",
      swap: onPage ? "outerHTML" : "none",
      values: values,
      headers: { "X-Exam-Replay": String(tap.id) }
    }).then(settle, settle);
  }

  function drain(chain) {
    return Taps.list(user).then(function (rows) {
      var tap = rows.filter(function (row) { return row.state === "queued"; })[0];
      if (!tap) return "empty";
      return send(tap, chain).then(function (result) {
        return result === "retry" || result === "signedout" ? result : drain(chain);
      });
    });
  }

  function finish(result) {
    running = false;
    busyId = null;
    if (result === "retry") {
      attempt += 1;
      var delay = Math.min(30000, 1000 * Math.pow(2, attempt - 1));
      window.clearTimeout(timer);
      timer = window.setTimeout(pump, delay);
      syncRegister();
      if (attempt === 1) announce("Not sent yet: the taps are kept on this tablet and sent when the network returns.");
    } else if (result === "empty") {
      attempt = 0;
      if (redrawNeeded) redraw();
      keepSoon();
    }
    refresh();
    if (again) { again = false; pump(); }
  }

  function pump() {
    if (running) { again = true; return; }
    window.clearTimeout(timer);
    timer = null;
    if (!navigator.onLine) { refresh(); return; }
    running = true;
    var run = function () { return drain({}); };
    var work = navigator.locks ? navigator.locks.request("exam-taps-" + user, run) : run();
    work.then(finish, function () { finish("retry"); });
  }

  // Taps saved from another screen change this one's differential: draw it again (the summary reloads).
  function redraw() {
    redrawNeeded = false;
    if (app.hasAttribute("data-reload-after-save")) { window.location.reload(); return; }
    htmx.ajax("GET", window.location.pathname, { source: app, target: "#step-body", swap: "outerHTML" });
  }

  document.body.addEventListener("htmx:afterSettle", function () {
    Taps.list(user).then(function (rows) {
      rows.forEach(function (row) { if (row.exam === exam && row.id !== busyId) reflect(row); });
    });
  });

  app.addEventListener("htmx:beforeOnLoad", function (event) {
    if (!current || !event.detail.xhr) return;
    current.status = event.detail.xhr.status;
    if (event.detail.xhr.getResponseHeader("HX-Redirect")) current.signedOut = true; // htmx goes to sign-in
  });
  app.addEventListener("htmx:beforeSwap", function (event) {
    if (!current) return;
    // A tap from another screen must not draw that screen (a refusal or conflict retargets the step) here.
    if (!current.onPage && event.detail.xhr.getResponseHeader("HX-Retarget")) event.detail.shouldSwap = false;
  });

  // The server names what it saved (or refused) and the new version, through HX-Trigger.
  document.addEventListener("examStatus", function (event) {
    var detail = event.detail || {};
    if (current) current.detail = detail;
    var here = !current || current.onPage;
    if (detail.message && here) announce(detail.message);
    if (detail.state === "error" && here) {
      stateShow(detail.key, "⚠ " + detail.message, "error");
      invalidMark(detail.key);
    }
    var input = document.getElementById("exam-version");
    if (input && detail.version && (here || (detail.state === "saved" && !detail.stale))) input.value = detail.version;
  });

  // The conflict and refusal panel: the clinician keeps the other device's answer, or sends this tablet's.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-decide]") : null;
    if (!button) return;
    var id = Number(button.dataset.tap);
    Taps.list(user).then(function (rows) {
      var tap = rows.filter(function (row) { return row.id === id; })[0];
      if (!tap) return refresh();
      if (button.dataset.decide === "mine") {
        tap.state = "queued";
        tap.version = tap.currentVersion || tap.version;
        return Taps.put(tap).then(function () { announce("Sending your answer: " + tap.mine); refresh(); pump(); });
      }
      return Taps.remove(id).then(function () {
        announce("Kept the saved answer: " + (tap.theirs || "nothing sent"));
        refresh();
        if (tap.exam === exam) redraw();
      });
    });
  });

  function stepUrls() {
    var urls = [];
    document.querySelectorAll(".exam-progress a[href]").forEach(function (link) {
      var path = new URL(link.href, window.location.href).pathname;
      if (urls.indexOf(path) === -1) urls.push(path);
    });
    return urls;
  }

  // Keep this exam's step pages on the tablet (the worker drops any other exam's), refreshed after saves.
  function keep() {
    if (app.dataset.examState !== "in_progress" || !navigator.onLine) return;
    App.ask({ type: "exam-keep", user: user, exam: exam, urls: stepUrls() }, "exam-kept", 30000).then(function (reply) {
      if (reply) app.setAttribute("data-offline-ready", reply.version);
    });
  }

  function keepSoon() {
    window.clearTimeout(keepTimer);
    keepTimer = window.setTimeout(keep, 1500);
  }

  window.addEventListener("online", function () { attempt = 0; pump(); });
  window.addEventListener("offline", function () { refresh(); });
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") pump(); });
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "replay") pump();
    });
  }

  window.ExamQueue = { enqueue: enqueue, version: version, announce: announce, stateShow: stateShow };

  if (app.dataset.examState !== "in_progress") {
    // A finished exam is no longer kept for offline use: its pages leave the tablet (taps still queued for a
    // completed one are sent and refused, so the clinician sees them; a signed exam drops them too).
    App.ready.then(function () { App.ask({ type: "forget", user: user, exam: exam }, "forgotten", 2000); });
  }
  if (app.dataset.examState === "signed") {
    Taps.clear(user, exam).then(refresh);
  } else {
    Taps.list(user).then(function (rows) {
      rows.forEach(function (row) { if (row.exam === exam) reflect(row); });
      queueShow(rows);
      pump();
    });
    App.ready.then(keep);
  }
})();