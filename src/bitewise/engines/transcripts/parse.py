"""Read WebVTT, SubRip and plain-text transcripts into timed cues.

WebVTT: https://www.w3.org/TR/webvtt1/ (``<v Name>`` voice spans, and Zoom's
``Name: text`` lines); SubRip as webvtt-py reads it (see _captions); plain text with
``[hh:]mm:ss`` stamps at line starts or Otter's "Name  0:15" headings, or with none (times
are then estimated from word counts). A cue's text is read as a person reads it
(cuetext.py: markup, sounds, several voices) and rolling captions once (rolling.py).
"""

from __future__ import annotations

import codecs
import io
import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from bitewise.engines.transcripts.cues import Cue, Transcript, TranscriptError, in_order
from bitewise.engines.transcripts.cuetext import cue_lines, spoken
from bitewise.engines.transcripts.rolling import Shown, read_once

# Zoom writes "Jane Doe: Welcome, everyone." in each cue: a name of one to four words.
_SPEAKER = re.compile(r"^([A-Z][\w.'\u2019-]*(?: [\w.'\u2019-]+){0,3}): (\S.*)$", re.DOTALL)
_SRT_TIMING = re.compile(r"^\d+:\d\d:\d\d,\d{3} --> ", re.MULTILINE)
_TIMING = re.compile(r"^[ \t]*[\d:]+[.,]\d+[ \t]*-->", re.MULTILINE)
# what a timing line starts with, for telling one from words that hold "-->"
_TIMING_START = re.compile(r"^[ \t]*-?[\d:.,]+[ \t]*-->")
_TIMES = re.compile(r"^([ \t]*)([\d:]+[.,]\d+)([ \t]*-->[ \t]*)([\d:]+[.,]\d+)", re.MULTILINE)
# at most 9 digits a part: a longer run is no time (and would pass int()'s digit limit)
_TIME = re.compile(r"^(?:(\d{1,9}):)??(?:(\d{1,9}):)?(\d{1,9})[.,](\d{1,9})$")
_STAMP = re.compile(
    r"^\[?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d\d)(?:[.,]\d+)?\]?\s+(?P<rest>.*)$"
)
# Otter's text export: a heading line "Dana Whitfield  0:15" (a name of capitalised words or
# numbers, as "Speaker 1") before the words said.
_NAME_WORD = r"(?:[A-Z][\w.'\u2019-]*|\d+)"
_HEADING = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}})"
    r"\s+\[?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d\d)\]?$"
)
_WORDS_PER_SECOND = 2.5  # about 150 spoken words a minute


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused
    with a message rather than guessed at, so no transcript is read as mojibake."""
    if not data.strip():
        raise TranscriptError("The file is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TranscriptError("The file is not valid UTF-16 text.") from exc
    if b"\x00" in data[:4096]:
        raise TranscriptError("This is a binary file, not a WebVTT, SRT or text transcript.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"The file is not UTF-8 text (byte {exc.start + 1} is not valid): "
            "save it as UTF-8 and try again."
        ) from exc


def split_speaker(text: str) -> tuple[str, str]:
    """``"Jane Doe: Hello"`` → ``("Jane Doe", "Hello")``; text without a name → ``("", text)``."""
    match = _SPEAKER.match(text)
    if match is None:
        return "", text
    return match.group(1), match.group(2)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _captions(text: str, format: str) -> list[webvtt.Caption]:
    """The cues of a WebVTT or SubRip file, read as players read them: times as tools write
    them (see _time), WebVTT without its first line, and SubRip by webvtt-py's WebVTT reader
    (a cue number is a cue identifier there), so every SubRip cue has its times read the one
    way: "00:00:03,5" is 3.5 s, and a cue without hours is read, not dropped."""
    if format == "srt":
        if not _TIMING.search(text):
            raise TranscriptError(
                "Not a valid SRT file: it has no cue times (00:00:01,000 --> 00:00:04,000)."
            )
    elif not text.startswith("WEBVTT") and not _TIMING.search(text):
        raise TranscriptError("Not a WebVTT file: the first line must be WEBVTT.")
    _arrow_in_words(text)
    vtt = text if text.startswith("WEBVTT") else f"WEBVTT\n\n{text}"
    vtt = _TIMES.sub(lambda m: f"{m[1]}{_time(m[2])}{m[3]}{_time(m[4])}", vtt)
    return webvtt.WebVTT.from_buffer(io.StringIO(vtt), format="vtt").captions


def _arrow_in_words(text: str) -> None:
    """Only a cue's timing line may hold "-->" (https://www.w3.org/TR/webvtt1/#webvtt-cue-text):
    a player reads words holding it as a broken timing and drops the cue, so a transcript
    would lose them without a word. Refused, naming the line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "-->" in line and not _TIMING_START.match(line):
            shown = line.strip() if len(line.strip()) <= 60 else line.strip()[:59] + "…"
            raise TranscriptError(
                f"Line {number:,} holds “-->” but is no cue timing (such as 00:00:01.000 --> "
                f"00:00:04.000): “{shown}”. Only a timing line may hold “-->”; in words, "
                "write “->” or “→”."
            )


