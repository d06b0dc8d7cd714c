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

// A lesson playing a range of a longer recording: the player's own bar shows the whole
// recording, so show where the lesson is within its range and how long the range lasts.
function clipClock(seconds) {
  var whole = Math.max(0, Math.floor(seconds));
  var minutes = Math.floor(whole / 60), rest = whole % 60;
  if (minutes >= 60) return Math.floor(minutes / 60) + ":" + String(minutes % 60).padStart(2, "0") + ":" + String(rest).padStart(2, "0");
  return minutes + ":" + String(rest).padStart(2, "0");
}
document.querySelectorAll(".player").forEach(function (player) {
  var media = player.querySelector("[data-start]");
  var shown = player.querySelector("[data-clip-clock]");
  if (media && shown) {
    var start = parseFloat(media.dataset.start || "0");
    var end = media.dataset.end ? parseFloat(media.dataset.end) : null;
    var update = function () {
      var last = end !== null ? end : media.duration;
      if (!isFinite(last)) return;
      shown.querySelector("[data-clip-length]").textContent = clipClock(last - start);
      var at = Math.min(Math.max(media.currentTime - start, 0), last - start);
      shown.querySelector("[data-clip-now]").textContent = clipClock(at);
      shown.hidden = false;
    };
    ["loadedmetadata", "timeupdate", "seeked"].forEach(function (name) { media.addEventListener(name, update); });
    if (media.readyState >= 1) update();
  }
  // An audio player shows no captions itself: show the one being said under it.
  var now = player.querySelector("[data-captions-now]");
  var track = media && media.querySelector("track[kind=captions]");
  if (now && track) {
    var show = function () {
      var cues = track.track.activeCues;
      var text = cues && cues.length ? cues[cues.length - 1].getCueAsHTML().textContent : "";
      now.textContent = text;
      now.hidden = !text;
    };
    // An audio element may leave its track disabled (no cues load, no cuechange): hidden
    // loads them without drawing anything.
    if (track.track.mode === "disabled") track.track.mode = "hidden";
    track.track.addEventListener("cuechange", show);
  }
});
