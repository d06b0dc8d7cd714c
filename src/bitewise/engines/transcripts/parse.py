"""Read WebVTT, SubRip and plain-text transcripts into timed cues.

WebVTT: https://www.w3.org/TR/webvtt1/ (``<v Name>`` voice spans, and Zoom's
``Name: text`` lines); SubRip as webvtt-py reads it (see _captions); plain text with
``[hh:]mm:ss`` stamps at line starts or on lines of their own (a YouTube transcript copied),
Otter's "Name  0:15" or Rev's "Name (00:00:15):" headings, or with none (times are then
estimated from word counts). A cue's text is read as a person reads it (cuetext.py: markup,
sounds, several voices) and rolling captions once (rolling.py); a cue that says nothing
(marks or sounds alone) is no cue.
"""

from __future__ import annotations

import codecs
import io
import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from bitewise.engines.transcripts.cues import Cue, Transcript, TranscriptError, in_order
from bitewise.engines.transcripts.cuetext import cue_lines, has_words, spoken
from bitewise.engines.transcripts.rolling import Shown, read_once

# Zoom writes "Jane Doe: Welcome, everyone." in each cue: a name of one to four words.
_NAME = r"[A-Z][\w.'\u2019-]*(?: [\w.'\u2019-]+){0,3}"
_SPEAKER = re.compile(rf"^({_NAME}): (\S.*)$", re.DOTALL)
_NAME_ONLY = re.compile(rf"^({_NAME}):$")  # what is left of "Marcus Lee: >>" once read
_SRT_TIMING = re.compile(r"^\d+:\d\d:\d\d,\d{3} --> ", re.MULTILINE)
_TIMING = re.compile(r"^[ \t]*[\d:]+[.,]\d+[ \t]*-->", re.MULTILINE)
# a SubRip cue number right under the text of the cue before, the blank line between missing
_UNSPACED_NUMBER = re.compile(r"(?<=[^\n])\n(?=\d+\n[ \t]*[\d:]+[.,]\d+[ \t]*-->)")
_TIMES = re.compile(r"^([ \t]*)([\d:]+[.,]\d+)([ \t]*-->[ \t]*)([\d:]+[.,]\d+)", re.MULTILINE)
# at most 9 digits a part: a longer run is no time (and would pass int()'s digit limit)
_TIME = re.compile(r"^(?:(\d{1,9}):)??(?:(\d{1,9}):)?(\d{1,9})[.,](\d{1,9})$")
# a stamp before the words of its line, or on a line of its own above them (YouTube's
# "Show transcript" copied: "0:05" then "so today we...")
_STAMP = re.compile(
    r"^\[?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d\d)(?:[.,]\d+)?\]?(?:\s+(?P<rest>.*))?$"
)
# line ends of any platform, and "\r\r\n" from a file converted to Windows' line ends twice
# (three characters at most a match: a run of CRs is read in one pass)
_LINE_END = re.compile(r"\r(?:\r?\n)?")
# control characters that are no whitespace: no text holds them, and PostgreSQL refuses a NUL
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# A heading line before the words said: Otter's "Dana Whitfield  0:15", Rev's "Dana Whitfield
# (00:00:15):" (a name of capitalised words or numbers, as "Speaker 1"), the words after
# Rev's colon or on the lines below.
_NAME_WORD = r"(?:[A-Z][\w.'\u2019-]*|\d+)"
_HEADING = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}})"
    r"\s+(?:\[|\((?=.*\):))?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d\d)"
    r"(?:\]?$|\):(?:\s+(?P<rest>.*))?$)"
)
_CREDIT = re.compile(r"^Transcribed by https?://otter\.ai/?$", re.IGNORECASE)  # Otter's last line
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
        text = _utf16_without_bom(data)
        if text is None:
            raise TranscriptError("This is a binary file, not a WebVTT, SRT or text transcript.")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"The file is not UTF-8 text (byte {exc.start + 1} is not valid): "
            "save it as UTF-8 and try again."
        ) from exc


