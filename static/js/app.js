// CoCreate front-end glue. Loaded as a file (the CSP forbids inline scripts).
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Every htmx request carries the CSRF token in a header.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  var toastTimer = null;
  function showToast(message) {
    var toast = document.getElementById("toast");
    if (!toast) return;
    toast.textContent = message;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 6000);
  }

  // htmx does not swap 4xx/5xx answers; show their message instead of failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.getResponseHeader("HX-Redirect")) return;
    var text = (xhr.responseText || "").trim();
    if (!text || text.charAt(0) === "<") text = "That did not work (error " + xhr.status + "). Please try again.";
    showToast(text);
  });
  document.addEventListener("htmx:sendError", function () {
    showToast("Could not reach the server. Check your connection and try again.");
  });

  // The menu button shows and hides the menu on small screens.
  var menuButton = document.querySelector(".menu-button");
  if (menuButton) {
    menuButton.addEventListener("click", function () {
      var open = menuButton.getAttribute("aria-expanded") !== "true";
      menuButton.setAttribute("aria-expanded", String(open));
      document.getElementById(menuButton.getAttribute("aria-controls")).classList.toggle("open", open);
    });
  }

  // Drop-down menus close when one clicks elsewhere or presses Escape (they open and close without script).
  function closeMenus(except) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      if (menu !== except) menu.removeAttribute("open");
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details.dropdown") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.dropdown[open]");
    if (!open) return;
    closeMenus(null);
    open.querySelector("summary").focus();
  });

  // A photo opens larger over the page (without script, its link opens the image itself).
  function closeLightbox() {
    var box = document.querySelector(".lightbox");
    if (!box) return;
    box.remove();
    if (box.opener) box.opener.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.lightbox-link") : null;
    if (link) {
      event.preventDefault();
      var image = link.querySelector("img");
      var box = document.createElement("div");
      box.className = "lightbox";
      box.setAttribute("role", "dialog");
      box.setAttribute("aria-modal", "true");
      box.setAttribute("aria-label", image ? image.alt : "Photo");
      var big = document.createElement("img");
      big.src = link.href;
      big.alt = image ? image.alt : "";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Close";
      box.appendChild(big);
      box.appendChild(close);
      box.opener = link;
      document.body.appendChild(box);
      close.focus();
      return;
    }
    if (event.target.closest && event.target.closest(".lightbox")) closeLightbox();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeLightbox();
  });

  // A posted comment clears its form (the discussion block is re-rendered by the server).
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (event.detail.successful && form.tagName === "FORM" && form.querySelector("textarea")) form.reset();
  });

  // Moderation queue keys: j/k move between items, a approve, f feature, r reason, x reject, space select.
  function queueRows() { return Array.prototype.slice.call(document.querySelectorAll("[data-case]")); }
  function currentRow() {
    var el = document.activeElement;
    return el && el.closest ? el.closest("[data-case]") : null;
  }
  document.addEventListener("keydown", function (event) {
    if (!document.querySelector(".queue") || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
    if (typing && !(target.type === "checkbox")) return;
    var rows = queueRows();
    var row = currentRow();
    var index = row ? rows.indexOf(row) : -1;
    var key = event.key;
    if (key === "j" || key === "k") {
      var next = rows[Math.max(0, Math.min(rows.length - 1, index + (key === "j" ? 1 : -1)))];
      if (next) { next.focus(); event.preventDefault(); }
      return;
    }
    if (!row) return;
    if (key === " " && target === row) {
      var box = row.querySelector('input[type="checkbox"]');
      if (box) { box.checked = !box.checked; event.preventDefault(); }
      return;
    }
    var control = row.querySelector('[data-key="' + key + '"]');
    if (!control) return;
    event.preventDefault();
    if (control.tagName === "SELECT") { control.focus(); return; }
    var following = rows[index + 1];
    control.click();
    if (following) following.focus();  // keep going down the queue while the row is replaced
  });
})();
