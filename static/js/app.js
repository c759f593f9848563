// Every page: install the service worker, tell it who is signed in (so only that user's exam pages are kept),
// show taps still waiting to be sent, and make signing out warn about unsent taps and wipe this user's data.
(function () {
  "use strict";
  var userMeta = document.querySelector('meta[name="exam-user"]');
  var workerMeta = document.querySelector('meta[name="exam-sw"]');
  var user = userMeta ? userMeta.content : "";
  var hasWorker = "serviceWorker" in navigator && workerMeta && window.isSecureContext;
  // Registered once the page has loaded, as web.dev advises: the worker's script and its first caching of the
  // exam's step pages then never compete with the page's own first paint for the tablet's CPU and network.
  var loaded = new Promise(function (resolve) {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", function () { resolve(); }, { once: true });
  });
  var ready = hasWorker
    ? loaded.then(function () {
      return navigator.serviceWorker.register(workerMeta.content, { scope: "/" });
    }).then(function () {
      return navigator.serviceWorker.ready;
    }).catch(function () { return null; })
    : Promise.resolve(null);

  function worker() {
    return ready.then(function (registration) {
      return navigator.serviceWorker.controller || (registration && registration.active) || null;
    });
  }

  // Send a message to the worker; resolve with its answer of type `reply` (or null after `wait` ms).
  function ask(message, reply, wait) {
    return worker().then(function (target) {
      if (!target) return null;
      return new Promise(function (resolve) {
        var done = false;
        function listen(event) {
          if (event.data && event.data.type === reply && !done) { done = true; finish(event.data); }
        }
        function finish(value) {
          navigator.serviceWorker.removeEventListener("message", listen);
          resolve(value);
        }
        if (reply) navigator.serviceWorker.addEventListener("message", listen);
        target.postMessage(message);
        if (!reply) finish(null);
        else window.setTimeout(function () { if (!done) { done = true; finish(null); } }, wait || 3000);
      });
    });
  }

  function store() { return window.TapStore && window.indexedDB ? window.TapStore : null; }

  function pending() {
    var taps = store();
    if (!taps || !user) return Promise.resolve({ queued: 0, conflict: 0, refused: 0, total: 0 });
    return taps.list(user).then(taps.counts, function () { return { queued: 0, conflict: 0, refused: 0, total: 0 }; });
  }

  function words(count) {
    if (!count.total) return "";
    var text = count.queued + " tap" + (count.queued === 1 ? "" : "s") + " waiting to be sent";
    if (count.conflict) text += ", " + count.conflict + " to decide";
    if (count.refused) text += ", " + count.refused + " refused";
    return text;
  }

  // The header line on pages without the exam's own queue status.
  function countShow() {
    var el = document.getElementById("tap-count");
    if (!el) return Promise.resolve();
    return pending().then(function (count) {
      el.hidden = count.total === 0;
      el.textContent = words(count);
    });
  }

  function forget(exam) {
    var taps = store();
    var cleared = taps && user ? taps.clear(user, exam).catch(function () {}) : Promise.resolve();
    return cleared.then(function () { return exam === undefined ? ask({ type: "forget", user: user }, "forgotten", 2000) : null; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-sign-out]") || form.dataset.confirmed) return;
    event.preventDefault();
    pending().then(function (count) {
      if (count.total && !window.confirm(
        words(count) + " on this tablet. Signing out deletes them and they will never reach the exam. Sign out anyway?"
      )) return;
      forget().then(function () {
        form.dataset.confirmed = "1";
        form.submit();
      });
    });
  });

  ready.then(function () {
    // Signed in: keep only this user's pages. Sign-in page: nobody is signed in, so no patient page stays.
    ask({ type: "user", user: user });
    if (!document.getElementById("exam-app") && navigator.onLine) {
      pending().then(function (count) { if (count.queued) ask({ type: "replay" }); });
    }
  });

  window.ExamApp = { user: user, ready: ready, ask: ask, pending: pending, words: words, countShow: countShow, forget: forget };
  countShow();
})();
