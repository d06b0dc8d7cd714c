"""Files people upload, good and hostile, for the upload and media tests."""

from __future__ import annotations

import io
import wave

from django.core.files.uploadedfile import SimpleUploadedFile

# A page that, opened from our origin with an admin's session, reads a staff page and posts.
ATTACK_HTML = b"""<!doctype html><html><body><script>
fetch('/staff/').then(function (r) { return r.text(); }).then(function (page) {
  document.title = 'pwned:' + page.length;
  fetch('/staff/skills/new', {method: 'POST', body: new URLSearchParams({name: 'pwned'})});
});
</script></body></html>"""
ATTACK_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'pwned:svg\'">'
    b"<script>fetch('/staff/')</script></svg>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"


def wav_bytes(seconds: float = 0.2, rate: int = 8000) -> bytes:
    """A real, playable WAV of silence."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(seconds * rate))
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "video/mp4") -> SimpleUploadedFile:
    """A file as a browser sends it: the name and type are whatever the sender says."""
    return SimpleUploadedFile(name, data, content_type=content_type)
