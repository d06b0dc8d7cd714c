"""Turns a Throttled refusal anywhere in a view into a 429 that says when to retry."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from bitewise.accounts.throttle import Throttled


class ThrottledMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Throttled):
            return None
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": str(exception)}, status=429)
        else:
            context = {"message": str(exception)}
            response = render(request, "accounts/throttled.html", context, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response
