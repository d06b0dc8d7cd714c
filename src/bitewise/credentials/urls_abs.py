"""Absolute URLs that go into signed documents (they must not depend on a request)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def credential_url(credential_id: object) -> str:
    return absolute(reverse("credentials:public", kwargs={"credential_id": credential_id}))


def status_list_url(status_list_id: object) -> str:
    return absolute(reverse("credentials:status_list", kwargs={"list_id": status_list_id}))


def achievement_url(kind: str, slug: str, version: object) -> str:
    return absolute(
        reverse("credentials:achievement", kwargs={"kind": kind, "slug": slug, "version": version})
    )
