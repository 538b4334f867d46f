// Evaluation page: remember the open section and mark fields the server rejected.
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
