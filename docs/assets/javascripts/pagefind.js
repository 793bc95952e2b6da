// Hosted search (pagefind mode only, loaded by the theme's partials/pagefind.html).
// Pagefind 1.5.2's filter buttons have role="combobox", whose name does not come from
// their text, so screen readers announce them unnamed (axe: button-name). Name each
// one by its visible label, also when Pagefind re-renders them.
(function () {
  function nameFilterButtons(root) {
    root.querySelectorAll(".pf-dropdown-trigger:not([aria-labelledby])").forEach(function (button) {
      var label = button.querySelector(".pf-dropdown-trigger-label");
      if (!label || !button.id) return;
      label.id = button.id + "-label";
      button.setAttribute("aria-labelledby", label.id);
    });
  }
  function setUp() {
    var filters = document.querySelector(".clip-pagefind__filters");
    if (!filters) return;
    nameFilterButtons(filters);
    new MutationObserver(function () { nameFilterButtons(filters); })
      .observe(filters, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
