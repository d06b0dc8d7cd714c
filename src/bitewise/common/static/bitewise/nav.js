// The main links: mark the page's own link (aria-current), and on a phone fold them behind a
// "Menu" disclosure button (aria-expanded) so none is cut off. Without this script the links
// simply wrap onto as many rows as they need (site.css).
(function () {
  "use strict";
  const header = document.querySelector("header.top");
  const nav = header && header.querySelector("nav");
  if (!nav) return;
  const path = window.location.pathname;
  let here = null;
  let best = 0;
  for (const link of nav.querySelectorAll("a[href]")) {
    const target = new URL(link.href, window.location.href).pathname;
    const matches = target === "/" ? path === "/" : path.startsWith(target);
    if (matches && target.length > best) {
      here = link;
      best = target.length;
    }
  }
  if (here) here.setAttribute("aria-current", "page");

  const toggle = header.querySelector("button.menu-toggle");
  if (!toggle) return;
  const setOpen = function (open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("open", open);
  };
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes an open menu and gives focus back to its button.
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
  setOpen(false);
  toggle.hidden = false;
  header.classList.add("has-menu");
})();
