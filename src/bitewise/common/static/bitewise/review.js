// Review screen: the transcript beside the lessons. On a wide screen every lesson's part of
// it is open; on a phone each opens on demand. A link to a lesson's part opens it.
(function () {
  var blocks = document.querySelectorAll("details.transcript-block");
  if (window.matchMedia("(min-width: 64em)").matches) {
    blocks.forEach(function (block) { block.open = true; });
  }
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (target && target.matches("details.transcript-block")) target.open = true;
  }
  reveal(window.location.hash.slice(1));
  window.addEventListener("hashchange", function () { reveal(window.location.hash.slice(1)); });
})();
