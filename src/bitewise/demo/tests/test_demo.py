from __future__ import annotations

import os
import shutil
import subprocess
import wave
from decimal import Decimal
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.catalog.models import (
    Choice,
    Lesson,
    LessonKind,
    MicroCredential,
    MicroCredentialVersion,
    Pathway,
    Question,
    Skill,
    Status,
)
from bitewise.catalog.selectors import CatalogFilters, catalog_list
from bitewise.common.models import DomainEvent
from bitewise.demo import content
from bitewise.demo.loader import DemoSummary, load_demo
from bitewise.demo.recording import (
    SAMPLE_RATE,
    can_speak,
    ensure_recording,
    recording_cues,
    recording_path,
)
from bitewise.learning.models import Award, Enrollment, LessonCompletion, QuestionAnswer
from bitewise.learning.selectors import learner_progress
from bitewise.reinforcement.models import Event
from bitewise.reviews.models import ReviewCard
from bitewise.search.models import Document as SearchDocument
from bitewise.search.models import Transcript
from bitewise.webinars.models import CreditAward, Registration, Webinar

PASSWORD = "demo-test-password"


@pytest.fixture(scope="session")
def spoken_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo recording, synthesized once for the session (it takes a while)."""
    folder = tmp_path_factory.mktemp("demo-recording")
    with override_settings(MEDIA_ROOT=folder):
        ensure_recording()
        return recording_path()


@pytest.fixture
def media_root(settings: Any, tmp_path: Path, spoken_recording: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    recording_path().parent.mkdir(parents=True)
    shutil.copyfile(spoken_recording, recording_path())
    return tmp_path


@pytest.fixture
def loaded(media_root: Path) -> DemoSummary:
    return load_demo(password=PASSWORD)


def _counts() -> dict[str, int]:
    return {
        "skills": Skill.objects.count(),
        "lessons": Lesson.objects.count(),
        "questions": Question.objects.count(),
        "choices": Choice.objects.count(),
        "micro_credentials": MicroCredential.objects.count(),
        "versions": MicroCredentialVersion.objects.count(),
        "pathways": Pathway.objects.count(),
        "users": User.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "completions": LessonCompletion.objects.count(),
        "answers": QuestionAnswer.objects.count(),
        "webinars": Webinar.objects.count(),
        "registrations": Registration.objects.count(),
        "credit_awards": CreditAward.objects.count(),
        "reinforcement_events": Event.objects.count(),
        "review_cards": ReviewCard.objects.count(),
        "search_documents": SearchDocument.objects.count(),
        "awards": Award.objects.count(),
        "events": DomainEvent.objects.count(),
    }


@pytest.mark.django_db
def test_loading_creates_skills_with_framework_references(loaded: DemoSummary) -> None:
    skills = list(Skill.objects.all())
    assert len(skills) >= 3
    assert all(s.description and s.framework_code and s.framework_url for s in skills)


@pytest.mark.django_db
def test_loading_creates_at_least_twelve_micro_lessons_of_every_kind(loaded: DemoSummary) -> None:
    lessons = list(Lesson.objects.all())
    assert len(lessons) >= 12
    assert all(2 <= lesson.minutes <= 10 for lesson in lessons)
    assert {lesson.kind for lesson in lessons} == {
        LessonKind.TEXT,
        LessonKind.MEDIA,
        LessonKind.QUIZ,
    }
    assert all(lesson.body_html for lesson in lessons)


@pytest.mark.django_db
def test_quizzes_mix_question_kinds_and_explain_every_choice(loaded: DemoSummary) -> None:
    quizzes = Lesson.objects.filter(kind=LessonKind.QUIZ).prefetch_related("questions__choices")
    questions = [q for lesson in quizzes for q in lesson.questions.all()]
    assert {q.kind for q in questions} == {"single", "multiple", "true_false"}
    assert all(c.explanation for q in questions for c in q.choices.all())


@pytest.mark.django_db
def test_published_micro_credentials_each_hold_three_to_six_lessons(loaded: DemoSummary) -> None:
    published = MicroCredential.objects.filter(status=Status.PUBLISHED)
    assert published.count() >= 4
    for mc in published:
        assert 3 <= mc.memberships.count() <= 6
        assert mc.skills.exists() and mc.ce_credits > 0 and mc.ce_credit_type
        assert mc.estimated_minutes == sum(lesson.minutes for lesson in mc.lessons.all())


@pytest.mark.django_db
def test_one_published_pathway_stacks_micro_credentials(loaded: DemoSummary) -> None:
    pathway = Pathway.objects.get(status=Status.PUBLISHED)
    assert pathway.micro_credentials.count() >= 2


@pytest.mark.django_db
def test_new_this_month_shows_fewer_than_the_whole_catalog(loaded: DemoSummary) -> None:
    everything = catalog_list(filters=CatalogFilters()).count()
    new = catalog_list(filters=CatalogFilters(is_new=True)).count()
    assert 0 < new < everything


@pytest.mark.django_db
def test_learner_has_earned_one_credential_and_is_halfway_through_another(
    loaded: DemoSummary,
) -> None:
    learner = User.objects.get(email=content.LEARNER_EMAIL)
    assert learner.check_password(PASSWORD)
    progress = learner_progress(learner=learner)
    earned = [row for row in progress.micro_credentials if row.award is not None]
    assert [row.micro_credential.slug for row in earned] == [content.LEARNER_EARNED]
    assert Award.objects.filter(learner=learner).count() == 1
    assert DomainEvent.objects.filter(name="credential_earned").count() == 1
    halfway = next(
        row
        for row in progress.micro_credentials
        if row.micro_credential.slug == content.LEARNER_HALFWAY
    )
    assert halfway.is_subscribed and halfway.award is None
    assert halfway.standing.lessons_done == halfway.standing.lessons_total // 2
    assert 0 < halfway.standing.percent_complete < 50  # the assessment is a step too
    assert [(p.held, p.required) for p in progress.pathways] == [(1, 2)]


@pytest.mark.django_db
def test_demo_users_have_admin_author_and_learner_roles(loaded: DemoSummary) -> None:
    # The insight demo's workshop cohort (no usable passwords) aside.
    roles = dict(User.objects.exclude(email__startswith="cohort-").values_list("email", "role"))
    assert roles == {
        "staff@demo.bitewise.test": Role.ADMIN,
        "author@demo.bitewise.test": Role.AUTHOR,
        "learner@demo.bitewise.test": Role.LEARNER,
    }


@pytest.mark.django_db
def test_media_lessons_play_ranges_of_one_shared_recording(loaded: DemoSummary) -> None:
    media = list(Lesson.objects.filter(kind=LessonKind.MEDIA))
    assert len(media) >= 2
    assert {lesson.media_file.name for lesson in media} == {content.RECORDING_NAME}
    assert all(lesson.media_kind == "audio" for lesson in media)
    assert all(
        lesson.start_seconds is not None
        and lesson.end_seconds is not None
        and lesson.start_seconds < lesson.end_seconds
        for lesson in media
    )
    with wave.open(str(recording_path()), "rb") as recording:
        seconds = recording.getnframes() / SAMPLE_RATE
    assert max(lesson.end_seconds or 0 for lesson in media) <= seconds
    assert recording_path().stat().st_size < 6_000_000


@pytest.mark.django_db
def test_the_learner_has_webinar_credit_a_half_done_series_and_sessions_to_come(
    loaded: DemoSummary,
) -> None:
    learner = User.objects.get(email=content.LEARNER_EMAIL)
    assert loaded.webinars == Webinar.objects.count() >= 6
    [award] = CreditAward.objects.filter(learner=learner)
    assert (award.unit, award.credit) == ("contact hour", Decimal("0.25"))
    # Credit fits the profession: nursing contact hours for nursing sessions, accounting CPE
    # only for the accounting series.
    for webinar in Webinar.objects.select_related("credit_program", "series__credit_program"):
        program = webinar.credit_program or (webinar.series and webinar.series.credit_program)
        code = program.code if program else ""
        assert code.startswith("nasba") == ("Lease accounting" in webinar.title), webinar.title
    upcoming = Registration.objects.filter(
        learner=learner, status="registered", webinar__starts_at__gt=timezone.now()
    )
    assert upcoming.count() >= 3
    hygiene = Webinar.objects.get(title__startswith="Hand hygiene")
    assert hygiene.recording_source and hygiene.recording_seconds
    series = Webinar.objects.filter(series__isnull=False)
    assert series.count() == 4 and series.filter(starts_at__lt=timezone.now()).count() == 2


@pytest.mark.django_db
def test_the_learner_has_a_conference_campaign_topics_review_cards_and_search_works(
    loaded: DemoSummary, client: Any
) -> None:
    from bitewise.reinforcement.models import EventRegistration, TopicFollow
    from bitewise.reviews.models import ReviewCard

    learner = User.objects.get(email=content.LEARNER_EMAIL)
    registration = EventRegistration.objects.get(learner=learner)
    assert registration.event.campaigns.get().steps.count() == 4
    assert TopicFollow.objects.filter(learner=learner).count() == 2
    assert ReviewCard.objects.filter(learner=learner).exists()
    hits = client.get("/search/suggest", {"q": "SBAR"}).json()
    assert any("SBAR" in str(hit) for hit in hits["results"])
    passages = client.get("/api/search", {"q": "respiratory rate", "kind": "passage"}).json()
    assert passages, "the demo recording's transcript is searchable"
    assert all(hit["kind"] == "passage" for hit in passages)


@pytest.mark.django_db
def test_loading_twice_duplicates_nothing(loaded: DemoSummary) -> None:
    before = _counts()
    again = load_demo(password=PASSWORD)
    assert _counts() == before
    assert not any(login.created for login in again.logins)


@pytest.mark.django_db
def test_demo_command_without_serving_prints_the_logins(
    media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BITEWISE_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    for spec in content.USERS:
        assert spec.email in text
    assert "bitewise-demo-2026" in text
    assert "http://127.0.0.1:8000/" in text
    assert recording_path().is_file()


@pytest.mark.django_db
def test_the_recording_says_what_its_transcript_shows(loaded: DemoSummary) -> None:
    """Speech where each cue of the transcript is, and silence between: the transcript that
    captions and search use is the script the recording was synthesized from."""
    if not can_speak():
        pytest.skip("eSpeak NG and ffmpeg are needed to synthesize speech (make test-deps)")
    transcript = Transcript.objects.get(lesson__media_file=content.RECORDING_NAME)
    cues = list(transcript.cues.order_by("position").values_list("start_seconds", "text"))
    assert [(int(start), text) for start, text in cues] == [
        (start, f"{line}") for start, _, line in recording_cues()
    ]
    with wave.open(str(recording_path()), "rb") as recording:
        samples = recording.readframes(recording.getnframes())

    def loudness(start: float, seconds: float) -> float:
        window = samples[int(start * SAMPLE_RATE) : int((start + seconds) * SAMPLE_RATE)]
        return sum(abs(b - 128) for b in window) / len(window)

    for start, end, _ in recording_cues():
        assert loudness(start, 4) > 2, f"no speech at {start}s"
        assert loudness(end - 3, 2) < 1, f"speech runs into the pause before {end}s"


@pytest.mark.django_db
def test_without_espeak_the_recording_is_tones(
    media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bitewise.demo.recording.can_speak", lambda: False)
    recording_path().unlink()
    ensure_recording()
    with wave.open(str(recording_path()), "rb") as recording:
        assert recording.getnframes() == max(p.end for p in content.RECORDING_PARTS) * SAMPLE_RATE


class _Child:
    """Stands in for a started process: the workers, scheduler and server."""

    started: list[list[str]] = []

    def __init__(self, args: list[str]) -> None:
        self.started.append(args)

    def poll(self) -> int:
        return 0

    def wait(self, timeout: float | None = None) -> int:
        return 0

    def terminate(self) -> None:
        pass


@pytest.mark.django_db
def test_demo_command_prints_the_logins_last_once_the_server_answers(
    media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitewise.demo.management.commands import demo as command

    monkeypatch.delenv("BITEWISE_DEMO_PASSWORD", raising=False)
    monkeypatch.delenv("BITEWISE_SITE_URL")  # unset: the demo's links follow --bind
    monkeypatch.setattr(settings, "SITE_URL", settings.SITE_URL)  # restored after the test
    monkeypatch.setattr(
        "bitewise.demo.management.commands.demo.subprocess",
        SimpleNamespace(Popen=_Child, TimeoutExpired=subprocess.TimeoutExpired),
    )
    monkeypatch.setattr(command, "_wait_until_listening", lambda bind, server: True)
    out = StringIO()

    call_command("demo", "--bind", "127.0.0.1:8123", stdout=out)

    assert any(args[-3:] == ["--bind", "127.0.0.1:8123", "--no-migrate"] for args in _Child.started)
    assert settings.SITE_URL == os.environ["BITEWISE_SITE_URL"] == "http://127.0.0.1:8123"
    lines = out.getvalue().strip().splitlines()
    assert "Open http://127.0.0.1:8123/" in out.getvalue()
    assert lines.index(next(x for x in lines if x.startswith("Starting the scheduler"))) < (
        lines.index(next(x for x in lines if x.startswith("Demo loaded")))
    )
    assert [spec.email in line for spec, line in zip(content.USERS, lines[-3:], strict=True)] == [
        True
    ] * 3
