"""Request bodies are bounded before anything reads them, one limit per kind of input.

Every request may send BITEWISE_MAX_BODY_BYTES (forms, JSON). A view that takes a file says
how large with ``@accepts_upload``: its body may be that file plus the form around it. The
limit is checked against Content-Length before the CSRF check parses the body, and a chunked
body (no length) is read to the limit and no further."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from bitewise.engines.text.sizes import describe_bytes

View = TypeVar("View", bound=Callable[..., Any])

UPLOAD_ATTRIBUTE = "max_upload_bytes"
# API operations are wrapped by django-ninja, which names each URL after the function.
_API_UPLOADS: dict[str, tuple[tuple[int | str, ...], bool]] = {}
_CHUNK = 64 * 1024


def accepts_upload(*file_limits: int | str, staff_only: bool = True) -> Callable[[View], View]:
    """Let a view take files of up to these sizes (bytes, or the name of a setting), one per
    file field. With ``staff_only`` the larger body is allowed to signed-in staff only;
    anyone else is held to the form limit before the page says they may not post there."""

    def mark(view: View) -> View:
        setattr(view, UPLOAD_ATTRIBUTE, (file_limits, staff_only))
        _API_UPLOADS[view.__name__] = (file_limits, staff_only)
        return view

    return mark


def body_limit(request: HttpRequest, view: Callable[..., Any]) -> int:
    """The most bytes ``request`` may send to ``view``."""
    form_limit: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # BITEWISE_MAX_BODY_BYTES
    marked = getattr(view, UPLOAD_ATTRIBUTE, None)
    match = request.resolver_match
    if marked is None and match is not None and request.path.startswith("/api/"):
        marked = _API_UPLOADS.get(match.url_name or "")
    if marked is None and match is not None and "admin" in match.app_names:
        marked = (("BITEWISE_MAX_MEDIA_BYTES",), True)  # the admin's lesson media uploads
    if marked is None:
        return form_limit
    file_limits, staff_only = marked
    if staff_only and not getattr(request.user, "is_staff", False):
        return form_limit
    sizes = (getattr(settings, f) if isinstance(f, str) else f for f in file_limits)
    return sum(int(size) for size in sizes) + form_limit


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """413 with a message: JSON under /api/, a page elsewhere."""
    message = (
        f"The request is too large: at most {describe_bytes(limit)} can be sent here. "
        "Send a smaller file or less text."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


class BodyLimitMiddleware:
    """Refuses an oversized body before any middleware or view reads it. Must come before
    CsrfViewMiddleware, whose ``process_view`` parses POST bodies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        spooled = getattr(request, "_spooled_body", None)
        if spooled is not None:  # a chunked body read in process_view
            spooled.close()
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        limit = body_limit(request, view)
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared.strip():
            try:
                length = int(declared)
            except ValueError:
                return HttpResponse("Content-Length is not a number.", status=400)
            return too_large(request, limit) if length > limit else None
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self._read_chunked(request, limit)
        return None

    def _read_chunked(self, request: HttpRequest, limit: int) -> HttpResponse | None:
        """A body without a length: read it to the limit into a spooled file and hand Django
        that, with the length now known. Servers that cannot end the stream for us
        (``wsgi.input_terminated`` unset) would leave Django reading nothing, so say so."""
        if not request.META.get("wsgi.input_terminated"):
            return HttpResponse("Send the request with a Content-Length.", status=411)
        source = request.META["wsgi.input"]
        # The request's body from here on; closed in __call__ once the response is made.
        spooled = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
        request._spooled_body = spooled  # type: ignore[attr-defined]
        total = 0
        while chunk := source.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                return too_large(request, limit)
            spooled.write(chunk)
        spooled.seek(0)
        request.META["CONTENT_LENGTH"] = str(total)
        request._stream = LimitedStream(spooled, total)  # type: ignore[assignment, arg-type]
        return None
