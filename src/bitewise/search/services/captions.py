"""A transcript's cues: written with the transcript, corrected by staff. The lessons' captions
and transcripts read them (search/captions.py), and the passages search finds take their
text from them, so a correction reaches all three."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_changed
from bitewise.engines.transcripts import MAX_CUE_CHARS, Cue, TranscriptError
from bitewise.search.models import Document, Transcript, TranscriptCue, TranscriptPassage
from bitewise.search.services.documents import index_changed
from bitewise.search.services.passages import passages_index

MAX_SPEAKER_CHARS = 200


def cue_text_check(text: str, *, line: int | None = None) -> str:
    """A caption's corrected text on one line, or a TranscriptError saying what is wrong."""
    where = f"Line {line}" if line is not None else "A caption"
    cleaned = " ".join(text.split())
    if "\x00" in cleaned:  # no text holds one, and PostgreSQL stores none
        raise TranscriptError(f"{where} holds a NUL character (a zero byte): remove it.")
    if not cleaned:
        raise TranscriptError(f"{where} is blank: every caption needs its words.")
    if len(cleaned) > MAX_CUE_CHARS:
        raise TranscriptError(f"{where} is over {MAX_CUE_CHARS:,} characters.")
    return cleaned


def cues_write(transcript: Transcript, cues: Sequence[Cue]) -> None:
    """Store the transcript's cues (once, with the transcript)."""
    TranscriptCue.objects.bulk_create(
        (
            TranscriptCue(
                transcript=transcript,
                position=position,
                start_seconds=cue.start,
                end_seconds=max(cue.end, cue.start),
                text=cue.text,
                speaker=cue.speaker[:MAX_SPEAKER_CHARS],
            )
            for position, cue in enumerate(cues)
        ),
        batch_size=1000,
    )


@transaction.atomic
def transcript_cues_correct(
    *, transcript: Transcript, texts: Mapping[int, str], by: User | None
) -> int:
    """Replace the text of the cues at these positions (staff correcting what the speech model
    heard, or a typo). The passages holding them take the new text and are indexed again now;
    captions read the cues, so they follow at once. ``by`` must be staff (None: the operator at
    the server). Returns how many cues changed; a bad text changes nothing."""
    if by is not None and not by.is_staff:
        raise PermissionDenied("Only staff can correct a transcript.")
    cleaned = {position: cue_text_check(text) for position, text in texts.items()}
    rows = {
        cue.position: cue
        for cue in TranscriptCue.objects.select_for_update().filter(
            transcript=transcript, position__in=list(cleaned)
        )
    }
    missing = set(cleaned) - set(rows)
    if missing:
        raise TranscriptError("That part of the transcript is no longer there; reload the page.")
    changed = [rows[p] for p, text in cleaned.items() if rows[p].text != text]
    for cue in changed:
        cue.text = cleaned[cue.position]
    TranscriptCue.objects.bulk_update(changed, ["text"])
    if changed:
        _passages_retext(transcript, [cue.start_seconds for cue in changed])
        catalog_changed()  # the lesson pages show captions and a transcript from the cues
    return len(changed)


def _passages_retext(transcript: Transcript, moments: list[float]) -> None:
    """The passages holding these moments take their cues' text again; their documents are
    written again (a passage's document is compared without its text, so it is dropped)."""
    passages = list(transcript.passages.order_by("start_seconds", "position"))
    if not passages:
        return
    starts = [p.start_seconds for p in passages]
    touched = {max(0, bisect_right(starts, moment) - 1) for moment in moments}
    cues = list(transcript.cues.values_list("start_seconds", "text"))
    for index in touched:
        passage = passages[index]
        until = starts[index + 1] if index + 1 < len(passages) else float("inf")
        said = [text for start, text in cues if passage.start_seconds <= start < until]
        passage.text = " ".join(said) or passage.text
    retexted = [passages[i] for i in touched]
    TranscriptPassage.objects.bulk_update(retexted, ["text"])
    Document.objects.filter(passage__in=retexted).delete()
    passages_index([transcript.pk])
    index_changed()


def cue_texts_follow(transcript: Transcript, cues: Sequence[Cue]) -> int:
    """Bring stored cue texts in line with ``cues`` (the same cues, some of them corrected
    since): for a source that hands its transcript over again. Cues that no longer line up
    one for one are left as they are."""
    stored = list(transcript.cues.order_by("position").values_list("position", "text"))
    if len(stored) != len(cues):
        return 0
    texts = {p: cues[p].text for p, text in stored if cues[p].text != text and cues[p].text.strip()}
    return transcript_cues_correct(transcript=transcript, texts=texts, by=None) if texts else 0
