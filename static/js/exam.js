// Autosave for the exam screens. Every tap goes into a small queue that is posted in order through htmx, kept in
// localStorage until the server has answered, and retried with backoff on a network error, timeout or 5xx, so a
// tap is never silently dropped and nothing is shown as saved before the server said so.
(function () {
  "use strict";
  var app = document.getElementById("exam-app");
  if (!app || !window.htmx || !app.dataset.exam) return;

  var storeKey = "exam-queue-" + app.dataset.exam;
  var DONE = [400, 404, 409]; // the server decided: show its answer, do not retry
  var queue = [];
  var busy = false;
  var attempt = 0;
  var timer = null;
  var last = { status: 0, signedOut: false, error: "" };
  var landedAway = false; // a queued tap saved from a screen that does not show it (the summary reloads)

  htmx.config.timeout = 10000;
  // Swap refusals (400) and conflicts (409) too: their fragments say what happened.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "40[09]", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: false }
  ];

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || []; } catch (e) { return []; }
  }

  function store() {
    try {
      if (queue.length) localStorage.setItem(storeKey, JSON.stringify(queue));
      else localStorage.removeItem(storeKey);
    } catch (e) { /* private mode: the in-memory queue still retries */ }
  }

  function version() {
    var input = document.getElementById("exam-version");
    return input ? input.value : "";
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

  function queueShow(failed) {
    var el = document.getElementById("save-queue");
    if (!el) return;
    el.hidden = queue.length === 0;
    el.textContent = queue.length ? queue.length + " unsaved" + (failed ? " — retrying" : " — saving…") : "";
    el.setAttribute("data-state", failed ? "failed" : "saving");
  }

  function formFor(key) {
    return document.querySelector('form[data-key="' + key + '"]');
  }

  // Show the tapped state at once; the server's fragment replaces it when the save lands.
  function reflect(entry) {
    var form = formFor(entry.key);
    if (!form) return;
    Object.keys(entry.values).forEach(function (name) {
      form.querySelectorAll('button[name="' + name + '"]').forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.value === entry.values[name]));
      });
      var hidden = form.querySelector('input[type=hidden][name="' + name + '"]');
      if (hidden && name !== "present") hidden.value = entry.values[name];
    });
    var present = form.querySelector("input[type=hidden][name=present]");
    var toggle = form.querySelector("button:not([name])");
    if (present && toggle && entry.values.present) {
      var on = entry.values.present === "yes";
      toggle.setAttribute("aria-pressed", String(on));
      present.value = on ? "no" : "yes"; // the next tap asks for the opposite
    }
    stateShow(entry.key, "Saving…", "saving");
  }

  function enqueue(entry) {
    reflect(entry);
    // A newer tap on the same control replaces one still waiting (never the one in flight).
    for (var i = busy ? 1 : 0; i < queue.length; i++) {
      if (queue[i].key === entry.key) {
        queue[i] = entry;
        store();
        queueShow(attempt > 0);
        return;
      }
    }
    queue.push(entry);
    store();
    queueShow(attempt > 0);
    if (!timer) pump();
  }

  // Prefer the cookie: signing in again in another tab rotates the token this page was drawn with.
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  // A tap queued on another screen: post it without swapping anything into this one.
  function postAway(entry, values) {
    return window.fetch(entry.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
      body: new URLSearchParams(values)
    }).then(function (response) {
      last.status = response.status;
      last.signedOut = response.url.indexOf("/accounts/login/") !== -1;
      var trigger = response.headers.get("HX-Trigger");
      var detail = null;
      try { detail = trigger && JSON.parse(trigger).examStatus; } catch (e) { detail = null; }
      if (detail) document.dispatchEvent(new CustomEvent("examStatus", { detail: detail }));
    });
  }

  function pump() {
    timer = null;
    if (busy || !queue.length) return;
    busy = true;
    var entry = queue[0];
    var values = Object.assign({}, entry.values, { version: version() });
    last = { status: 0, signedOut: false, error: "" };
    stateShow(entry.key, "Saving…", "saving");
    var sending = document.querySelector(entry.target)
      ? htmx.ajax("POST", entry.url, { source: app, target: entry.target, swap: "outerHTML", values: values })
      : postAway(entry, values);
    sending.then(function () { settle(entry); }, function () { fail(entry, last.error || "no connection"); });
  }

  function settle(entry) {
    busy = false;
    if (last.signedOut) return fail(entry, "signed out: sign in again in a new tab");
    if ((last.status >= 200 && last.status < 300) || DONE.indexOf(last.status) !== -1) {
      queue.shift();
      store();
      attempt = 0;
      queueShow(false);
      if (!document.querySelector(entry.target)) landedAway = true;
      if (!queue.length && landedAway && app.hasAttribute("data-reload-after-save")) window.location.reload();
      pump();
      return;
    }
    fail(entry, "server error " + last.status);
  }

  function fail(entry, why) {
    busy = false;
    attempt += 1;
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt - 1));
    stateShow(entry.key, "⚠ Not saved — retrying", "failed");
    queueShow(true);
    if (attempt === 1) announce(queue.length + " unsaved (" + why + "). Retrying; keep going.");
    window.clearTimeout(timer);
    timer = window.setTimeout(pump, delay);
  }

  function valuesOf(form, submitter) {
    var data;
    try { data = new FormData(form, submitter); } catch (e) {
      data = new FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    }
    var values = {};
    // Later entries win: the tapped button comes after the hidden current value of the same name.
    data.forEach(function (value, name) { if (name !== "csrfmiddlewaretoken") values[name] = String(value); });
    return values;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-autosave]")) return;
    event.preventDefault();
    enqueue({ key: form.dataset.key, url: form.action, target: form.dataset.target, values: valuesOf(form, event.submitter) });
  });

  // Typed answers (the history step) save when the field is left, as a tap saves a button.
  document.addEventListener("change", function (event) {
    var field = event.target;
    var form = field.form;
    if (!form || !form.matches("form[data-autosave][data-save-on-change]")) return;
    if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
  });

  // The checkbox list beside the body chart saves each box as it changes.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches("#pain-region-list input[type=checkbox]")) return;
    enqueue({
      key: box.dataset.key,
      url: box.form.action,
      target: box.dataset.target,
      values: { region: box.dataset.region, side: box.dataset.side, present: box.checked ? "yes" : "no" }
    });
  });

  app.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) event.detail.headers["X-CSRFToken"] = token;
  });
  app.addEventListener("htmx:afterRequest", function (event) {
    last.status = event.detail.xhr ? event.detail.xhr.status : 0;
  });
  app.addEventListener("htmx:sendError", function () { last.error = "no connection"; });
  app.addEventListener("htmx:timeout", function () { last.error = "timed out"; });
  app.addEventListener("htmx:responseError", function (event) { last.error = "server error " + event.detail.xhr.status; });
  // A lapsed session answers with the login page: never swap it into the exam.
  app.addEventListener("htmx:beforeSwap", function (event) {
    var url = event.detail.xhr && event.detail.xhr.responseURL;
    if (url && url.indexOf("/accounts/login/") !== -1) {
      event.detail.shouldSwap = false;
      last.signedOut = true;
    }
  });

  // The server names what it saved (or refused) and the new version, through HX-Trigger.
  document.addEventListener("examStatus", function (event) {
    var detail = event.detail || {};
    if (detail.message) announce(detail.message);
    if (detail.state === "error") stateShow(detail.key, "⚠ " + detail.message, "error");
    var input = document.getElementById("exam-version");
    if (input && detail.version) input.value = detail.version;
  });

  window.addEventListener("online", function () {
    if (queue.length && !busy) { window.clearTimeout(timer); pump(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    app.classList.add("js-autosave");
    queue = load();
    if (queue.length) {
      queue.forEach(reflect);
      queueShow(true);
      pump();
    }
  });
})();
