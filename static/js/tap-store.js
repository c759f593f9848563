// The durable tap queue, shared by the exam pages and the service worker: one IndexedDB store of taps, each
// tagged with the user and exam it belongs to, replayed in the order tapped. Hand-written rather than a library
// because the project has no bundler and both a page and a worker load this file as a plain script.
(function (scope) {
  "use strict";
  var DB_NAME = "exam-offline";
  var opening = null;

  function promised(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function open() {
    if (opening) return opening;
    opening = new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        var taps = db.createObjectStore("taps", { keyPath: "id", autoIncrement: true });
        taps.createIndex("user", "user");
        db.createObjectStore("meta", { keyPath: "name" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { opening = null; reject(request.error); };
    });
    return opening;
  }

  // Run `work(store)` in one transaction and resolve with its result once the transaction has committed.
  function transact(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var result;
        Promise.resolve(work(tx.objectStore(name))).then(function (value) { result = value; }, reject);
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function byId(a, b) { return a.id - b.id; }

  function list(user) {
    return transact("taps", "readonly", function (store) {
      return promised(store.index("user").getAll(String(user)));
    }).then(function (rows) { return (rows || []).sort(byId); });
  }

  // Add a tap. A newer tap on the same control replaces one still waiting (keeping its place in the order),
  // never the one being sent (`busyId`), so the server sees each control's last answer once. Tapping a control
  // again also settles its open conflict or refusal: the clinician has seen the stored answer and chosen anew.
  function add(tap, busyId) {
    tap.user = String(tap.user);
    tap.state = "queued";
    tap.at = Date.now();
    return transact("taps", "readwrite", function (store) {
      return promised(store.index("user").getAll(tap.user)).then(function (rows) {
        var same = (rows || []).filter(function (row) {
          return row.exam === tap.exam && row.key === tap.key && row.id !== busyId;
        });
        same.forEach(function (row) {
          if (row.state === "queued" && tap.id === undefined) tap.id = row.id;
          else store.delete(row.id);
        });
        return promised(store.put(tap));
      });
    });
  }

  function put(tap) {
    return transact("taps", "readwrite", function (store) { return promised(store.put(tap)); });
  }

  function remove(id) {
    return transact("taps", "readwrite", function (store) { return promised(store.delete(id)); });
  }

  // Forget a user's taps (signing out), or only those of one exam (the exam was signed).
  function clear(user, exam) {
    return list(user).then(function (rows) {
      return transact("taps", "readwrite", function (store) {
        rows.forEach(function (row) { if (exam === undefined || row.exam === exam) store.delete(row.id); });
      });
    });
  }

  function counts(rows) {
    var out = { queued: 0, conflict: 0, refused: 0, total: rows.length };
    rows.forEach(function (row) { out[row.state] = (out[row.state] || 0) + 1; });
    return out;
  }

  function metaGet(name) {
    return transact("meta", "readonly", function (store) { return promised(store.get(name)); })
      .then(function (row) { return row ? row.value : null; });
  }

  function metaSet(name, value) {
    return transact("meta", "readwrite", function (store) { return promised(store.put({ name: name, value: value })); });
  }

  // The version a replayed tap is sent with: what the tablet had seen when it was tapped, advanced only by this
  // tablet's own earlier saves in the same run (`chain`), so a newer answer from another tablet is never
  // overwritten blind: the server answers 409 and the clinician chooses.
  function versionFor(tap, chain) {
    return String(Math.max(Number(tap.version) || 1, chain[tap.exam] || 0));
  }

  // Record what the server said about a sent tap; `detail` is the examStatus event the answer carried.
  function outcome(status, detail) {
    detail = detail || {};
    if (status >= 200 && status < 300 && detail.state !== "error") return "saved";
    if (status === 409 && detail.state === "conflict") return "conflict";
    if (status === 400 || status === 404 || status === 409 || status === 423) return "refused";
    return "retry";
  }

  scope.TapStore = {
    list: list,
    add: add,
    put: put,
    remove: remove,
    clear: clear,
    counts: counts,
    metaGet: metaGet,
    metaSet: metaSet,
    versionFor: versionFor,
    outcome: outcome
  };
})(self);
