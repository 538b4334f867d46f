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
