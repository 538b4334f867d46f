// Evaluation page: autosave each section, mark fields the server rejected, and let the
// therapist keep their own version after a conflicting save elsewhere.
//
// Every save of a section, typed, changed, the Save button or Enter, goes through save():
// one request at a time, each carrying the version the previous answer handed back, so the
// page never races itself into a "saved elsewhere" conflict.
(function () {
  "use strict";
  var TYPING_PAUSE_MS = 1200;
  var RETRY_FIRST_MS = 1000;
  var RETRY_LONGEST_MS = 30000;
  var states = new WeakMap();
  var panes = document.getElementById("section-panes");

  function markInvalidFields(root) {
    root.querySelectorAll(".field-error").forEach(function (error) {
      var input = document.querySelector('[aria-describedby="' + error.id + '"]');
      if (!input) return;
      var invalid = error.textContent.trim() !== "";
      input.classList.toggle("is-invalid", invalid);
      input.setAttribute("aria-invalid", invalid ? "true" : "false");
    });
  }

  // What the therapist entered, without the version and token, to tell whether it is saved.
  function entries(form) {
    var data = new FormData(form);
    data.delete("version");
    data.delete("csrfmiddlewaretoken");
    return new URLSearchParams(data).toString();
  }

  // What the server rendered, whatever has been typed since: a copy of the form, reset.
  function asServed(form) {
    var copy = form.cloneNode(true);
    copy.reset();
    return entries(copy);
  }

  function stateOf(form) {
    var state = states.get(form);
    if (!state) {
      // saved: what the server holds; invalid: it refused some of it (shown beside the field).
      state = { saved: asServed(form), invalid: false, sending: false, again: false,
                typing: null, retry: null, retryMs: 0 };
      states.set(form, state);
    }
    return state;
  }

  function autosaveForm(element) {
    return element.closest ? element.closest("form.section-form[data-autosave]") : null;
  }

  function allForms() {
    return Array.prototype.slice.call(
      document.querySelectorAll("form.section-form[data-autosave]"));
  }

  function unsaved(form) {
    var state = stateOf(form);
    return state.sending || state.invalid || entries(form) !== state.saved;
  }

  function showRetrying(form) {
    var status = document.getElementById("status-" + form.dataset.section);
    status.textContent = panes.dataset.retrying;
    status.className = "small text-danger fw-semibold";
  }

  function save(form, always) {
    var state = stateOf(form);
    clearTimeout(state.typing);
    if (state.sending) {
      // Sent when the answer is in, with the version that answer hands back.
      state.again = true;
      return;
    }
    // While the server is unreachable the back-off decides when to try again.
    if (state.retry && !always) return;
    if (!always && entries(form) === state.saved) return;
    send(form, state);
  }

  function send(form, state) {
    clearTimeout(state.retry);
    state.retry = null;
    state.sending = true;
    var sent = entries(form);
    // keepalive: a save started as the page goes away still reaches the server.
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
      keepalive: true,
    }).then(function (response) {
      var outcome = response.headers.get("Autosave-Outcome");
      // A redirect is the login page: the session ended, nothing was saved.
      if (!response.ok || !outcome || response.redirected) throw new Error("not saved");
      return response.text().then(function (html) {
        window.htmx.swap(document.body, html, { swapStyle: "none" });
        markInvalidFields(document);
        state.retryMs = 0;
        if (outcome === "saved" || outcome === "invalid") {
          state.saved = sent;
          state.invalid = outcome === "invalid";
        }
        document.dispatchEvent(new CustomEvent("wholebody:server-answered"));
      });
    }).catch(function () {
      showRetrying(form);
      state.retryMs = Math.min(state.retryMs * 2 || RETRY_FIRST_MS, RETRY_LONGEST_MS);
      state.retry = setTimeout(function () { send(form, state); }, state.retryMs);
    }).finally(function () {
      state.sending = false;
      if (state.again && !state.retry) {
        state.again = false;
        save(form);
      }
    });
  }

  document.addEventListener("htmx:afterSettle", function () {
    markInvalidFields(document);
  });

  document.addEventListener("input", function (event) {
    var form = autosaveForm(event.target);
    if (!form) return;
    var state = stateOf(form);
    clearTimeout(state.typing);
    state.typing = setTimeout(function () { save(form); }, TYPING_PAUSE_MS);
  });

  document.addEventListener("change", function (event) {
    var form = autosaveForm(event.target);
    if (form) save(form);
  });

  document.addEventListener("submit", function (event) {
    var form = autosaveForm(event.target);
    if (!form) return;
    event.preventDefault();
    save(form, true);
  });

  // Leaving or hiding the page sends what is still waiting for the typing pause.
  function sendWaiting() {
    allForms().forEach(function (form) {
      if (entries(form) !== stateOf(form).saved) save(form);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") sendWaiting();
  });
  window.addEventListener("pagehide", sendWaiting);
  window.addEventListener("beforeunload", function (event) {
    sendWaiting();
    if (allForms().some(unsaved)) {
      // The browser asks "Leave site?"; its own wording, whatever is set here.
      event.preventDefault();
      event.returnValue = "";
    }
  });
  window.addEventListener("online", function () {
    allForms().forEach(function (form) {
      if (stateOf(form).retry) send(form, stateOf(form));
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".js-keep-mine");
    if (!button) return;
    var slug = button.dataset.section;
    document.getElementById("version-" + slug).value = button.dataset.version;
    var form = document.querySelector('form[data-section="' + slug + '"]');
    document.getElementById("conflict-" + slug).replaceChildren();
    save(form, true);
  });

  // Keep the open section in the URL so a reload returns to it.
  document.querySelectorAll('#section-tabs [data-bs-toggle="pill"]').forEach(function (tab) {
    tab.addEventListener("shown.bs.tab", function () {
      var slug = tab.id.replace("tab-", "");
      var url = new URL(window.location.href);
      url.searchParams.set("section", slug);
      window.history.replaceState(null, "", url);
    });
  });
})();
