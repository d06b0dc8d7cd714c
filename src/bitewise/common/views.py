"""Health check and uploaded-media serving (with HTTP Range, so players can seek)."""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils._os import safe_join

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


class _Slice:
    """A file object that yields at most ``length`` bytes from ``start``."""

    def __init__(self, path: Path, start: int, length: int) -> None:
        self.handle = path.open("rb")
        self.handle.seek(start)
        self.remaining = length

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        size = self.remaining if size < 0 else min(size, self.remaining)
        chunk = self.handle.read(size)
        self.remaining -= len(chunk)
        return chunk

    def close(self) -> None:
        self.handle.close()


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve an uploaded file. In the embedded default the app serves media itself;
    behind a proxy or object storage, point MEDIA_URL elsewhere."""
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except Exception as exc:  # SuspiciousFileOperation for ../ tricks
        raise Http404("No such file") from exc
    if not full.is_file():
        raise Http404("No such file")
    size = full.stat().st_size
    content_type = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    match = RANGE.match(request.headers.get("Range", ""))
    if not match or (not match.group(1) and not match.group(2)):
        response = FileResponse(full.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start, end = int(first), int(last) if last else size - 1
    else:  # suffix range: the final N bytes
        start, end = max(0, size - int(last)), size - 1
    end = min(end, size - 1)
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    length = end - start + 1
    response = FileResponse(_Slice(full, start, length), status=206, content_type=content_type)
    response["Content-Length"] = str(length)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