def _time(stamp: str) -> str:
    """A cue time as WebVTT writes it, from the forms tools write: SubRip's comma, minutes
    past 59 without hours ("75:12.5"), fewer digits."""
    match = _TIME.match(stamp)
    if match is None:
        return stamp  # left for the reader to refuse
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds)
    millis = round(int(fraction) / 10 ** len(fraction) * 1000)
    hours_, rest = divmod(total * 1000 + millis, 3_600_000)
    return f"{hours_:02d}:{rest // 60_000:02d}:{rest % 60_000 // 1000:02d}.{rest % 1000:03d}"


def _from_captions(captions: list[webvtt.Caption]) -> tuple[Cue, ...]:
    shown = sorted(  # stable: cues that start together keep the file's order
        (
            Shown(
                start=caption.start_time.in_milliseconds() / 1000,
                end=caption.end_time.in_milliseconds() / 1000,
                lines=cue_lines(caption.raw_text),
                markup=caption.raw_text,
            )
            for caption in captions
        ),
        key=lambda cue: cue.start,
    )
    return tuple(cue for each in read_once(shown) for cue in _spoken_cues(each))


def _spoken_cues(shown: Shown) -> list[Cue]:
    """One cue per speaker of ``shown``, the sounds it describes left out; where it holds
    several voices, its time is shared among them by their words."""
    runs: list[tuple[str, str]] = []
    for line in shown.lines:
        text = spoken(line.text)
        if not text:
            continue
        if runs and runs[-1][0] == line.speaker:
            runs[-1] = (line.speaker, f"{runs[-1][1]} {text}")
        else:
            runs.append((line.speaker, text))
    runs = [run if run[0] else split_speaker(run[1]) for run in runs]  # Zoom's "Name: text"
    words = sum(len(text.split()) for _, text in runs)
    # a cue that ends as it starts, or before, is given the time its words take to say
    end = shown.end if shown.end > shown.start else shown.start + words / _WORDS_PER_SECOND
    cues, clock, said = [], shown.start, 0
    for speaker, text in runs:
        said += len(text.split())
        until = shown.start + (end - shown.start) * said / words if said < words else end
        cues.append(Cue(start=round(clock, 3), end=round(until, 3), text=text, speaker=speaker))
        clock = until
    return cues


def _parse_plain(text: str) -> Transcript:
    stamped: list[tuple[float, str]] = []
    loose: list[str] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # Otter's headings come one per turn: a single "Team meeting 9:30" is a title, not a turn
    headings = sum(1 for line in lines if not _STAMP.match(line) and _HEADING.match(line))
    for line in lines:
        match = _STAMP.match(line) or (_HEADING.match(line) if headings >= 2 else None)
        if match:
            parts = match.groupdict()
            offset = int(parts["h"] or 0) * 3600 + int(parts["m"]) * 60 + int(parts["s"])
            stamped.append((float(offset), parts.get("rest") or f"{parts['name']}:"))
        elif stamped:
            stamped[-1] = (stamped[-1][0], f"{stamped[-1][1]} {line}")
        else:
            loose.append(line)
    if stamped and not loose:
        stamped.sort(key=lambda item: item[0])  # stable: lines stamped alike keep their order
        cues = []
        for i, (at, line) in enumerate(stamped):
            speaker, body = split_speaker(_clean(line))
            words = len(body.split())
            end = stamped[i + 1][0] if i + 1 < len(stamped) else at + words / _WORDS_PER_SECOND
            cues.append(Cue(start=at, end=max(end, at), text=body, speaker=speaker))
        return Transcript(format="text", cues=in_order(cues), is_timed=True)
    # No stamps: one cue per sentence, timed by an estimated speaking rate.
    sentences = re.split(r"(?<=[.!?])\s+", _clean(text))
    cues, clock = [], 0.0
    for sentence in sentences:
        speaker, body = split_speaker(sentence)
        length = len(body.split()) / _WORDS_PER_SECOND
        cues.append(Cue(start=clock, end=clock + length, text=body, speaker=speaker))
        clock += length
    return Transcript(format="text", cues=tuple(cues), is_timed=False)


def parse_transcript(text: str, *, format: str = "") -> Transcript:
    """Parse ``text``; ``format`` ("vtt", "srt", "text") forces a reader, empty sniffs one."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise TranscriptError("The file is empty.")
    if not format:
        if stripped.startswith("WEBVTT"):
            format = "vtt"
        elif _SRT_TIMING.search(stripped):
            format = "srt"
        else:
            format = "text"
    if format == "vtt" and not stripped.startswith("WEBVTT") and _SRT_TIMING.search(stripped):
        format = "srt"  # SubRip saved as .vtt
    elif format == "srt" and stripped.startswith("WEBVTT"):
        format = "vtt"  # and WebVTT saved as .srt
    try:
        if format in ("vtt", "srt"):
            captions = _captions(stripped, format)
        elif format == "text":
            return _parse_plain(stripped)
        else:
            raise TranscriptError(f"Unknown transcript format {format!r}.")
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise TranscriptError(f"Not a valid {format.upper()} file: {exc}.") from exc
    except TranscriptError:
        raise
    except ValueError as exc:  # a time the reader could not turn into a number
        raise TranscriptError(
            f"Not a valid {format.upper()} file: a cue time is not a time."
        ) from exc
    cues = _from_captions(captions)
    if not cues:
        raise TranscriptError("The transcript has no cues with text.")
    return Transcript(format=format, cues=in_order(cues), is_timed=True)
