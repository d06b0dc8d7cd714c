"""Small searchable catalogs for the search tests."""

from __future__ import annotations

from bitewise.accounts.models import Role, User
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import LessonKind, MediaKind, MicroCredential, Question
from bitewise.common.testing import make_lesson, make_user
from bitewise.search.models import Transcript
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.services.transcripts import transcript_upload

HANDOFF_VTT = b"""WEBVTT

1
00:00:00.000 --> 00:00:20.000
Dana Whitfield: Welcome to the webinar on safe handoffs between nursing shifts.

2
00:00:20.500 --> 00:00:40.000
Dana Whitfield: We start with the situation and background of the patient.

3
00:01:23.000 --> 00:01:50.000
Marcus Lee: Escalate early when the early warning score rises; call the rapid response team.

4
00:01:50.500 --> 00:02:20.000
Marcus Lee: Read back every order you receive before you hang up.
"""


def make_catalog(*, publish: bool = True, title: str = "Catalog") -> MicroCredential:
    lessons = [
        make_lesson(
            title="Writing a tight SBAR",
            body_markdown="Situation, background, assessment and **recommendation** for a call.",
        ),
        make_lesson(
            title="Accruals and cut-off",
            body_markdown="Record expenses in the period incurred; cut-off testing of invoices.",
        ),
        make_lesson(
            title="Webinar: escalation",
            kind=LessonKind.MEDIA,
            media_kind=MediaKind.VIDEO,
            media_url="https://media.example.org/escalation.mp4",
            body_markdown="Part of the association webinar.",
        ),
    ]
    catalog_services.question_save(
        question=Question(lesson=lessons[1], prompt="When is an accrued expense recorded?"),
        choices=[
            {"text": "When incurred", "is_correct": True, "explanation": "Matching principle."},
            {"text": "When paid", "is_correct": False, "explanation": "That is cash basis."},
        ],
    )
    mc = catalog_services.micro_credential_save(micro_credential=MicroCredential(title=title))
    catalog_services.micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[le.pk for le in lessons]
    )
    if publish:
        catalog_services.micro_credential_publish(micro_credential=mc, by=None)
    return mc


def make_staff() -> User:
    return make_user(role=Role.AUTHOR)


def index_with_transcript(mc: MicroCredential, staff: User) -> Transcript:
    search_index_refresh()
    media = mc.lessons.get(kind=LessonKind.MEDIA)
    return transcript_upload(
        filename="handoff.vtt", data=HANDOFF_VTT, uploaded_by=staff, lesson=media
    )
