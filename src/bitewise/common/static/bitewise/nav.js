// The main links on a phone are one row that scrolls sideways (site.css): mark the page's own
// link and bring it into view, and say (.more-right: a fade and an arrow) while links follow.
(function () {
  "use strict";
  const nav = document.querySelector("header.top nav");
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
  if (here) {
    here.setAttribute("aria-current", "page");
    const left = here.offsetLeft - nav.offsetLeft;
    if (left + here.offsetWidth > nav.clientWidth) nav.scrollLeft = left - nav.clientWidth / 3;
  }
  const mark = function () {
    nav.classList.toggle("more-right", nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 4);
  };
  nav.addEventListener("scroll", mark, { passive: true });
  window.addEventListener("resize", mark);
  mark();
})();
