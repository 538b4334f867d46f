// Automatic logoff: warn a minute before the server ends an idle session, and let the
// clinician stay. Any request to the server (autosave included) restarts the clock.
(function () {
  "use strict";
  var body = document.body;
  var idleSeconds = parseInt(body.dataset.sessionIdle || "0", 10);
  var keepAliveUrl = body.dataset.keepAliveUrl;
  var loginUrl = body.dataset.loginUrl;
  if (!idleSeconds || !keepAliveUrl) return;

  var warning = document.getElementById("session-warning");
  var warnTimer, logoutTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(logoutTimer);
    warning.hidden = true;
    warnTimer = setTimeout(function () {
      warning.hidden = false;
      warning.querySelector("button").focus();
    }, Math.max(idleSeconds - 60, 1) * 1000);
    logoutTimer = setTimeout(function () {
      // Log out for real (the server ends the session), not just leave the page.
      var logout = document.getElementById("logout-form");
      if (logout) logout.submit();
      else window.location.assign(loginUrl);
    }, idleSeconds * 1000);
  }

  warning.querySelector("button").addEventListener("click", function () {
    fetch(keepAliveUrl, { credentials: "same-origin" }).then(function (response) {
      if (response.ok) schedule();
      else window.location.assign(loginUrl);
    });
  });
  document.addEventListener("htmx:afterRequest", schedule);
  // The evaluation page's autosave uses fetch (evaluation.js) and says when it got an answer.
  document.addEventListener("wholebody:server-answered", schedule);
  schedule();
})();
