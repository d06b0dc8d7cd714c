// Each block of a recording's timeline is as wide as its share of the recording. Set here,
// not in a style attribute, which the Content-Security-Policy does not allow.
document.querySelectorAll("[data-grow]").forEach(function (block) {
  block.style.flexGrow = block.dataset.grow;
});
