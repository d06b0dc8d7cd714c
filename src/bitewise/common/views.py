"""Health check and uploaded-media serving (with HTTP Range, so players can seek)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.views import defaults

from bitewise.common.limits import too_large
from bitewise.common.media import access_media_file

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# A user file opened directly is a document with no rights: no script, no same-origin access.
MEDIA_POLICY = "default-src 'none'; sandbox"


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, except form fields over the body limit (a pasted book): 413 with the limit."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)


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


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve an uploaded file to whoever may see what uses it (``access_media_file``).

    Audio, video and still images, told by their bytes, play inline; anything else is a
    download. The type is never taken from the name, browsers are told not to guess one, and
    a sandboxing policy keeps a file opened directly from running as a page of this site."""
    user = request.user if request.user.is_authenticated else None
    stored = access_media_file(name=path, user=user)
    response = _ranged(request, stored.path, stored.content.media_type)
    if not stored.content.is_playable:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = content_disposition_header(True, stored.path.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=3600"
    patch_vary_headers(response, ["Cookie"])
    return response


def _ranged(request: HttpRequest, full: Path, content_type: str) -> HttpResponseBase:
    """The whole file, or the byte range asked for (players seek with Range requests)."""
    size = full.stat().st_size
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
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    length = end - start + 1
    response = FileResponse(_Slice(full, start, length), status=206, content_type=content_type)
    response["Content-Length"] = str(length)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
