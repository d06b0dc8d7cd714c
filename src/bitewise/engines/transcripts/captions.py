"""Captions for one lesson's media: the cues of its range of a recording, on the clock its
player runs on, written as WebVTT (https://www.w3.org/TR/webvtt1/), and read as paragraphs
for a transcript shown beside the player."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bitewise.engines.transcripts.cues import Cue

_SENTENCE_END = (".", "?", "!", "…", '."', '?"', '!"')
PARAGRAPH_SECONDS = (
    20.0,
    60.0,
)  # a paragraph ends on a sentence after the first, always by the second


@dataclass(frozen=True)
class Paragraph:
    start: float
    speaker: str
    text: str


def cues_in_range(
    cues: Sequence[Cue], *, start: float, end: float | None, offset: float = 0.0
) -> tuple[Cue, ...]:
    """The cues heard between ``start`` and ``end`` (seconds of the recording; None: to its
    end), cut to that range and moved back by ``offset``: where the lesson's media begins in
    the recording (a clip's start), 0.0 when the lesson plays the recording itself."""
    kept: list[Cue] = []
    for cue in cues:
        first = max(cue.start, start)
        last = cue.end if end is None else min(cue.end, end)
        text = " ".join(cue.text.split())
        if last <= first or not text:
            continue
        kept.append(
            Cue(max(0.0, first - offset), max(0.0, last - offset), text, cue.speaker.strip())
        )
    return tuple(kept)


def timestamp(seconds: float) -> str:
    """``hh:mm:ss.ttt``, the WebVTT cue timestamp with hours."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _escape(text: str) -> str:
    # Cue text is markup: an escaped "&", "<" and ">" also keeps "-->" out of it.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_webvtt(cues: Sequence[Cue]) -> str:
    """A WebVTT file of ``cues``: each speaker in a voice span, and named in the text when the
    speaker changes, since players do not show a voice's name."""
    blocks = ["WEBVTT"]
    speaker = ""
    for number, cue in enumerate(cues, start=1):
        text = _escape(" ".join(cue.text.split()))
        name = " ".join(cue.speaker.split())
        if name:
            said = f"{_escape(name)}: {text}" if name != speaker else text
            text = f"<v {_escape(name)}>{said}"
        speaker = name
        timing = f"{timestamp(cue.start)} --> {timestamp(max(cue.end, cue.start + 0.001))}"
        blocks.append(f"{number}\n{timing}\n{text}")
    return "\n\n".join(blocks) + "\n"


def paragraphs(
    cues: Sequence[Cue], *, seconds: tuple[float, float] = PARAGRAPH_SECONDS
) -> tuple[Paragraph, ...]:
    """The cues as paragraphs to read: a new one for each speaker's turn, and within a turn
    after the first sentence end once a paragraph lasts ``seconds[0]``, or at ``seconds[1]``."""
    shortest, longest = seconds
    result: list[Paragraph] = []
    current: list[Cue] = []

    def close() -> None:
        if current:
            text = " ".join(" ".join(c.text.split()) for c in current)
            result.append(Paragraph(current[0].start, current[0].speaker, text))
            current.clear()

    for cue in cues:
        if current and (cue.speaker != current[0].speaker or cue.end - current[0].start > longest):
            close()
        current.append(cue)
        if cue.end - current[0].start >= shortest and cue.text.rstrip().endswith(_SENTENCE_END):
            close()
    close()
    return tuple(result)
