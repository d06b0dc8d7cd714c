// Keep a clip inside the lesson's [start, end) range of a longer recording.
document.querySelectorAll("[data-start]").forEach(function (media) {
  var start = parseFloat(media.dataset.start || "0");
  var end = media.dataset.end ? parseFloat(media.dataset.end) : null;
  function toStart() {
    if (media.currentTime < start) media.currentTime = start;
  }
  media.addEventListener("loadedmetadata", toStart);
  // The metadata may have loaded before this script ran.
  if (media.readyState >= 1) toStart();
  media.addEventListener("play", function () {
    if (media.currentTime < start || (end !== null && media.currentTime >= end)) media.currentTime = start;
  });
  media.addEventListener("timeupdate", function () {
    if (end !== null && media.currentTime >= end) { media.pause(); media.currentTime = end; }
  });
});
