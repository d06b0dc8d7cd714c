"""Small recordings made with ffmpeg's generated sources at test time (3 s each, ~1 s total)."""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SECONDS = 3.0
TONE = ["-f", "lavfi", "-i", f"sine=frequency=440:duration={SECONDS}"]
# keyframe every second (10 frames at 10 fps), so video cuts at whole seconds are exact
PICTURE = ["-f", "lavfi", "-i", f"testsrc=size=64x48:rate=10:duration={SECONDS}"]
H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "10"]
VP8 = ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "100k", "-g", "10"]

RECIPES: dict[str, list[str]] = {
    "tone.mp3": [*TONE, "-c:a", "libmp3lame", "-b:a", "64k"],
    "tone.m4a": [*TONE, "-c:a", "aac", "-b:a", "64k"],
    "tone.ogg": [*TONE, "-c:a", "libopus", "-b:a", "32k"],
    # Matroska clusters of 5 s: long enough that seeking lands far before a mid-file start
    "long-tone.webm": ["-f", "lavfi", "-i", "sine=duration=12", "-c:a", "libopus", "-b:a", "32k"],
    "vorbis.ogg": [*TONE, "-c:a", "libvorbis"],
    "tone.wav": [*TONE, "-c:a", "pcm_s16le"],
    "long-tone.wav": ["-f", "lavfi", "-i", "sine=duration=12", "-ar", "8000"],
    "clip.mp4": [*PICTURE, *TONE, *H264, "-c:a", "aac", "-shortest"],
    "clip.mov": [*PICTURE, *TONE, *H264, "-c:a", "aac", "-shortest"],
    "clip.webm": [*PICTURE, *TONE, *VP8, "-c:a", "libopus", "-shortest"],
    "silent-video.mp4": [*PICTURE, *H264],
    "mpeg4.mkv": [*PICTURE, *TONE, "-c:v", "mpeg4", "-g", "10", "-c:a", "libmp3lame", "-shortest"],
    "cover.png": ["-f", "lavfi", "-i", "color=c=red:size=16x16", "-frames:v", "1"],
}


def ffmpeg(*args: str) -> None:
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", *args]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def make_samples(folder: Path) -> dict[str, Path]:
    paths = {name: folder / name for name in RECIPES}
    with ThreadPoolExecutor() as pool:  # ffmpeg startup dominates: run them side by side
        list(pool.map(lambda name: ffmpeg(*RECIPES[name], str(paths[name])), RECIPES))
    paths["art.mp3"] = folder / "art.mp3"  # an mp3 with cover art: a picture, not a video
    ffmpeg("-i", str(paths["tone.mp3"]), "-i", str(paths["cover.png"]), "-map", "0", "-map",
           "1", "-c", "copy", "-id3v2_version", "3", "-disposition:v", "attached_pic",
           str(paths["art.mp3"]))  # fmt: skip
    return paths


def packet_hashes(*paths: Path) -> list[list[str]]:
    """Size and MD5 of every packet as stored, per file (framemd5 with stream copy: nothing
    is decoded), in one ffmpeg run for all the files."""
    command = ["ffmpeg", "-nostdin", "-v", "error"]
    for path in paths:
        command += ["-i", str(path)]
    with tempfile.TemporaryDirectory() as folder:
        outputs = [Path(folder) / f"{index}.txt" for index in range(len(paths))]
        for index, output in enumerate(outputs):
            command += ["-map", f"{index}:a", "-map", f"{index}:v?", "-c", "copy"]
            command += ["-f", "framemd5", str(output)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        texts = [output.read_text() for output in outputs]
    return [
        [
            ",".join(part.strip() for part in line.split(",")[4:6])
            for line in text.splitlines()
            if line and not line.startswith("#")
        ]
        for text in texts
    ]


def truncated(source: Path, target: Path, size: int) -> Path:
    target.write_bytes(source.read_bytes()[:size])
    return target
