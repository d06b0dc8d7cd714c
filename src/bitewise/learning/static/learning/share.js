// "Copy link" next to a read-only field holding the badge's address.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  var note = document.getElementById(button.dataset.copy + "-copied");
  function copied() { if (note) note.hidden = false; }
  function selectIt() { field.focus(); field.select(); }
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, selectIt);
    } else {
      selectIt();
      if (document.execCommand("copy")) copied();
    }
  });
});
