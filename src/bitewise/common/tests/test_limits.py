"""Every request body is bounded before it is read: one limit per kind of input, a 413 with
a message (JSON under /api/, a page elsewhere)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson
from bitewise.common.tests.uploads import wav_bytes
from bitewise.credentials.services.verification import MAX_INPUT_BYTES
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        raise AssertionError("the body was read")


def claimed(length: int) -> dict[str, object]:
    """WSGI environ for a body announced as ``length`` bytes that must never be read."""
    return {"CONTENT_LENGTH": str(length), "wsgi.input": Unreadable()}


def test_an_anonymous_200_mb_verify_upload_is_refused_unread_as_json(client: Client) -> None:
    response = client.generic(
        "POST",
        "/api/verify/file",
        b"",
        content_type="multipart/form-data; boundary=x",
        **claimed(200_000_000),  # type: ignore[arg-type]
    )

    assert response.status_code == 413
    assert "at most 7.0 MB" in response.json()["detail"]


def test_a_verify_upload_over_its_limit_is_refused_whole(client: Client) -> None:
    big = SimpleUploadedFile("badge.json", b" " * (MAX_INPUT_BYTES + 2_100_000))

    response = client.post("/api/verify/file", {"file": big})

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"


def test_a_verify_upload_within_its_limit_is_checked(client: Client) -> None:
    response = client.post("/api/verify/file", {"file": SimpleUploadedFile("a.json", b"{}")})

    assert response.status_code == 200
    assert response.json()["checks"]


def test_a_json_body_over_the_form_limit_is_a_json_413(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = client.post(
        "/api/verify", {"credential": "x" * 20_000}, content_type="application/json"
    )

    assert response.status_code == 413
    assert "at most 10 kB" in response.json()["detail"]


def test_a_page_refuses_an_oversized_form_with_a_page_that_says_so(
    client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = client.post("/accounts/login/", {"username": "a@example.org", "x": "y" * 20_000})

    assert response.status_code == 413
    assert "too large" in response.text and "at most 10 kB" in response.text


def test_anonymous_visitors_cannot_send_recording_sized_bodies_to_staff_upload_pages(
    client: Client,
) -> None:
    response = client.generic(
        "POST",
        "/staff/lessons/new",
        b"",
        content_type="multipart/form-data; boundary=x",
        **claimed(400_000_000),  # type: ignore[arg-type]
    )

    assert response.status_code == 413


def test_learners_cannot_either(client: Client) -> None:
    client.force_login(make_user())
    response = client.generic(
        "POST",
        "/staff/lessons/new",
        b"",
        content_type="multipart/form-data; boundary=x",
        **claimed(400_000_000),  # type: ignore[arg-type]
    )

    assert response.status_code == 413


def test_staff_keep_the_larger_limit_for_recordings(
    client: Client, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.BITEWISE_MAX_MEDIA_BYTES = 200_000
    client.force_login(make_user(role=Role.AUTHOR))
    recording = wav_bytes(seconds=10)  # 80 kB: over the form limit, within the media one
    form = {"title": "Talk", "kind": "media", "media_kind": "audio", "minutes": 3}

    response = client.post(
        "/staff/lessons/new", {**form, "media_file": SimpleUploadedFile("t.wav", recording)}
    )
    assert response.status_code == 302
    assert Lesson.objects.count() == 1

    too_big = wav_bytes(seconds=30)  # 240 kB
    response = client.post(
        "/staff/lessons/new",
        {**form, "title": "Two", "media_file": SimpleUploadedFile("t.wav", too_big)},
    )
    assert response.status_code == 413
    assert Lesson.objects.count() == 1


def test_the_admin_takes_staff_recordings_too(client: Client, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.generic(
        "POST",
        "/admin/catalog/lesson/add/",
        b"",
        content_type="multipart/form-data; boundary=x",
        **claimed(600_000_000),  # type: ignore[arg-type]
    )
    assert response.status_code == 413  # over the media limit

    recording = SimpleUploadedFile("t.wav", wav_bytes(seconds=10))  # 80 kB
    response = client.post("/admin/catalog/lesson/add/", {"media_file": recording})
    assert response.status_code == 200  # within it: the form, with its errors


class TestChunkedBodies:
    def chunked(self, body: bytes, *, terminated: bool = True) -> dict[str, object]:
        return {
            "CONTENT_LENGTH": "",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input": io.BytesIO(body),
            "wsgi.input_terminated": terminated,
        }

    def test_a_chunked_body_is_read_only_up_to_the_limit(self, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

        response = client.generic(
            "POST",
            "/api/verify",
            b"",
            content_type="application/json",
            **self.chunked(b'{"credential": "' + b"x" * 50_000 + b'"}'),  # type: ignore[arg-type]
        )

        assert response.status_code == 413

    def test_a_chunked_body_within_the_limit_reaches_the_view(self, client: Client) -> None:
        response = client.generic(
            "POST",
            "/api/verify",
            b"",
            content_type="application/json",
            **self.chunked(b'{"credential": "not a credential"}'),  # type: ignore[arg-type]
        )

        assert response.status_code == 200  # an empty body would be a 422
        assert response.json()["checks"]

    def test_a_server_that_cannot_end_a_chunked_body_gets_a_411(self, client: Client) -> None:
        response = client.generic(
            "POST",
            "/api/verify",
            b"",
            content_type="application/json",
            **self.chunked(b"{}", terminated=False),  # type: ignore[arg-type]
        )

        assert response.status_code == 411


def test_form_fields_over_the_limit_in_an_upload_form_get_a_413_page(
    client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.post(
        "/staff/lessons/new", {"title": "Talk", "kind": "text", "body_markdown": "x" * 20_000}
    )

    assert response.status_code == 413
    assert "at most 10 kB" in response.text
    assert not Lesson.objects.exists()
