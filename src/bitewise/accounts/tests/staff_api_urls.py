"""A staff-only API route for the tests of STAFF_AUTH (no staff route ships yet)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from bitewise.accounts.api_auth import STAFF_AUTH

api = NinjaAPI(urls_namespace="staff_api_test")


@api.get("/ping", auth=STAFF_AUTH)
def ping(request: HttpRequest) -> dict[str, str]:
    return {"who": str(request.user)}


urlpatterns = [path("staff-api/", api.urls)]
