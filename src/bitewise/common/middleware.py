"""Text holding a NUL character is refused before any view runs: PostgreSQL can neither store
nor compare it (a query for it fails), and no real input needs one. Web forms refuse it field
by field (Django's CharField does); this covers what reaches a view without a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL = "\x00"
MESSAGE = "The request holds a NUL character (\\x00), which no input may contain."
API_PREFIX = "/api/"  # its query strings and bodies are checked by bitewise.api's parser


def has_nul(value: Any) -> bool:
    """Whether ``value``, parsed JSON or a string, holds a NUL character anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def nul_refusal(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": MESSAGE, "errors": []}, status=422)
    return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")


class RefuseNulCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_query = not request.path_info.startswith(API_PREFIX) and any(
            has_nul(key) or has_nul(value) for key, value in request.GET.lists()
        )
        if NUL in request.path_info or in_query:
            return nul_refusal(request)
        return self.get_response(request)
