"""A cue's text as a person reads it: who speaks each line, markup and character references
gone, and the sounds a caption describes ([Music], (laughter), ♪ lyrics ♪) kept apart from
the words spoken."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# <v Name>, <v.loud Name>, <v> (https://www.w3.org/TR/webvtt1/#webvtt-cue-voice-span)
_VOICE = re.compile(r"<v(?:\.[^\s>.]*)*(?:[ \t]+([^>]*))?>|</v>")  # classes without "."
# every other tag: <b>, </i>, <c.colorE5E5E5>, <00:00:01.319>, SubRip's <font color="…">
_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]*|[\d:.]+)>")
_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # SubRip's {\an8} placement codes
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")  # &lrm;, &rlm;, zero-width spaces
_SOUND_WORDS = (
    r"music|applause|laugh\w*|chuckl\w*|inaudible|unintelligible|indistinct|crosstalk|"
    r"silence|cough\w*|sigh\w*|clap\w*|cheer\w*|beep\w*|noise|static|no audio"
)
_SOUNDS = re.compile(
    # [Music], [Applause], YouTube's [ __ ]: a bracket of words or a blank, never one on a
    # word ("a[i]") or of numbers ("[1, 2, 3]")
    r"(?<![\w\]])\[(?=[^\[\]]*[A-Za-z_])[^\[\]]*\]"
    rf"|\((?:[^()]{{0,30}}\b(?:{_SOUND_WORDS})\b[^()]{{0,30}})\)"  # (laughter), (MUSIC PLAYING)
    r"|♪[^♪]*♪|[♪♫♬\U0001f3b5\U0001f3b6]",  # sung lyrics and lone notes
    re.IGNORECASE,
)
_NAMED = re.compile(r"^(?:>> ?|- )?\[([^\[\]]{1,40})\]: ")  # "[Dana Whitfield]: text"
# ">>" speaker changes, "- " dialogue dashes; alone on a line too, once its spaces are gone
_MARKS = re.compile(r"^(?:>>|-)(?: |$)|(?<= )>>(?: |$)")
_WORD = re.compile(r"[^\W_]")  # a letter or digit of any script


@dataclass(frozen=True)
class Line:
    speaker: str  # from a voice span; "" where the cue names none
    text: str  # tags gone, character references read, spaces collapsed


def cue_lines(payload: str) -> tuple[Line, ...]:
    """A cue's text, as written in the file, into its lines: a voice span names the speaker of
    the words after it, to its end tag or the cue's end (a cue may hold several voices, and a
    line two); a line with no words is left out."""
    lines: list[Line] = []
    speaker = ""
    for raw in payload.splitlines():
        at = 0
        for match in _VOICE.finditer(raw):
            _add(lines, speaker, raw[at : match.start()])
            speaker = "" if match.group(0) == "</v>" else " ".join((match.group(1) or "").split())
            at = match.end()
        _add(lines, speaker, raw[at:])
    return tuple(lines)


def _add(lines: list[Line], speaker: str, raw: str) -> None:
    text = _INVISIBLE.sub("", html.unescape(_OVERRIDE.sub("", _TAG.sub("", raw))))
    text = " ".join(text.split())
    if text:
        lines.append(Line(speaker, text))


def spoken(text: str) -> str:
    """``text`` without what it says of sounds rather than speech: ``"[Music]"`` → ``""``,
    ``"So (laughs) where was I"`` → ``"So where was I"``; a name in brackets before a colon
    is kept as a name: ``"[Dana]: Hi"`` → ``"Dana: Hi"``."""
    words = " ".join(_SOUNDS.sub(" ", _NAMED.sub(r"\1: ", text)).split())
    return " ".join(_MARKS.sub("", words).split())


def has_words(text: str) -> bool:
    """Whether ``text`` says anything: a cue of punctuation or marks alone (":", "...", "-")
    is no speech, and would reach segmentation and drafting as a unit with no words."""
    return _WORD.search(text) is not None
