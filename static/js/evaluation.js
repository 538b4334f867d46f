// Evaluation page: remember the open section, mark fields the server rejected, and let the
// therapist keep their own version after a conflicting save elsewhere.
(function () {
  "use strict";

  function markInvalidFields(root) {
    root.querySelectorAll(".field-error").forEach(function (error) {
      var input = document.querySelector('[aria-describedby="' + error.id + '"]');
      if (!input) return;
      var invalid = error.textContent.trim() !== "";
      input.classList.toggle("is-invalid", invalid);
      input.setAttribute("aria-invalid", invalid ? "true" : "false");
    });
  }

  document.addEventListener("htmx:afterSettle", function () {
    markInvalidFields(document);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".js-keep-mine");
    if (!button) return;
    var slug = button.dataset.section;
    document.getElementById("version-" + slug).value = button.dataset.version;
    var form = document.querySelector('form[data-section="' + slug + '"]');
    document.getElementById("conflict-" + slug).replaceChildren();
    if (window.htmx) {
      window.htmx.trigger(form, "change");
    } else {
      form.requestSubmit();
    }
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
