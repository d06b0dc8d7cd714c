"""Small searchable catalogs for the search tests."""

from __future__ import annotations

from bitewise.accounts.models import Role, User
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import Lesson, LessonKind, MediaKind, MicroCredential, Question
from bitewise.search.models import Transcript
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.services.transcripts import transcript_upload
from bitewise.testing import make_lesson, make_user

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


CONFERENCE_URL = "https://media.example.org/conference-2026.mp4"
# One conference recording: three lessons play 0-5, 5-10 and 15-20 minutes of it; 10-15 is in
# none (the coffee break), so its words belong to the recording.
CONFERENCE_VTT = b"""WEBVTT

00:01:00.000 --> 00:01:20.000
Priya Nair: Reconcile the petty cash float every Friday afternoon.

00:06:40.000 --> 00:07:00.000
Priya Nair: Depreciation spreads the cost of equipment over its useful life.

00:11:40.000 --> 00:12:00.000
Tom Berg: Coffee is in the lobby and the raffle starts at eleven.

00:16:40.000 --> 00:17:05.000
Tom Berg: Segregation of duties keeps one clerk from both paying and recording invoices.
"""


def make_conference(*, publish: bool = True) -> tuple[MicroCredential, list[Lesson]]:
    """A micro-credential of three lessons that play ranges of one recording."""
    lessons = [
        make_lesson(
            title=title,
            kind=LessonKind.MEDIA,
            media_kind=MediaKind.VIDEO,
            media_url=CONFERENCE_URL,
            start_seconds=start,
            end_seconds=end,
        )
        for title, start, end in [
            ("Petty cash", 0, 300),
            ("Depreciation basics", 300, 600),
            ("Segregation of duties", 900, 1200),
        ]
    ]
    mc = catalog_services.micro_credential_save(
        micro_credential=MicroCredential(title="Finance conference")
    )
    catalog_services.micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[le.pk for le in lessons]
    )
    if publish:
        catalog_services.micro_credential_publish(micro_credential=mc, by=None)
    return mc, lessons
