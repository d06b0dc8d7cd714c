"""One association's content, every user-writable field filled from ``text(field)``, and the
pages that show it: the CSP check fills it with plain words, the XSS sweep with payloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.accounts.services import user_create
from bitewise.catalog.models import (
    Lesson,
    LessonKind,
    MediaKind,
    MicroCredential,
    Pathway,
    Question,
    Skill,
)
from bitewise.catalog.services import (
    lesson_save,
    micro_credential_publish,
    micro_credential_save,
    micro_credential_set_lessons,
    pathway_publish,
    pathway_save,
    question_save,
    skill_save,
)
from bitewise.common.tests.uploads import wav_bytes
from bitewise.credentials.models import IssuedCredential
from bitewise.reinforcement.models import RegistrationSource
from bitewise.reinforcement.services.events import (
    campaign_create,
    event_create,
    registration_add,
    step_add,
)
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.review import segment_edit
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.support import webinar_vtt
from bitewise.search.models import TranscriptPassage
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.services.transcripts import transcript_upload
from bitewise.testing import PASSWORD, earn
from bitewise.webinars.models import CreditAward, Registration, Webinar
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.programs import credit_programs_install
from bitewise.webinars.tests.factories import make_webinar, program

Text = Callable[[str], str]


@dataclass(frozen=True)
class World:
    admin: User
    learner: User
    skill: Skill
    micro_credential: MicroCredential
    media_lesson: Lesson
    text_lesson: Lesson
    quiz_lesson: Lesson
    pathway: Pathway
    credential: IssuedCredential
    webinar: Webinar
    attendance_import_id: int
    certificate: CreditAward
    event_id: int
    job: RepurposeJob
    passage: TranscriptPassage
    query: str

    def public_pages(self) -> list[str]:
        mc = self.micro_credential
        return [
            "/",
            f"/m/{mc.slug}/",
            f"/pathways/{self.pathway.slug}/",
            f"/credentials/{self.credential.pk}",
            f"/ce/certificates/{self.certificate.pk}/",
            "/webinars/",
            f"/webinars/{self.webinar.pk}/",
            "/events/",
            f"/events/{self.event_id}/",
            f"/search/?q={quote(self.query)}",
        ]

    def learner_pages(self) -> list[str]:
        mc = self.micro_credential
        lessons = (self.media_lesson, self.text_lesson, self.quiz_lesson)
        return [
            *(f"/m/{mc.slug}/lessons/{lesson.pk}/" for lesson in lessons),
            "/me/progress/",
            "/me/credentials/",
            "/today/",
            "/me/retention/",
            "/me/topics/",
            "/ce/transcript/",
            f"/search/play/{self.passage.pk}/",
            f"/brush-up/{self.skill.slug}/",
            f"/webinars/{self.webinar.pk}/",
        ]

    def staff_pages(self) -> list[str]:
        return [
            "/staff/",
            f"/staff/lessons/{self.media_lesson.pk}",
            f"/staff/lessons/{self.quiz_lesson.pk}",
            f"/staff/skills/{self.skill.pk}",
            f"/staff/micro-credentials/{self.micro_credential.pk}",
            f"/staff/pathways/{self.pathway.pk}",
            "/staff/repurpose/",
            f"/staff/repurpose/{self.job.pk}/",
            "/staff/webinars/",
            f"/staff/webinars/{self.webinar.pk}/",
            f"/staff/webinars/{self.webinar.pk}/imports/{self.attendance_import_id}",
            "/staff/reinforcement/",
            f"/staff/reinforcement/events/{self.event_id}/",
            "/staff/credentials/",
            f"/staff/credentials/{self.credential.pk}",
            "/staff/search/transcripts/",
            "/admin/",
            "/admin/catalog/lesson/",
            f"/admin/catalog/lesson/{self.media_lesson.pk}/change/",
            "/admin/accounts/user/",
        ]


def build_world(media_root: Path, text: Text) -> World:
    """Everything made through the services, as staff and learners would make it."""
    admin = user_create(
        email="admin@example.org", password=PASSWORD, role=Role.ADMIN, display_name=text("admin")
    )
    learner = user_create(
        email="learner@example.org", password=PASSWORD, display_name=text("display name")
    )
    skill = skill_save(
        skill=Skill(name=text("skill name"), slug="hygiene", description=text("skill text"))
    )

    recording = "lessons/2026/01/ward-round.wav"
    (media_root / recording).parent.mkdir(parents=True, exist_ok=True)
    (media_root / recording).write_bytes(wav_bytes(seconds=4))
    media_lesson = lesson_save(
        lesson=Lesson(
            title=text("media lesson title"),
            slug="ward-round",
            kind=LessonKind.MEDIA,
            media_kind=MediaKind.AUDIO,
            media_file=recording,
            summary=text("lesson summary"),
            body_markdown=text("media lesson body"),
        ),
        skill_ids=[skill.pk],
    )
    text_lesson = lesson_save(
        lesson=Lesson(
            title=text("text lesson title"),
            slug="hand-hygiene",
            body_markdown=text("markdown"),
        ),
        skill_ids=[skill.pk],
    )
    quiz_lesson = lesson_save(
        lesson=Lesson(title=text("quiz title"), slug="check", kind=LessonKind.QUIZ),
        skill_ids=[skill.pk],
    )
    question_save(
        question=Question(lesson=quiz_lesson, prompt=text("question prompt")),
        choices=[
            {"text": text("right choice"), "is_correct": True, "explanation": text("why right")},
            {"text": text("wrong choice"), "is_correct": False, "explanation": text("why wrong")},
        ],
    )
    mc = micro_credential_save(
        micro_credential=MicroCredential(
            title=text("micro-credential title"), summary=text("micro-credential summary")
        ),
        skill_ids=[skill.pk],
    )
    micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[media_lesson.pk, text_lesson.pk, quiz_lesson.pk]
    )
    micro_credential_publish(micro_credential=mc, by=None)
    pathway = pathway_publish(
        pathway=pathway_save(
            pathway=Pathway(title=text("pathway title"), summary=text("pathway summary")),
            micro_credential_ids=[mc.pk],
        ),
        by=None,
    )

    earn(learner, mc)
    credential = IssuedCredential.objects.get(award__micro_credential=mc)  # issued on earning

    webinar, certificate, attendance_import_id = _webinar(media_root, text, learner)
    event_id = _event(text, learner, text_lesson)
    job = _repurposing(text, admin)
    search_index_refresh()
    transcript = transcript_upload(
        filename="ward-round.vtt",
        data=(
            f"WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nDana: {text('transcript cue')} handover\n"
        ).encode(),
        uploaded_by=admin,
        lesson=media_lesson,
    )
    return World(
        admin=admin,
        learner=learner,
        skill=skill,
        micro_credential=mc,
        media_lesson=media_lesson,
        text_lesson=text_lesson,
        quiz_lesson=quiz_lesson,
        pathway=pathway,
        credential=credential,
        webinar=webinar,
        attendance_import_id=attendance_import_id,
        certificate=certificate,
        event_id=event_id,
        job=job,
        passage=transcript.passages.get(),
        query=text("search query"),
    )


def _webinar(media_root: Path, text: Text, learner: User) -> tuple[Webinar, CreditAward, int]:
    credit_programs_install()  # shipped by a data migration, flushed between live-server tests
    starts = timezone.now() - timedelta(days=2)
    webinar = make_webinar(
        title=text("webinar title"),
        description=text("webinar description"),
        presenter=text("presenter"),
        starts_at=starts,
        credit_program=program("ama-pra-1"),
    )
    recording = "webinars/2026/01/session.wav"
    (media_root / recording).parent.mkdir(parents=True, exist_ok=True)
    (media_root / recording).write_bytes(wav_bytes(seconds=4))
    Webinar.objects.filter(pk=webinar.pk).update(recording_file=recording, recording_seconds=4)
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    # The platform's report: the learner, and a guest no account matches (listed for staff).
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["Name", "Email", "Join Time", "Leave Time"])
    end = starts + timedelta(minutes=15)
    for name, email in (
        (learner.display_name, learner.email),
        (text("guest"), "guest@example.org"),
    ):
        writer.writerow([name, email, starts.isoformat(), end.isoformat()])
    data = rows.getvalue().encode()
    record = attendance_import(webinar=webinar, by=None, filename="zoom.csv", data=data)
    webinar.refresh_from_db()
    return webinar, CreditAward.objects.get(learner=learner, webinar=webinar), record.pk


def _event(text: Text, learner: User, lesson: Lesson) -> int:
    event = event_create(
        title=text("event title"),
        description=text("event description"),
        starts_at=timezone.now() - timedelta(hours=1),
        time_zone="UTC",
        kind="conference",
    )
    campaign = campaign_create(event=event, title=text("campaign title"))
    step_add(
        campaign=campaign,
        offset_days=0,
        kind="message",
        subject=text("step subject"),
        message=text("step message"),
    )
    step_add(campaign=campaign, offset_days=1, kind="lesson", subject="Read", lesson=lesson)
    registration_add(event=event, learner=learner, source=RegistrationSource.STAFF)
    return event.pk


def _repurposing(text: Text, admin: User) -> RepurposeJob:
    transcript = SimpleUploadedFile("talk.vtt", webinar_vtt(cues_per_topic=24).encode(), "text/vtt")
    job = repurpose_job_create(by=admin, title=text("repurposing title"), transcript=transcript)
    job = repurpose_job_run(job_id=job.pk)
    segment_edit(
        job=job,
        position=0,
        title=text("segment title"),
        summary=text("segment summary"),
        questions=[
            {
                "prompt": text("segment question"),
                "answer": "budget",
                "choices": ["budget", text("segment distractor"), "badge"],
            }
        ],
    )
    return job
