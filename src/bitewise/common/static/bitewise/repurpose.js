// Review screen: "play from here" seeks the page's player instead of opening the file.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-seek]");
  const player = document.getElementById("recording");
  if (!link || !player) return;
  event.preventDefault();
  player.currentTime = parseFloat(link.dataset.seek);
  player.play().catch(() => {});
  player.scrollIntoView({ behavior: "smooth", block: "center" });
});
