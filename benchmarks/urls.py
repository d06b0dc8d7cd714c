"""The product's URLs plus two baselines served by the same stack: ``/bench/trivial``
(a view returning ``ok``) and ``/bench/layout``, the platform floor: a logged-in page
that renders only the site layout (session, user, navigation, search box, CSRF token)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def layout(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path("bench/trivial", trivial, name="bench-trivial"),
    path("bench/layout", layout, name="bench-layout"),
    path("", include("bitewise.urls")),
]
