"""Every upload is checked by its content against the kinds it may be, whatever its name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson
from bitewise.common.tests.uploads import ATTACK_HTML, ATTACK_SVG, PNG, upload, wav_bytes
from bitewise.credentials.models import BulkAward
from bitewise.credentials.services.issuers import issuer_default
from bitewise.reinforcement.models import EventRegistration
from bitewise.reinforcement.services.events import event_create
from bitewise.repurposing.models import RepurposeJob
from bitewise.search.models import Transcript
from bitewise.testing import make_micro_credential, make_user
from bitewise.webinars.models import AttendanceImport, Webinar
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db

HOSTILE = [
    pytest.param("talk.html", ATTACK_HTML, id="html"),
    pytest.param("talk.svg", ATTACK_SVG, id="svg"),
    pytest.param("talk.mp4", ATTACK_HTML, id="html-named-mp4"),
    pytest.param("talk.mp4", PNG, id="image-named-mp4"),
]
UNGUESSABLE = re.compile(r"^lessons/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.wav$")


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def lesson_form(**fields: object) -> dict[str, object]:
    return {"title": "Hand hygiene", "kind": "media", "media_kind": "video", "minutes": 3, **fields}


class TestLessonMedia:
    @pytest.mark.parametrize(("name", "data"), HOSTILE)
    def test_an_author_cannot_upload_a_page_or_image_as_lesson_video(
        self, client: Client, media_root: Path, name: str, data: bytes
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post("/staff/lessons/new", lesson_form(media_file=upload(name, data)))

        assert response.status_code == 400
        assert "This is not an audio or video file" in response.text
        assert not Lesson.objects.exists()
        assert stored_files(media_root) == []

    @pytest.mark.parametrize(("name", "data"), HOSTILE)
    def test_the_admin_refuses_the_same_files(
        self, client: Client, media_root: Path, name: str, data: bytes
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            "/admin/catalog/lesson/add/",
            {
                **lesson_form(slug="hygiene", media_file=upload(name, data)),
                "questions-TOTAL_FORMS": 0,
                "questions-INITIAL_FORMS": 0,
            },
        )

        assert response.status_code == 200  # the form again, with the error
        assert "This is not an audio or video file" in response.text
        assert not Lesson.objects.exists()
        assert stored_files(media_root) == []

    def test_the_admin_keeps_a_real_recording_under_a_random_name(
        self, client: Client, media_root: Path
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            "/admin/catalog/lesson/add/",
            {
                **lesson_form(slug="hygiene", media_file=upload("My talk.mp4", wav_bytes())),
                "questions-TOTAL_FORMS": 0,
                "questions-INITIAL_FORMS": 0,
            },
        )

        assert response.status_code == 302
        name = Lesson.objects.get().media_file.name
        assert UNGUESSABLE.match(name), name
        assert (media_root / name).read_bytes() == wav_bytes()

    def test_a_recording_is_kept_under_a_random_name_with_the_extension_of_its_content(
        self, client: Client, media_root: Path
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            "/staff/lessons/new",
            lesson_form(media_kind="audio", media_file=upload("Ward round.mp4", wav_bytes())),
        )

        assert response.status_code == 302
        name = Lesson.objects.get().media_file.name
        assert UNGUESSABLE.match(name), name
        assert "Ward" not in name
        assert (media_root / name).read_bytes() == wav_bytes()

    def test_two_uploads_of_one_file_get_different_names(
        self, client: Client, media_root: Path
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))
        for title in ("One", "Two"):
            client.post(
                "/staff/lessons/new",
                lesson_form(title=title, media_file=upload("talk.wav", wav_bytes())),
            )
        names = set(Lesson.objects.values_list("media_file", flat=True))
        assert len(names) == 2 and all(UNGUESSABLE.match(n) for n in names)


class TestWebinarRecording:
    @pytest.mark.parametrize(("name", "data"), HOSTILE)
    def test_staff_cannot_attach_a_page_as_the_recording(
        self, client: Client, media_root: Path, name: str, data: bytes
    ) -> None:
        webinar = make_webinar()
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            reverse("webinars_staff:recording", args=[webinar.pk]),
            {"upload": upload(name, data), "length": "14:35"},
        )

        assert response.status_code == 400
        assert "This is not an audio or video file" in response.text
        assert Webinar.objects.get().recording_file == ""
        assert stored_files(media_root) == []

    def test_a_recording_is_kept_under_a_random_name(
        self, client: Client, media_root: Path
    ) -> None:
        webinar = make_webinar()
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            reverse("webinars_staff:recording", args=[webinar.pk]),
            {"upload": upload("Revenue recognition.mp3", wav_bytes()), "length": "0:01"},
        )

        assert response.status_code == 302
        name = Webinar.objects.get().recording_file.name
        assert re.match(r"^webinars/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.wav$", name), name


# Markup is refused by the form; binary files by each reader, in its own words.
TEXT_HOSTILE = [
    pytest.param("list.csv", ATTACK_HTML, "web page", id="html-named-csv"),
    pytest.param("list.csv", ATTACK_SVG, "web page", id="svg-named-csv"),
    pytest.param("list.csv", PNG, "", id="png-named-csv"),
    pytest.param("list.csv", wav_bytes(), "", id="recording-named-csv"),
]


class TestTextUploads:
    @pytest.mark.parametrize(("name", "data", "said"), TEXT_HOSTILE)
    def test_attendance_reports_must_be_text(
        self, client: Client, name: str, data: bytes, said: str
    ) -> None:
        webinar = make_webinar()
        client.force_login(make_user(role=Role.ADMIN))

        response = client.post(
            reverse("webinars_staff:import_new", args=[webinar.pk]),
            {"file": upload(name, data, "text/csv"), "platform": "", "time_zone": ""},
        )

        assert response.status_code == 400
        assert said in response.text
        assert "does not look like a text attendance report; export it as CSV" in response.text
        assert not AttendanceImport.objects.exists()

    @pytest.mark.parametrize(("name", "data", "said"), TEXT_HOSTILE)
    def test_bulk_award_csvs_must_be_text(
        self, client: Client, name: str, data: bytes, said: str, settings
    ) -> None:  # type: ignore[no-untyped-def]
        from cryptography.fernet import Fernet

        settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
        staff = make_user(role=Role.ADMIN)
        issuer_default().staff.add(staff)
        mc = make_micro_credential()
        client.force_login(staff)

        response = client.post(
            reverse("credentials_staff:bulk_new"),
            {"achievement": f"micro_credential:{mc.pk}", "file": upload(name, data, "text/csv")},
        )

        assert response.status_code == 400
        assert said in response.text
        assert not BulkAward.objects.exists()

    @pytest.mark.parametrize(("name", "data", "said"), TEXT_HOSTILE)
    def test_event_registration_csvs_must_be_text(
        self, client: Client, name: str, data: bytes, said: str
    ) -> None:
        from django.utils import timezone

        event = event_create(
            title="Congress", starts_at=timezone.now(), time_zone="UTC", kind="conference"
        )
        make_user(email="ana@example.org")
        client.force_login(make_user(role=Role.ADMIN))

        response = client.post(
            reverse("reinforcement_staff:import", args=[event.pk]),
            {"file": upload(name, data + b"\nana@example.org\n", "text/csv")},
        )

        assert response.status_code == 400
        assert said in response.text
        assert not EventRegistration.objects.exists()

    @pytest.mark.parametrize(("name", "data", "said"), TEXT_HOSTILE)
    def test_search_transcripts_must_be_text(
        self, client: Client, media_root: Path, name: str, data: bytes, said: str
    ) -> None:
        lesson = Lesson.objects.create(
            title="Talk", slug="talk", kind="media", media_url="https://media.example/talk.mp4"
        )
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            reverse("search_staff:transcripts"),
            {"lesson": lesson.pk, "file": upload(name, data, "text/vtt")},
        )

        assert response.status_code == 400
        assert said in response.text
        assert not Transcript.objects.exists()

    @pytest.mark.parametrize(("name", "data", "said"), TEXT_HOSTILE[:3])
    def test_repurposing_transcripts_must_be_text(
        self, client: Client, media_root: Path, name: str, data: bytes, said: str
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))

        response = client.post(
            reverse("repurposing_staff:new"),
            {"transcript": upload(name, data, "text/vtt"), "min_minutes": 2, "max_minutes": 8},
        )

        assert response.status_code == 400
        assert said in response.text
        assert not RepurposeJob.objects.exists()

    def test_a_plain_csv_still_goes_through(self, client: Client) -> None:
        from django.utils import timezone

        event = event_create(
            title="Congress", starts_at=timezone.now(), time_zone="UTC", kind="conference"
        )
        make_user(email="ana@example.org")
        client.force_login(make_user(role=Role.ADMIN))

        response = client.post(
            reverse("reinforcement_staff:import", args=[event.pk]),
            {"file": upload("list.csv", b"email\nana@example.org\n", "text/csv")},
        )

        assert response.status_code == 200
        assert EventRegistration.objects.filter(learner__email="ana@example.org").exists()
