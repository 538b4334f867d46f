// The export page's "Select all" box: ticks or clears every field of the export.
// (django-import-export wires it with an inline handler, which our content security policy refuses.)
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("#select-all-toggle");
  if (!toggle) return;
  toggle.addEventListener("change", () => {
    document
      .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
      .forEach((checkbox) => {
        checkbox.checked = toggle.checked;
      });
  });
});
