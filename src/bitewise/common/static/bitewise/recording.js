// A webinar recording reports what was watched (for self-study credit).
(function () {
  var video = document.getElementById("recording");
  function clock(s) { s = Math.round(s); return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }
  if (!video) return;
  var url = video.dataset.heartbeat, from = null;
  var token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
  function send() {
    var to = Math.floor(video.currentTime);
    if (from === null || to <= from) { from = to; return; }
    var body = new URLSearchParams({start: from, end: to});
    from = to;
    fetch(url, {method: "POST", body: body, headers: {"X-CSRFToken": token}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (d) { if (d.watched_seconds !== undefined) document.getElementById("watched").textContent = "Watched " + clock(d.watched_seconds) + " of " + clock(d.of_seconds) + " (" + Math.floor(100 * d.watched_seconds / d.of_seconds) + "%)"; });
  }
  video.addEventListener("play", function () { from = Math.floor(video.currentTime); });
  video.addEventListener("seeking", function () { send(); from = null; });
  video.addEventListener("pause", send);
  video.addEventListener("ended", send);
  setInterval(function () { if (!video.paused) send(); }, 15000);
})();
