// Plan page: copy a referral letter to the clipboard.
document.addEventListener("click", function (event) {
  "use strict";
  var button = event.target.closest(".js-copy");
  if (!button) return;
  var source = document.getElementById(button.dataset.target);
  source.select();
  if (navigator.clipboard) navigator.clipboard.writeText(source.value);
  button.textContent = "Copied";
});

// Plan page: after a move or reorder answered in place (htmx), keep the keyboard where it
// was: on the same control of the same item, or on the item itself.
(function () {
  "use strict";
  var lastFocus = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var item = event.target.closest(".plan-item");
    var active = document.activeElement;
    lastFocus = {
      control: active && active.id ? active.id : null,
      item: item ? item.id : null,
    };
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastFocus) return;
    var target =
      (lastFocus.control && document.getElementById(lastFocus.control)) ||
      (lastFocus.item && document.getElementById(lastFocus.item));
    var item = lastFocus.item && document.getElementById(lastFocus.item);
    lastFocus = null;
    // A refused move: straight to the field that needs an answer.
    var invalid = item && item.querySelector("input.is-invalid");
    if (invalid) target = invalid;
    if (!target) return;
    target.focus();
    if (target.scrollIntoView) target.scrollIntoView({ block: "nearest" });
  });
})();
