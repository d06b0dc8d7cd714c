"""Absolute URLs that go into signed documents (they must not depend on a request)."""

from __future__ import annotations

from django.urls import reverse

from bitewise.common.links import absolute


def credential_url(credential_id: object) -> str:
    return absolute(reverse("credentials:public", kwargs={"credential_id": credential_id}))


def status_list_url(status_list_id: object) -> str:
    return absolute(reverse("credentials:status_list", kwargs={"list_id": status_list_id}))


def achievement_url(kind: str, slug: str, version: object) -> str:
    return absolute(
        reverse("credentials:achievement", kwargs={"kind": kind, "slug": slug, "version": version})
    )
