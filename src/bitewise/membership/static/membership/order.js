// The order page while the payment provider has not confirmed yet: ask every two seconds
// whether the order's status changed, and show the page again when it has.
(function () {
  "use strict";
  var box = document.querySelector("[data-order-status]");
  if (!box) return;
  var url = box.getAttribute("data-order-status");
  var shown = box.getAttribute("data-status");
  function check() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.status !== shown) {
          window.location.reload();
        } else {
          window.setTimeout(check, 2000);
        }
      })
      .catch(function () { window.setTimeout(check, 5000); });
  }
  window.setTimeout(check, 2000);
})();
