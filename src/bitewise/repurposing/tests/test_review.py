"""Staff edits to proposed segments: merge, split, move a start, edit, drop."""

from __future__ import annotations

import pytest

from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services import review

pytestmark = pytest.mark.django_db


def spans(job: RepurposeJob) -> list[tuple[int, int]]:
    return [(s.first_cue, s.stop_cue) for s in job.segments.order_by("position")]


def test_merging_joins_a_segment_with_the_next_and_drafts_it_again(
    ready_job: RepurposeJob,
) -> None:
    review.segment_merge_next(job=ready_job, position=0)

    assert spans(ready_job) == [(0, 100), (100, 150)]
    merged = ready_job.segments.get(position=0)
    assert merged.start == ready_job.cues[0][0] and merged.end == ready_job.cues[99][1]
    assert merged.edited is False and merged.questions


def test_a_split_snaps_to_the_nearest_sentence_end(ready_job: RepurposeJob) -> None:
    cue_20_start = ready_job.cues[20][0]  # every cue is one sentence here
    review.segment_split(job=ready_job, position=0, at_seconds=cue_20_start + 1.0)

    assert spans(ready_job) == [(0, 20), (20, 50), (50, 100), (100, 150)]
    assert [s.position for s in ready_job.segments.order_by("position")] == [0, 1, 2, 3]


def test_a_split_never_cuts_inside_a_sentence(ready_job: RepurposeJob) -> None:
    cues = ready_job.cues
    cues[20][2] = "The revenue forecast uses membership dues"  # sentence goes on in cue 21
    cues[21][2] = "and conference income."
    RepurposeJob.objects.filter(pk=ready_job.pk).update(cues=cues)
    ready_job.refresh_from_db()

    review.segment_split(job=ready_job, position=0, at_seconds=cues[21][0] + 0.5)

    assert spans(ready_job)[0][1] in (20, 22)  # before or after the two-cue sentence


def test_moving_a_start_moves_the_previous_end_with_it(ready_job: RepurposeJob) -> None:
    review.segment_move_start(job=ready_job, position=1, at_seconds=ready_job.cues[45][0])

    assert spans(ready_job) == [(0, 45), (45, 100), (100, 150)]


def test_a_start_cannot_move_past_its_own_end(ready_job: RepurposeJob) -> None:
    review.segment_move_start(job=ready_job, position=1, at_seconds=10_000)
    assert spans(ready_job) == [(0, 99), (99, 100), (100, 150)]  # keeps its last sentence
    with pytest.raises(RepurposeError, match="nowhere to split"):
        review.segment_split(job=ready_job, position=1, at_seconds=ready_job.cues[99][0])


def test_dropping_leaves_a_gap_and_merging_across_it_takes_the_gap_back(
    ready_job: RepurposeJob,
) -> None:
    review.segment_drop(job=ready_job, position=1)
    assert spans(ready_job) == [(0, 50), (100, 150)]

    review.segment_merge_next(job=ready_job, position=0)
    assert spans(ready_job) == [(0, 150)]
    with pytest.raises(RepurposeError, match="only segment left"):
        review.segment_drop(job=ready_job, position=0)


def test_edits_are_kept_and_checked(ready_job: RepurposeJob) -> None:
    segment = review.segment_edit(
        job=ready_job,
        position=2,
        title="  Open   badges, explained ",
        summary="What a badge proves.",
        questions=[
            {"prompt": "Who signs an open badge?", "answer": "The issuer", "choices": []},
            {"prompt": "Kept", "answer": "B", "choices": ["A", "B", "C"]},
            {"prompt": "", "answer": "", "choices": []},  # the blank extra row
        ],
    )
    assert segment.title == "Open badges, explained" and segment.edited
    assert segment.questions == [
        {
            "kind": "cloze",
            "prompt": "Who signs an open badge?",
            "choices": [],
            "answer": "The issuer",
        },
        {"kind": "multiple_choice", "prompt": "Kept", "choices": ["A", "B", "C"], "answer": "B"},
    ]
    with pytest.raises(RepurposeError, match="Give the lesson a title"):
        review.segment_edit(job=ready_job, position=2, title=" ", summary="", questions=[])
    with pytest.raises(RepurposeError, match="Question 1: give the answer"):
        review.segment_edit(
            job=ready_job, position=2, title="T", summary="", questions=[{"prompt": "Q?"}]
        )
    with pytest.raises(RepurposeError, match="repeat each other"):
        review.segment_edit(
            job=ready_job,
            position=2,
            title="T",
            summary="",
            questions=[{"prompt": "Q?", "answer": "a", "choices": ["a", "A"]}],
        )


def test_a_wrong_position_or_a_job_not_ready_is_refused(ready_job: RepurposeJob) -> None:
    with pytest.raises(RepurposeError, match="no longer there"):
        review.segment_merge_next(job=ready_job, position=2)  # the last has no next
    with pytest.raises(RepurposeError, match="no longer there"):
        review.segment_split(job=ready_job, position=-1, at_seconds=1)
    RepurposeJob.objects.filter(pk=ready_job.pk).update(status=RepurposeJob.Status.PUBLISHED)
    with pytest.raises(RepurposeError, match="published: it can't be edited"):
        review.segment_drop(job=ready_job, position=0)
