// Results as you type in the header search box: a debounced fetch of /search/suggest and an
// ARIA 1.2 combobox with a listbox popup. Without JavaScript the box is a plain GET form.
(function () {
  var form = document.querySelector("form.search-box[data-suggest]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[aria-live]");
  var timer = null, active = -1, latest = 0;

  function close() {
    list.hidden = true; list.innerHTML = ""; active = -1;
    input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
  }
  function mark(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0 && options[index]) input.setAttribute("aria-activedescendant", options[index].id);
    else input.removeAttribute("aria-activedescendant");
  }
  function show(results) {
    list.innerHTML = "";
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "search-option-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
      // An option holds no link (nested controls confuse screen readers): it navigates itself.
      li.dataset.url = r.url;
      var title = document.createElement("strong"); title.textContent = r.title;
      var meta = document.createElement("span"); meta.className = "meta";
      meta.textContent = r.kind_label + (r.at ? " · " + r.at : "");
      var text = document.createElement("span"); text.className = "snippet"; text.textContent = r.snippet;
      li.append(title, meta, text);
      li.addEventListener("click", function () { window.location.href = r.url; });
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    status.textContent = results.length ? results.length + " suggestions; use the arrow keys." : "No matches.";
  }
  function fetchNow() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    var ticket = ++latest;
    fetch(form.dataset.suggest + "?q=" + encodeURIComponent(input.value), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {results: []}; })
      .then(function (d) { if (ticket === latest) show(d.results || []); })
      .catch(function () {});
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchNow, 150); });
  input.addEventListener("keydown", function (e) {
    var count = list.querySelectorAll("[role=option]").length;
    if (e.key === "ArrowDown" && count) { e.preventDefault(); mark((active + 1) % count); }
    else if (e.key === "ArrowUp" && count) { e.preventDefault(); mark((active - 1 + count) % count); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) {
      e.preventDefault(); window.location.href = list.querySelectorAll("[role=option]")[active].dataset.url;
    }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
})();
