// Two gaps in Django's own admin widgets that axe-core reports as serious or critical (issue #18,
// WCAG 2.2 AA), closed here because the widgets are Django's, not ours:
// - the two-box filter widget (filter_horizontal) puts aria-label on a bare <span> search icon,
//   which ARIA prohibits; as role="img" the name is allowed and read.
// - a tabular inline's inputs stand under a column heading with no label of their own; each is
//   named by its heading and row ("Exercise, row 2"), its delete box "Delete row 2".
// Both run again whenever the admin adds rows or builds the filter widget (on window load).
(() => {
  "use strict";

  const nameSearchIcons = () => {
    document
      .querySelectorAll(".selector .help-tooltip[aria-label]:not([role])")
      .forEach((icon) => icon.setAttribute("role", "img"));
  };

  const labelInlineCells = () => {
    document.querySelectorAll("div.tabular table").forEach((table) => {
      const rows = table.querySelectorAll("tbody tr.form-row:not(.empty-form)");
      rows.forEach((row, index) => {
        // The delete box's column is headed "Delete?" with no class to find it by.
        row.querySelectorAll("td.delete input[type=checkbox]:not([aria-label])").forEach((box) => {
          if (box.labels.length === 0) box.setAttribute("aria-label", `Delete row ${index + 1}`);
        });
        row.querySelectorAll("td[class*='field-']").forEach((cell) => {
          const name = Array.from(cell.classList)
            .find((cls) => cls.startsWith("field-"))
            .slice("field-".length);
          const heading = table.querySelector(`thead th.column-${CSS.escape(name)}`);
          if (!heading) return;
          const label = `${heading.textContent.trim()}, row ${index + 1}`;
          cell
            .querySelectorAll("input:not([type=hidden]), select, textarea")
            .forEach((control) => {
              if (control.labels.length === 0 && !control.hasAttribute("aria-label")) {
                control.setAttribute("aria-label", label);
              }
            });
        });
      });
    });
  };

  const fix = () => {
    nameSearchIcons();
    labelInlineCells();
  };

  document.addEventListener("DOMContentLoaded", () => {
    fix();
    new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  });
})();
