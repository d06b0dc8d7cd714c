// Browsers that ignore the #t= fragment still start at the passage.
document.querySelectorAll("[data-seek]").forEach(function (media) {
  var at = parseFloat(media.dataset.seek);
  function seek() { if (Math.abs(media.currentTime - at) > 1 && media.currentTime < 1) media.currentTime = at; }
  media.addEventListener("loadedmetadata", seek);
  if (media.readyState >= 1) seek();
});
