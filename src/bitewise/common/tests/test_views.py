from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from bitewise.catalog.models import Lesson, LessonKind
from bitewise.catalog.services import micro_credential_publish, micro_credential_set_lessons
from bitewise.common.tests.uploads import wav_bytes
from bitewise.testing import make_lesson, make_micro_credential


@pytest.fixture
def recording(settings, tmp_path: Path) -> bytes:  # type: ignore[no-untyped-def]
    """A file a published lesson plays (media nothing uses is served to nobody)."""
    settings.MEDIA_ROOT = tmp_path
    data = wav_bytes()[:44] + bytes(range(256)) * 4
    (tmp_path / "talk.wav").write_bytes(data)
    lesson = make_lesson()
    Lesson.objects.filter(pk=lesson.pk).update(kind=LessonKind.MEDIA, media_file="talk.wav")
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[lesson.pk])
    micro_credential_publish(micro_credential=mc, by=None)
    return data


@pytest.mark.django_db
def test_media_is_served_whole_with_range_support(client: Client, recording: bytes) -> None:
    response = client.get("/media/talk.wav")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == recording


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=10-19", 10, 19),
        ("bytes=1000-", 1000, 1067),
        ("bytes=-24", 1044, 1067),
        ("bytes=1020-5000", 1020, 1067),
    ],
    ids=["middle", "open-ended", "suffix", "past-the-end"],
)
def test_media_byte_ranges_let_players_seek(
    client: Client, recording: bytes, header: str, start: int, end: int
) -> None:
    response = client.get("/media/talk.wav", headers={"Range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/1068"
    assert b"".join(response.streaming_content) == recording[start : end + 1]


@pytest.mark.django_db
def test_an_unsatisfiable_range_is_a_416(client: Client, recording: bytes) -> None:
    response = client.get("/media/talk.wav", headers={"Range": "bytes=5000-6000"})
    assert response.status_code == 416


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["../settings.py", "nope.wav", "%2e%2e/secret"])
def test_media_outside_the_folder_or_missing_is_a_404(
    client: Client, recording: bytes, path: str
) -> None:
    assert client.get(f"/media/{path}").status_code == 404


@pytest.mark.django_db
def test_health_check_touches_the_database(client: Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_openapi_docs_are_served(client: Client) -> None:
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/catalog" in schema["paths"]
    assert "/api/me/progress" in schema["paths"]
