"""/media/: user files only for who may see what uses them, served by what they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson, LessonKind
from bitewise.catalog.services import micro_credential_set_lessons
from bitewise.common.tests.uploads import ATTACK_HTML, ATTACK_SVG, wav_bytes
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.testing import make_micro_credential, make_user
from bitewise.webinars.models import Webinar
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db

SANDBOX = "default-src 'none'; sandbox"


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(root: Path, name: str, data: bytes) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name


def lesson_using(name: str, *, published: bool) -> Lesson:
    lesson = Lesson.objects.create(
        title="Talk", slug=f"talk-{Lesson.objects.count()}", kind=LessonKind.MEDIA
    )
    Lesson.objects.filter(pk=lesson.pk).update(media_file=name)
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[lesson.pk])
    if published:
        from bitewise.catalog.services import micro_credential_publish

        micro_credential_publish(micro_credential=mc, by=None)
    return lesson


def body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


class TestHowFilesAreServed:
    def test_a_recording_plays_inline_as_what_its_bytes_say(
        self, client: Client, media_root: Path
    ) -> None:
        name = stored(media_root, "lessons/2026/01/talk.mp4", wav_bytes())  # the name lies
        lesson_using(name, published=True)

        response = client.get(f"/media/{name}")

        assert response.status_code == 200
        assert response["Content-Type"] == "audio/wav"
        assert "attachment" not in response.get("Content-Disposition", "")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == SANDBOX
        assert body(response) == wav_bytes()

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            pytest.param("lessons/2026/01/intro.html", ATTACK_HTML, id="html"),
            pytest.param("lessons/2026/01/intro.svg", ATTACK_SVG, id="svg"),
            pytest.param("lessons/2026/01/intro.mp4", ATTACK_HTML, id="html-named-mp4"),
        ],
    )
    def test_a_page_stored_before_the_checks_is_only_ever_a_sandboxed_download(
        self, client: Client, media_root: Path, name: str, data: bytes
    ) -> None:
        lesson_using(stored(media_root, name, data), published=True)
        client.force_login(make_user(role=Role.ADMIN))  # the victim the attack wanted

        response = client.get(f"/media/{name}")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == SANDBOX

    @pytest.mark.parametrize(
        ("header", "start", "end"),
        [
            ("bytes=10-19", 10, 19),
            ("bytes=1000-", 1000, None),
            ("bytes=-24", None, None),
        ],
        ids=["middle", "open-ended", "suffix"],
    )
    def test_players_can_still_seek_with_ranges(
        self, client: Client, media_root: Path, header: str, start: int | None, end: int | None
    ) -> None:
        data = wav_bytes()
        name = stored(media_root, "lessons/2026/01/a.wav", data)
        lesson_using(name, published=True)
        size = len(data)
        first = start if start is not None else size - 24
        last = end if end is not None else size - 1

        response = client.get(f"/media/{name}", headers={"Range": header})

        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
        assert response["Content-Type"] == "audio/wav"
        assert body(response) == data[first : last + 1]


class TestWhoMaySeeAFile:
    def test_media_of_a_published_lesson_is_for_anyone_who_may_open_the_lesson(
        self, client: Client, media_root: Path
    ) -> None:
        name = stored(media_root, "lessons/a.wav", wav_bytes())
        lesson_using(name, published=True)

        assert client.get(f"/media/{name}").status_code == 200
        client.force_login(make_user())
        assert client.get(f"/media/{name}").status_code == 200

    def test_media_of_an_unpublished_lesson_is_for_staff_only(
        self, client: Client, media_root: Path
    ) -> None:
        name = stored(media_root, "lessons/draft.wav", wav_bytes())
        lesson_using(name, published=False)

        assert client.get(f"/media/{name}").status_code == 404
        client.force_login(make_user())
        assert client.get(f"/media/{name}").status_code == 404
        client.force_login(make_user(role=Role.AUTHOR))
        assert client.get(f"/media/{name}").status_code == 200

    def test_a_webinar_recording_is_for_signed_in_people_while_the_webinar_is_public(
        self, client: Client, media_root: Path
    ) -> None:
        name = stored(media_root, "webinars/rec.wav", wav_bytes())
        webinar = make_webinar()
        Webinar.objects.filter(pk=webinar.pk).update(recording_file=name, recording_seconds=1)

        assert client.get(f"/media/{name}").status_code == 404
        client.force_login(make_user())
        assert client.get(f"/media/{name}").status_code == 200

    def test_a_draft_webinars_recording_is_for_staff_only(
        self, client: Client, media_root: Path
    ) -> None:
        name = stored(media_root, "webinars/draft.wav", wav_bytes())
        webinar = make_webinar(publish=False)
        Webinar.objects.filter(pk=webinar.pk).update(recording_file=name, recording_seconds=1)

        client.force_login(make_user())
        assert client.get(f"/media/{name}").status_code == 404
        client.force_login(make_user(role=Role.AUTHOR))
        assert client.get(f"/media/{name}").status_code == 200

    def test_recordings_and_clips_are_for_their_staff_until_a_published_lesson_uses_them(
        self, client: Client, media_root: Path
    ) -> None:
        recording = stored(media_root, "recordings/2026/01/abc-talk.wav", wav_bytes())
        clip = stored(media_root, "clips/abc/001-0-60.wav", wav_bytes())
        uploader = make_user(role=Role.AUTHOR)
        job = RepurposeJob.objects.create(title="Talk", media_file=recording, created_by=uploader)
        DraftSegment.objects.create(
            job=job, position=0, first_cue=0, stop_cue=1, start=0, end=60, clip=clip
        )
        client.force_login(make_user())
        assert client.get(f"/media/{recording}").status_code == 404
        assert client.get(f"/media/{clip}").status_code == 404

        lesson_using(clip, published=True)

        assert client.get(f"/media/{clip}").status_code == 200
        assert client.get(f"/media/{recording}").status_code == 404
        client.force_login(make_user(role=Role.AUTHOR))  # of another organisation
        assert client.get(f"/media/{recording}").status_code == 404
        client.force_login(uploader)
        assert client.get(f"/media/{recording}").status_code == 200

    def test_a_file_nothing_uses_is_nobodys(self, client: Client, media_root: Path) -> None:
        name = stored(media_root, "lessons/orphan.wav", wav_bytes())
        client.force_login(make_user(role=Role.ADMIN))

        assert client.get(f"/media/{name}").status_code == 404

    @pytest.mark.parametrize(
        "path", ["../settings.py", "lessons/../../x", "%2e%2e/secret", "nope.wav", "lessons/"]
    )
    def test_missing_files_and_paths_outside_the_folder_are_404(
        self, client: Client, media_root: Path, path: str
    ) -> None:
        client.force_login(make_user(role=Role.ADMIN))
        assert client.get(f"/media/{path}").status_code == 404

    def test_a_path_spelled_differently_still_maps_to_its_owner(
        self, client: Client, media_root: Path
    ) -> None:
        name = stored(media_root, "lessons/draft.wav", wav_bytes())
        lesson_using(name, published=False)
        client.force_login(make_user())

        assert client.get("/media/lessons//draft.wav").status_code == 404
        assert client.get("/media/lessons/./draft.wav").status_code == 404
        assert client.get("/media/webinars/../lessons/draft.wav").status_code == 404