_LAYOUT = str.maketrans("", "", "\n\r\t\ufeff")  # characters text may hold, unprinted


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without its byte order mark (Windows tools do), told by the zero
    byte of every ASCII character: the text, or None for anything else (a binary file)."""
    head = data[:4096]
    for codec, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(data) % 2 == 0 and zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return text if text.translate(_LAYOUT).isprintable() else None
    return None


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
    if format == "srt":
        text = _UNSPACED_NUMBER.sub("\n\n", text)
    # an arrow in a cue's text ("A --> B") is no cue timing: escaped, as WebVTT writes it
    text = "\n".join(
        line if "-->" not in line or _TIMING.match(line) else line.replace("-->", "--&gt;")
        for line in text.split("\n")
    )
    vtt = text if text.startswith("WEBVTT") else f"WEBVTT\n\n{text}"
    vtt = _TIMES.sub(lambda m: f"{m[1]}{_time(m[2])}{m[3]}{_time(m[4])}", vtt)
    return webvtt.WebVTT.from_buffer(io.StringIO(vtt), format="vtt").captions


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
    runs = [run for run in runs if not _says_nothing(run[1], shown.markup)]
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


def _says_nothing(text: str, markup: str) -> bool:
    """Whether a cue's words are none: marks alone (">>", "Jane: -"), or a Zoom name whose
    line, as written, said something after it that was all marks or sounds ("Marcus Lee: >>",
    "Ana: [laughs]"). A cue of a name-like phrase and a colon alone, "Remember:", is speech."""
    if not has_words(text):
        return True
    name = _NAME_ONLY.match(text)
    after = rf"{re.escape(name[1])}:(?:[ \t]|<[^<>]*>)*[^\s<]" if name else ""
    return bool(after) and re.search(after, markup) is not None


def _parse_plain(text: str) -> Transcript:
    """Lines read as cue lines are (cuetext.spoken: no sounds, no dialogue marks), stamped or
    not; a turn or sentence that says nothing ("...", an Otter heading with no words under
    it) is left out, the times of the others kept."""
    stamped: list[tuple[float, str, str]] = []  # (start, speaker from a heading, words)
    loose: list[str] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not _CREDIT.match(line)]
    # Otter's headings come one per turn: a single "Team meeting 9:30" is a title, not a turn
    headings = sum(1 for line in lines if not _STAMP.match(line) and _HEADING.match(line))
    for line in lines:
        match = _STAMP.match(line) or (_HEADING.match(line) if headings >= 2 else None)
        if match:
            parts = match.groupdict()
            offset = int(parts["h"] or 0) * 3600 + int(parts["m"]) * 60 + int(parts["s"])
            said = spoken(parts.get("rest") or "")
            stamped.append((float(offset), parts.get("name") or "", said))
        elif stamped:
            at, name, said = stamped[-1]
            stamped[-1] = (at, name, f"{said} {spoken(line)}")
        else:
            loose.append(line)
    if stamped and not loose:
        stamped.sort(key=lambda item: item[0])  # stable: lines stamped alike keep their order
        cues = []
        for i, (at, name, line) in enumerate(stamped):
            speaker, body = (name, _clean(line)) if name else split_speaker(_clean(line))
            if not has_words(body):
                continue
            words = len(body.split())
            end = stamped[i + 1][0] if i + 1 < len(stamped) else at + words / _WORDS_PER_SECOND
            cues.append(Cue(start=at, end=max(end, at), text=body, speaker=speaker))
        if not cues:
            raise TranscriptError("The transcript has no lines with words.")
        return Transcript(format="text", cues=in_order(cues), is_timed=True)
    # No stamps: one cue per sentence, timed by an estimated speaking rate.
    sentences = re.split(r"(?<=[.!?])\s+", _clean(" ".join(spoken(line) for line in lines)))
    cues, clock = [], 0.0
    for sentence in sentences:
        speaker, body = split_speaker(spoken(sentence))  # "- Yes." within a line too
        if not has_words(body):
            continue
        length = len(body.split()) / _WORDS_PER_SECOND
        cues.append(Cue(start=clock, end=clock + length, text=body, speaker=speaker))
        clock += length
    if not cues:
        raise TranscriptError("The transcript has no lines with words.")
    return Transcript(format="text", cues=tuple(cues), is_timed=False)


def parse_transcript(text: str, *, format: str = "") -> Transcript:
    """Parse ``text``; ``format`` ("vtt", "srt", "text") forces a reader, empty sniffs one."""
    stripped = _CONTROL.sub("", _LINE_END.sub("\n", text.lstrip("\ufeff"))).strip()
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
    elif format == "text" and (stripped.startswith("WEBVTT") or _TIMING.search(stripped)):
        # captions saved as .txt: their numbers, times and tags are no words
        format = (
            "vtt" if stripped.startswith("WEBVTT") or not _SRT_TIMING.search(stripped) else "srt"
        )
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
