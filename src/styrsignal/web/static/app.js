// Light progressive enhancement; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Bring a linked passage into view below the header and mark it.
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) {
    target.classList.add("is-target");
    target.scrollIntoView({ block: "center" });
  }
  // Buttons that ask before they act.
  for (const el of document.querySelectorAll("[data-confirm]")) {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.getAttribute("data-confirm"))) event.preventDefault();
    });
  }
});
