// Kiosk: an activation link carries the token in the fragment (never sent to the server or its logs); copy
// it into the form and clear the address bar.
(function () {
  "use strict";
  function fill() {
    var input = document.getElementById("token");
    if (input && location.hash.indexOf("#kiosk_") === 0) {
      input.value = decodeURIComponent(location.hash.slice(1));
      history.replaceState(null, "", location.pathname);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill); else fill();
})();
