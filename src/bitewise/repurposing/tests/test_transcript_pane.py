"""The review screen's transcript: beside the lessons, with the cut points, the dropped parts
and the split offered where a lesson spans two topics; staff correct its words there, and
once the job is published the lessons' captions follow."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.engines import drafting
from bitewise.engines.transcripts import MAX_CUE_CHARS
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import ProposedLesson
from bitewise.repurposing.services import review
from bitewise.repurposing.services.publish import repurpose_job_publish
from bitewise.repurposing.services.segments import segments_replace
from bitewise.repurposing.services.transcript_edit import job_transcript_correct
from bitewise.search.captions import lesson_captions
from bitewise.search.models import Transcript
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"repurposing_staff:{name}", args=args)


@pytest.fixture
def staff(client: Client, author: User) -> Client:
    client.force_login(author)
    return client


def flag_two_topics(job: RepurposeJob, position: int, cue: int) -> DraftSegment:
    """What the segmenter writes for a lesson it could not cut at a change of topic."""
    segment = job.segments.get(position=position)
    segment.spans_topics, segment.suggested_split_time = True, float(job.cues[cue][0])
    segment.save(update_fields=["spans_topics", "suggested_split_time"])
    return segment


def test_the_transcript_shows_each_lessons_words_under_its_cut_point(
    staff: Client, ready_job: RepurposeJob
) -> None:
    page = staff.get(url("detail", ready_job.pk)).content.decode()

    assert 'id="transcript"' in page and page.count('class="transcript-block"') == 3
    for segment in ready_job.segments.all():
        assert f'id="transcript-{segment.first_cue}"' in page
        assert f"Lesson {segment.position + 1} starts: {segment.title}" in page
        assert f'href="#transcript-{segment.first_cue}"' in page  # from the lesson's card
    assert page.count('<p id="cue-') == len(ready_job.cues)
    assert "<b>Ben Okafor:</b>" in page and page.count("<b>Ben Okafor:</b>") == 1  # on change


def test_a_dropped_part_shows_as_dropped_in_the_transcript(
    staff: Client, ready_job: RepurposeJob
) -> None:
    review.segment_drop(job=ready_job, position=1)

    page = staff.get(url("detail", ready_job.pk)).content.decode()

    assert 'class="transcript-block dropped" id="transcript-50"' in page
    assert "Dropped: in no lesson" in page
    assert page.count('<p id="cue-') == len(ready_job.cues)


def test_a_lesson_spanning_two_topics_offers_the_split_there(
    staff: Client, ready_job: RepurposeJob
) -> None:
    segment = flag_two_topics(ready_job, position=1, cue=70)
    at = f"{segment.suggested_split_time:.3f}"

    page = staff.get(url("detail", ready_job.pk)).content.decode()

    assert page.count("This lesson spans two topics.") == 1
    assert f'name="at" value="{at}"><button type="submit">Split here, at 7:17</button>' in page
    assert "The second topic seems to start here." in page
    assert page.index("The second topic seems to start here.") < page.index('id="cue-70"')
    assert page.index('id="cue-69"') < page.index("The second topic seems to start here.")


def test_one_click_on_the_offer_splits_at_the_suggested_cue_and_the_offer_goes(
    staff: Client, ready_job: RepurposeJob
) -> None:
    segment = flag_two_topics(ready_job, position=1, cue=70)

    response = staff.post(
        url("segment", ready_job.pk, 1, "split"), {"at": f"{segment.suggested_split_time:.3f}"}
    )

    assert response.status_code == 302
    spans = [(s.first_cue, s.stop_cue) for s in ready_job.segments.order_by("position")]
    assert spans == [(0, 50), (50, 70), (70, 100), (100, 150)]
    page = staff.get(response["Location"]).content.decode()
    assert "This lesson spans two topics." not in page and "Split here" not in page


def test_no_offer_without_the_flag_or_once_the_job_is_published(
    staff: Client, ready_job: RepurposeJob, author: User
) -> None:
    assert "spans two topics" not in staff.get(url("detail", ready_job.pk)).content.decode()
    flag_two_topics(ready_job, position=1, cue=70)
    repurpose_job_publish(job=ready_job, by=author)

    page = staff.get(url("detail", ready_job.pk)).content.decode()

    assert "This lesson spans two topics." in page  # still said ...
    assert "Split here" not in page and "Split lesson" not in page  # ... but not offered


@dataclass(frozen=True)
class FlaggedLesson(ProposedLesson):
    """A lesson as the segmentation pipeline gives it once it flags two topics."""

    spans_topics: bool = False
    suggested_split: float | None = None


def test_the_segmenters_flag_is_kept_on_the_proposed_lesson(ready_job: RepurposeJob) -> None:
    draft = drafting.Draft(title="Budget", summary="", key_terms=(), questions=())
    lessons = [
        FlaggedLesson(0.0, 300.0, draft, 0, 50, spans_topics=True, suggested_split=130.2),
        FlaggedLesson(300.0, 600.0, draft, 50, 150),
    ]

    segments_replace(job=ready_job, lessons=lessons)

    first, second = ready_job.segments.order_by("position")
    assert (first.spans_topics, first.suggested_split_time) == (True, 130.2)
    assert (second.spans_topics, second.suggested_split_time) == (False, None)


def test_staff_correct_a_lessons_words_on_the_review_screen(
    staff: Client, ready_job: RepurposeJob
) -> None:
    segment = ready_job.segments.get(position=0)
    lines = [" ".join(str(c[2]).split()) for c in ready_job.cues[0:50]]
    lines[3] = "Ana Ruiz says the board approves the operating budget."

    response = staff.post(
        url("transcript", ready_job.pk),
        {"first": 0, "stop": 50, "text": "\r\n".join(lines) + "\r\n", "page": "1"},
    )

    assert response["Location"] == f"{url('detail', ready_job.pk)}?page=1#transcript-0"
    ready_job.refresh_from_db()
    assert ready_job.cues[3][2] == lines[3]
    assert ready_job.cues[3][3] == "Ana Ruiz" and ready_job.cues[3][0] == 3 * 6.2  # time kept
    assert "Corrected 1 caption." in staff.get(response["Location"]).content.decode()
    assert segment.first_cue == 0


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        pytest.param(49, "this part has 50 captions and the text has 49 lines", id="line-lost"),
        pytest.param(51, "the text has 51 lines", id="line-added"),
        pytest.param("blank", "Line 5 is blank", id="blank-line"),
        pytest.param("long", "Line 1 is over 10,000 characters", id="too-long"),
    ],
)
def test_a_correction_that_breaks_the_lines_changes_nothing(
    staff: Client, ready_job: RepurposeJob, lines: int | str, message: str
) -> None:
    before = [list(c) for c in ready_job.cues]
    texts = [str(c[2]) for c in before[0:50]]
    texts[0] = "Changed."
    if lines == "blank":
        texts[4] = "   "
    elif lines == "long":
        texts[0] = "x" * (MAX_CUE_CHARS + 1)
    else:
        texts = texts[: int(lines)] + ["More."] * (int(lines) - 50)

    response = staff.post(
        url("transcript", ready_job.pk), {"first": 0, "stop": 50, "text": "\n".join(texts)},
        follow=True,
    )  # fmt: skip

    assert message in response.content.decode()
    ready_job.refresh_from_db()
    assert ready_job.cues == before


def test_a_correction_out_of_range_or_on_a_running_job_is_refused(
    author: User, ready_job: RepurposeJob
) -> None:
    with pytest.raises(RepurposeError, match="no longer there"):
        job_transcript_correct(job=ready_job, by=author, first=140, stop=160, texts=["a"] * 20)
    RepurposeJob.objects.filter(pk=ready_job.pk).update(status=RepurposeJob.Status.RUNNING)
    with pytest.raises(RepurposeError, match="running"):
        job_transcript_correct(job=ready_job, by=author, first=0, stop=1, texts=["Hello."])
    with pytest.raises(PermissionDenied):
        job_transcript_correct(job=ready_job, by=make_user(), first=0, stop=1, texts=["Hi."])
    ready_job.refresh_from_db()
    assert ready_job.cues[0][2] != "Hello." and ready_job.cues[0][2] != "Hi."


def test_learners_cannot_reach_the_transcript_actions(
    client: Client, ready_job: RepurposeJob
) -> None:
    client.force_login(make_user())
    before = [list(c) for c in ready_job.cues]

    edit = client.post(url("transcript", ready_job.pk), {"first": 0, "stop": 1, "text": "Hi."})
    again = client.post(url("resegment", ready_job.pk), {"min_minutes": 1, "max_minutes": 3})

    assert edit.status_code == again.status_code == 403
    ready_job.refresh_from_db()
    assert ready_job.cues == before and ready_job.segments.count() == 3


def test_after_publishing_a_correction_reaches_the_lessons_captions(
    author: User,
    recorded_job: RepurposeJob,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the index task runs
        repurpose_job_publish(job=recorded_job, by=author)
    second = recorded_job.segments.select_related("lesson").get(position=1)
    assert second.lesson is not None
    first_cue = second.first_cue
    heard = lesson_captions(second.lesson)[0]
    assert heard.start == 0.0  # a clip: its own clock
    texts = [str(c[2]) for c in recorded_job.cues[first_cue : first_cue + 2]]
    texts[0] = "Spaced repetition, corrected by staff."

    changed = job_transcript_correct(
        job=recorded_job, by=author, first=first_cue, stop=first_cue + 2, texts=texts
    )

    assert changed == 1
    assert lesson_captions(second.lesson)[0].text == "Spaced repetition, corrected by staff."
    transcript = Transcript.objects.get(source_key=f"repurpose-job:{recorded_job.pk}")
    assert transcript.cues.get(position=first_cue).text == texts[0]
