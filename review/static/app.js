// Keyboard shortcuts and small conveniences. Loaded as a file (the CSP forbids inline script).
(function () {
  "use strict";
  function typing(event) {
    const el = event.target;
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function queuePage() {
    const rows = Array.from(document.querySelectorAll("tr.row"));
    let at = rows.length ? 0 : -1;
    function show() {
      rows.forEach((r, i) => r.classList.toggle("current", i === at));
      if (at >= 0) rows[at].scrollIntoView({ block: "nearest" });
    }
    show();
    const all = document.querySelector("[data-select-all]");
    if (all) {
      all.addEventListener("change", () => {
        document.querySelectorAll("input[name=selected]").forEach((box) => { box.checked = all.checked; });
      });
    }
    document.addEventListener("keydown", (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey || at < 0) return;
      if (event.key === "j") { at = Math.min(rows.length - 1, at + 1); show(); }
      else if (event.key === "k") { at = Math.max(0, at - 1); show(); }
      else if (event.key === "o" || event.key === "Enter") { window.location.assign(rows[at].dataset.href); }
      else if (event.key === "x") { const box = rows[at].querySelector("input[type=checkbox]"); if (box) box.checked = !box.checked; }
      else return;
      event.preventDefault();
    });
  }
  function listingPage() {
    document.addEventListener("keydown", (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const click = (selector) => { const el = document.querySelector(selector); if (el) { el.click(); return true; } return false; };
      let done = false;
      if (event.key === "c") done = click("#confirm-form button[type=submit]");
      else if (event.key === "e") done = click("#escalate-form button[type=submit]");
      else if (event.key === "d") { const box = document.getElementById("dismiss-reason"); if (box) { box.focus(); done = true; } }
      else if (event.key === "n") done = click("#next-link");
      else if (event.key === "u") { window.location.assign("/"); done = true; }
      if (done) event.preventDefault();
    });
  }
  const page = document.body.dataset.page;
  if (page === "queue") queuePage();
  if (page === "listing") listingPage();
})();
