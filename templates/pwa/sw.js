// Service worker of the exam app. Three caches: the app shell (versioned by content, replaced on update), the
// open exam's pages of the signed-in user (one cache per user, only that exam), and nothing else: patient
// lists, other exams and documents are never kept. Taps live in IndexedDB (tap-store.js, filled by exam-queue.js), not in any cache, so
// a new worker version never touches them.
"use strict";
var CONFIG = {{ config|safe }};
importScripts(CONFIG.store);

var SHELL = "shell-" + CONFIG.version;
var PAGES = "exam-pages-"; // + user id
var NETWORK_WAIT = 4000; // flaky Wi-Fi: after this, answer an exam page from the cache and refresh it behind
var EXAM_PAGE = /^\/exams\/(\d+)\/step\/[\w-]+\/$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(CONFIG.shell); }));
  self.skipWaiting(); // taps are in IndexedDB and pages in their own cache: nothing is lost by taking over
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("shell-") === 0 && name !== SHELL;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function currentUser() {
  return TapStore.metaGet("user").then(function (user) { return user || ""; });
}

function pagesDrop(except) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PAGES) === 0 && name !== except;
    }).map(function (name) { return caches.delete(name); }));
  });
}

// A session that ended (signed out elsewhere, idle logoff) sends page requests to the sign-in page: from then on
// no page of any patient is served from this tablet. Queued taps stay for the same user to sign in again.
function sessionEnded(response) {
  return response.redirected && new URL(response.url).pathname === CONFIG.login;
}

function examPage(request) {
  return currentUser().then(function (user) {
    var name = PAGES + user;
    var fromNetwork = fetch(request).then(function (response) {
      if (sessionEnded(response)) return pagesDrop("").then(function () { return response; });
      if (response.ok && user) {
        var copy = response.clone();
        caches.open(name).then(function (cache) {
          return cache.match(request.url, { ignoreVary: true }).then(function (held) {
            if (held) return cache.put(request.url, copy); // refresh only what belongs to the open exam
          });
        });
      }
      return response;
    });
    var fromCache = user ? caches.open(name).then(function (cache) {
      return cache.match(request.url, { ignoreVary: true });
    }) : Promise.resolve(undefined);
    var late = new Promise(function (resolve) { setTimeout(resolve, NETWORK_WAIT); });
    return Promise.race([fromNetwork, late.then(function () { return fromCache; })]).then(function (first) {
      return first || fromNetwork;
    }).catch(function () {
      return fromCache.then(function (held) { return held || caches.match(CONFIG.offline); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return; // taps go to the network; the page queues them when it fails
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (CONFIG.shell.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.open(SHELL).then(function (cache) {
      return cache.match(url.pathname).then(function (held) { return held || fetch(request); });
    }));
  } else if (request.mode === "navigate" && EXAM_PAGE.test(url.pathname)) {
    event.respondWith(examPage(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () { return caches.match(CONFIG.offline); }));
  }
});

// Keep the open exam's pages, and only those, for this user; fetched without moving the exam's resume point.
function examKeep(user, urls) {
  var name = PAGES + user;
  return pagesDrop(name).then(function () { return caches.open(name); }).then(function (cache) {
    return cache.keys().then(function (held) {
      return Promise.all(held.filter(function (request) {
        return urls.indexOf(new URL(request.url).pathname) === -1;
      }).map(function (request) { return cache.delete(request); }));
    }).then(function () {
      // One page at a time: the server renders each step (with the engine); the tablet is mid-exam.
      return urls.reduce(function (previous, path) {
        return previous.then(function () {
          return fetch(path, { credentials: "same-origin", headers: { "X-Exam-Prefetch": "1" } });
        }).then(function (response) {
          if (sessionEnded(response)) throw new Error("signed out");
          if (response.ok) return cache.put(path, response);
        });
      }, Promise.resolve());
    });
  });
}

function examForget(user, exam) {
  return caches.open(PAGES + user).then(function (cache) {
    return cache.keys().then(function (held) {
      return Promise.all(held.filter(function (request) {
        var match = EXAM_PAGE.exec(new URL(request.url).pathname);
        return match && match[1] === String(exam);
      }).map(function (request) { return cache.delete(request); }));
    });
  });
}

function tell(source, message) {
  if (source && source.postMessage) source.postMessage(message);
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var work;
  if (data.type === "user") {
    // Another user (or nobody) on this tablet: drop every other user's pages; their queued taps stay put.
    work = TapStore.metaSet("user", data.user || "").then(function () {
      return pagesDrop(data.user ? PAGES + data.user : "");
    });
  } else if (data.type === "exam-keep" && data.user) {
    work = TapStore.metaSet("user", data.user).then(function () { return examKeep(data.user, data.urls || []); })
      .then(function () { tell(event.source, { type: "exam-kept", exam: data.exam, version: CONFIG.version }); })
      .catch(function () { tell(event.source, { type: "exam-keep-failed", exam: data.exam }); });
  } else if (data.type === "forget" && data.exam) {
    work = examForget(data.user, data.exam).then(function () { tell(event.source, { type: "forgotten" }); });
  } else if (data.type === "forget") {
    work = data.user ? caches.delete(PAGES + data.user) : pagesDrop("");
    work = work.then(function () { tell(event.source, { type: "forgotten" }); });
  } else if (data.type === "version") {
    tell(event.source, { type: "version", version: CONFIG.version });
  } else if (data.type === "replay") {
    work = replay();
  }
  if (work) event.waitUntil(work);
});

// Background Sync: with an exam page open, that page replays (it shows every answer); with none, send from here.
self.addEventListener("sync", function (event) {
  if (event.tag !== "exam-taps") return;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (windows) {
    if (windows.length) {
      windows.forEach(function (client) { client.postMessage({ type: "replay" }); });
      return undefined;
    }
    return replay();
  }));
});

function replayOne(tap, chain) {
  var values = Object.assign({}, tap.values, { version: TapStore.versionFor(tap, chain) });
  return fetch(tap.url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "HX-Request": "true", "X-CSRFToken": tap.csrf || "", "X-Exam-Replay": String(tap.id) },
    body: new URLSearchParams(values)
  }).then(function (response) {
    if (response.headers.get("HX-Redirect") || response.status === 403) return false; // sign in first
    var detail = {};
    try { detail = JSON.parse(response.headers.get("HX-Trigger") || "{}").examStatus || {}; } catch (e) { detail = {}; }
    var result = TapStore.outcome(response.status, detail);
    if (result === "retry") return false;
    if (result === "saved") {
      if (!detail.stale && detail.version) chain[tap.exam] = detail.version;
      return TapStore.remove(tap.id).then(function () { return true; });
    }
    tap.state = result;
    tap.note = detail.message || "";
    tap.theirs = detail.current || "";
    tap.currentVersion = detail.version || 0;
    return TapStore.put(tap).then(function () { return true; });
  });
}

function replay() {
  return currentUser().then(function (user) {
    if (!user) return undefined;
    return navigator.locks.request("exam-taps-" + user, function () {
      var chain = {};
      function next() {
        return TapStore.list(user).then(function (rows) {
          var tap = rows.filter(function (row) { return row.state === "queued"; })[0];
          if (!tap) return undefined;
          return replayOne(tap, chain).then(function (goOn) { return goOn ? next() : undefined; });
        });
      }
      return next();
    });
  });
}
