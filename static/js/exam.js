// The exam screens on htmx. htmx serialises every tapped form (hx-post); this script holds each request at
// htmx:configRequest and hands the tap to the offline queue (exam-queue.js), which stores and sends it. It also
// saves typed answers and the body chart's checkbox list as they change, and opens the sticky live summary.
// Without JavaScript the forms post and redirect as plain HTML.
(function () {
  "use strict";
  var app = document.getElementById("exam-app");
  var App = window.ExamApp;
  var Queue = window.ExamQueue;
  if (!app || !Queue || !App) return;

  var user = App.user;
  var exam = app.dataset.exam;

  function visibleText(el) {
    if (!el) return "";
    var copy = el.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"]').forEach(function (hidden) { hidden.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // Words for the conflict panel: which control, and what this tablet tapped.
  function described(form, submitter, values) {
    var legend = submitter && submitter.name ? submitter.closest("fieldset") : null;
    if (legend) {
      return { label: visibleText(legend.querySelector("legend")), mine: visibleText(submitter) };
    }
    return {
      label: form.dataset.label || visibleText(submitter) || form.dataset.key,
      mine: values.present === "yes" ? "marked" : "not marked"
    };
  }

  // Every tapped autosave form: take htmx's serialised values, keep the tap, and send it through the queue.
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-autosave")) return;
    if (event.detail.headers["X-Exam-Replay"]) return;
    event.preventDefault();
    var values = {};
    event.detail.formData.forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "version") values[name] = String(value);
    });
    var submitter = event.detail.triggeringEvent && event.detail.triggeringEvent.submitter;
    var words = described(form, submitter, values);
    Queue.enqueue({
      user: user, exam: exam, key: form.dataset.key, url: event.detail.path, target: form.getAttribute("hx-target"),
      values: values, version: Queue.version(), label: words.label, mine: words.mine,
      csrf: event.detail.headers["X-CSRFToken"] || ""
    });
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
    var values = { region: box.dataset.region, side: box.dataset.side, present: box.checked ? "yes" : "no" };
    var label = box.labels && box.labels[0] ? box.labels[0].textContent.trim() : box.dataset.key;
    Queue.enqueue({
      user: user, exam: exam, key: box.dataset.key, url: box.form.action, target: box.dataset.target,
      values: values, version: Queue.version(), label: label, mine: box.checked ? "marked" : "not marked",
      csrf: csrfToken()
    });
  });

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  // The sticky live summary (portrait): collapsed to the working diagnosis and the top of the differential.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest ? event.target.closest("#live-toggle") : null;
    if (!toggle) return;
    var box = document.getElementById("live-summary");
    var open = !box.classList.contains("is-open");
    box.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Show less" : "Show the full differential";
  });

  app.classList.add("js-autosave"); // taps save themselves: the per-list Save buttons hide (exam.css)
})();
