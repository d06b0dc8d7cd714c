// Keep a clip inside the lesson's [start, end) range of a longer recording; a link with ?t=
// (a search hit) opens it at that second when the second lies in the range.
document.querySelectorAll("[data-start]").forEach(function (media) {
  var start = parseFloat(media.dataset.start || "0");
  var end = media.dataset.end ? parseFloat(media.dataset.end) : null;
  var asked = parseFloat(new URLSearchParams(window.location.search).get("t"));
  var first = asked >= start && (end === null || asked < end) ? asked : start;
  function toStart() {
    if (media.currentTime < first) media.currentTime = first;
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
