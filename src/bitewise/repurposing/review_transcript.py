"""The review screen's transcript: the cues of the lessons on the page, with the cut points
(where each lesson starts), the parts dropped between lessons, and where a lesson spanning
two topics could be split."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.services.store import cue_unsure

_EDGES = "\"'()[]{}.,;:!?\u2026\u201c\u201d\u2018\u2019-"  # as the speech engine strips them


@dataclass(frozen=True)
class Line:
    index: int  # of the cue in the job's transcript
    start: float
    text: str
    speaker: str  # shown where the speaker changes, else blank
    is_split: bool  # the second topic of a lesson spanning two seems to start here
    unsure: tuple[str, ...] = ()  # words the speech model was unsure of (recordings only)

    @property
    def words(self) -> list[tuple[str, bool]]:
        """The text a word at a time, each with whether the speech model was unsure of it:
        the review screen marks those for staff to check."""
        doubted = {w.lower() for w in self.unsure}
        return [(word, word.strip(_EDGES).lower() in doubted) for word in self.text.split()]


@dataclass(frozen=True)
class Block:
    """A lesson's part of the transcript, or (``segment`` None) a part no lesson holds."""

    segment: DraftSegment | None
    first: int
    stop: int
    lines: tuple[Line, ...]

    @property
    def start(self) -> float:
        return self.lines[0].start if self.lines else 0.0

    @property
    def has_unsure(self) -> bool:
        return any(line.unsure for line in self.lines)

    @property
    def text(self) -> str:
        """The words, a caption a line: what staff correct."""
        return "\n".join(line.text for line in self.lines)


def split_cue(job: RepurposeJob, segment: DraftSegment) -> int | None:
    """The cue where the segment's suggested second topic starts, if it still offers one."""
    if not segment.offers_split or segment.suggested_split_time is None:
        return None
    at = segment.suggested_split_time - 0.001
    for index in range(segment.first_cue + 1, segment.stop_cue):
        if float(job.cues[index][0]) >= at:
            return index
    return None


def transcript_blocks(
    job: RepurposeJob, segments: Sequence[DraftSegment], shown: Sequence[DraftSegment]
) -> list[Block]:
    """Blocks for the lessons ``shown`` (a page of ``segments``, in order), with the dropped
    part before each; the last page also takes the dropped part after the last lesson."""
    if not shown or not job.cues:
        return []
    before = [s for s in segments if s.position < shown[0].position]
    clock = before[-1].stop_cue if before else 0
    blocks: list[Block] = []
    for segment in shown:
        if segment.first_cue > clock:
            blocks.append(_block(job, None, clock, segment.first_cue, None))
        split = split_cue(job, segment)
        blocks.append(_block(job, segment, segment.first_cue, segment.stop_cue, split))
        clock = segment.stop_cue
    if shown[-1].position == segments[-1].position and clock < len(job.cues):
        blocks.append(_block(job, None, clock, len(job.cues), None))
    return blocks


def _block(
    job: RepurposeJob, segment: DraftSegment | None, first: int, stop: int, split: int | None
) -> Block:
    lines: list[Line] = []
    speaker = None
    for index in range(first, stop):
        cue = job.cues[index]
        start, text, said_by = cue[0], cue[2], str(cue[3] or "")
        lines.append(
            Line(
                index=index,
                start=float(start),
                text=" ".join(str(text).split()),
                speaker=said_by if said_by != speaker else "",
                is_split=index == split,
                unsure=cue_unsure(cue),
            )
        )
        speaker = said_by
    return Block(segment=segment, first=first, stop=stop, lines=tuple(lines))
