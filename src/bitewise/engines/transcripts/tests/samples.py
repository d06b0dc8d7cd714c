"""Caption files as the tools that make them write them, written for Bitewise's tests: each
copies the shape of one tool's output (its header, cue settings, markup and repeats), with
our own words."""

from __future__ import annotations

SENTENCES = [
    "welcome everyone to this session on clinical handoffs",
    "today we look at the SBAR method step by step",
    "situation means you say who you are and what is happening",
    "background gives the history that the receiver needs",
]


def _clock(seconds: float) -> str:
    hours, rest = divmod(round(seconds * 1000), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def youtube_vtt(lines: list[str], *, word_seconds: float = 0.4, music: bool = True) -> str:
    """YouTube's automatic captions: two rolling lines, each cue showing the line before it
    and the new line word by word (``<00:00:01.319><c> word</c>``), then a 10 ms cue with the
    finished line alone; ``align:start position:0%`` on every cue, [Music] at the start."""
    blocks = ["WEBVTT\nKind: captions\nLanguage: en"]
    clock, before = 0.0, ""
    if music:
        blocks.append("00:00:00.000 --> 00:00:02.000 align:start position:0%\n[Music]")
        clock, before = 2.0, "[Music]"
    for line in lines:
        words = line.split()
        timed = words[0] + "".join(
            f"<{_clock(clock + i * word_seconds)}><c> {word}</c>"
            for i, word in enumerate(words)
            if i
        )
        end = clock + len(words) * word_seconds
        blocks.append(
            f"{_clock(clock)} --> {_clock(end)} align:start position:0%\n{before or ' '}\n{timed}"
        )
        blocks.append(f"{_clock(end)} --> {_clock(end + 0.01)} align:start position:0%\n{line}\n ")
        clock, before = end + 0.01, line
    return "\n\n".join(blocks) + "\n"


def plain_vtt(lines: list[str], *, word_seconds: float = 0.4, music: bool = True) -> str:
    """The cues of youtube_vtt(), each written once: what a person reads in it."""
    blocks, clock = ["WEBVTT"], 2.0 if music else 0.0
    for line in lines:
        end = clock + len(line.split()) * word_seconds
        blocks.append(f"{_clock(clock)} --> {_clock(end + 0.01)}\n{line}")
        clock = end + 0.01
    return "\n\n".join(blocks) + "\n"


WHISPER = """WEBVTT

00:00.000 --> 00:04.200
Welcome everyone to this session on clinical handoffs.

00:04.200 --> 00:08.900
Today we look at the SBAR method, step by step.

01:02:03.500 --> 01:02:07.000
Situation means you say who you are & what is happening.
"""

# openai-whisper --highlight_words True: the segment once per word, that word underlined
WHISPER_HIGHLIGHT = """WEBVTT

00:00.000 --> 00:00.600
<u>Welcome</u> everyone to handoffs.

00:00.600 --> 00:01.200
Welcome <u>everyone</u> to handoffs.

00:01.200 --> 00:01.500
Welcome everyone <u>to</u> handoffs.

00:01.500 --> 00:02.400
Welcome everyone to <u>handoffs.</u>

00:02.400 --> 00:03.000
<u>Let's</u> begin.

00:03.000 --> 00:03.500
Let's <u>begin.</u>
"""

ZOOM = """WEBVTT

1
00:00:01.380 --> 00:00:05.120
Dana Whitfield: Welcome, everyone, to this session on handoffs.

2
00:00:05.500 --> 00:00:09.000
Marcus Lee: Thanks, Dana. Let's start with SBAR.
"""

VOICES = """WEBVTT - a panel with voice spans

00:00:00.000 --> 00:00:04.000
<v.loud Ana Ruiz>The reserve policy asks for six months.</v>

00:00:04.000 --> 00:00:08.000
<v Ana Ruiz>Is that enough?</v>
<v Ben Okafor>Six months, not three.</v>

00:00:08.000 --> 00:00:10.000
<v Ana Ruiz>Agreed.</v> <v Ben Okafor>Good.</v>
"""

MARKUP = """WEBVTT
Kind: captions

STYLE
::cue(.colorE5E5E5) { color: #e5e5e5 }

REGION
id:speaker
width:40%

NOTE exported by a captioning tool
with two lines

intro
00:00:00.000 --> 00:00:03.000 region:speaker line:90%
<b>R&amp;D</b> spending&nbsp;rose &lt;5% this year.

00:00:03.000 --> 00:00:06.000
<i>Quite</i> <c.colorE5E5E5>a modest</c> rise.&lrm;
"""

SOUNDS = """WEBVTT

00:00:00.000 --> 00:00:05.000
[Music]

00:00:05.000 --> 00:00:06.000
♪

00:00:06.000 --> 00:00:09.000
So [Applause] thank you all. (laughter)

00:00:09.000 --> 00:00:09.500


00:00:09.500 --> 00:00:12.000
♪ la la la ♪ Now, the agenda.
"""

OUT_OF_ORDER = """WEBVTT

00:00:10.000 --> 00:00:14.000
Third, we close the loop.

00:00:00.000 --> 00:00:05.500
First, we set the goal.

00:00:05.000 --> 00:00:10.000
Second, we measure it.
"""

# "No." three times is speech, not a caption rolling: every word stays
REPEATED_SPEECH = """WEBVTT

00:00:00.000 --> 00:00:01.000
No.

00:00:01.000 --> 00:00:02.000
No.

00:00:02.000 --> 00:00:03.000
No.

00:00:03.000 --> 00:00:05.000
Thank you.

00:00:05.000 --> 00:00:07.000
Thank you.
Let us move on.
"""

# live captions growing a line word by word
GROWING = """WEBVTT

00:00:00.000 --> 00:00:01.000
So

00:00:01.000 --> 00:00:02.000
So today

00:00:02.000 --> 00:00:03.500
So today we look at SBAR.

00:00:03.500 --> 00:00:05.000
It has four parts.
"""

SRT = """1
00:00:01,000 --> 00:00:04,000
<font color="#ffffff">Welcome to the session.</font>

2
00:00:04,000 --> 00:00:07,500
{\\an8}- Is it recorded?
- Yes, it is.

3
00:00:07,500 --> 00:00:09,000
>> DANA: <i>Let's begin.</i>
"""
