// Idle logoff warning: a minute before the server's idle limit, offer "Stay signed in"; at the limit, go to
// the sign-in page (which returns here). The server decides (security.middleware.IdleTimeoutMiddleware); this
// only warns. Any request the page makes (an autosaved tap, htmx) restarts the count. Before leaving, it
// fires "session:expiring" so the offline queue can keep unsent taps for the same user.
(function () {
  "use strict";
  var body = document.body;
  var limit = parseInt(body.dataset.idleSeconds || "0", 10);
  var statusUrl = body.dataset.sessionUrl;
  if (!limit || !statusUrl) { return; }
  var WARN = 60;
  var deadline = Date.now() + limit * 1000;
  var dialog = null;
  var countdown = null;
  var tick = null;

  function csrf() {
    try { return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "idle-dialog";
    dialog.setAttribute("aria-labelledby", "idle-title");
    dialog.setAttribute("aria-describedby", "idle-text");
    var title = document.createElement("h2");
    title.id = "idle-title";
    title.textContent = "Still there?";
    var text = document.createElement("p");
    text.id = "idle-text";
    countdown = document.createElement("span");
    text.append("For patient privacy you will be signed out in ", countdown, " seconds. Saved answers are kept.");
    var stay = document.createElement("button");
    stay.type = "button";
    stay.textContent = "Stay signed in";
    stay.addEventListener("click", keepAlive);
    dialog.append(title, text, stay);
    body.appendChild(dialog);
  }

  function restart(seconds) {
    deadline = Date.now() + seconds * 1000;
    if (dialog && dialog.open) { dialog.close(); }
  }

  function keepAlive() {
    fetch(statusUrl, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf() } })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (data.seconds_left > 0) { restart(data.seconds_left); } else { leave(); } })
      .catch(function () { restart(limit); });
  }

  function leave() {
    clearInterval(tick);
    document.dispatchEvent(new CustomEvent("session:expiring"));
    var next = window.location.pathname + window.location.search;
    window.location.assign(body.dataset.loginUrl + "?ended=idle&next=" + encodeURIComponent(next));
  }

  function check() {
    var left = Math.round((deadline - Date.now()) / 1000);
    if (left > WARN) { return; }
    if (!dialog) { build(); }
    countdown.textContent = String(Math.max(0, left));
    if (!dialog.open) { dialog.showModal(); }
    if (left <= 0) {
      // Another tab may have kept the session alive: ask the server before leaving.
      fetch(statusUrl, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (data.seconds_left > WARN) { restart(data.seconds_left); } else if (data.seconds_left <= 0) { leave(); } else { restart(data.seconds_left); } })
        .catch(function () { restart(WARN); });
    }
  }

  document.addEventListener("htmx:afterRequest", function () { restart(limit); });
  tick = setInterval(check, 1000);
})();
