"""Spoken cues that a new topic starts: transition phrases ("next question", "let's move on"),
a new speaker's question, and whether a unit closes its sentence (cuts land between sentences).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bitewise.engines.segmentation.snap import ends_sentence

_OPENING_WORDS = 30  # a transition is announced near the start of what someone says
# Phrases people use to close one subject and open the next, in talks, interviews and meetings.
_TRANSITIONS = [
    r"\b(?:move|moving|go|going|turn|turning|get|getting|come|coming|switch|switching)"
    r" (?:on|over|along|forward|back)? ?(?:now )?to\b",
    r"\b(?:let's|let us|we'll|we will|i'll|i will|i'd like to|i want to|we want to|we need to)"
    r" (?:now )?(?:move on|turn|talk|look|go on|switch|discuss|get into|dive into|shift|cover)\b",
    r"\bmoving on\b",
    r"\bmove on\b",
    r"\bnext (?:question|topic|item|point|thing|subject|section|up|one|phase|issue|part"
    r"|step|agenda|speaker|segment|story)\b",
    r"\b(?:the|our|my) next\b",
    r"\b(?:another|a different|a new|a last|a final) (?:question|topic|subject|thing|area|issue)\b",
    r"\b(?:last|final|first) (?:question|topic|item|point|thing|subject|issue)\b",
    r"\b(?:change|changing|switch|switching|shift|shifting) (?:the )?(?:gears|topics?|subjects?)\b",
    r"\bthat (?:brings|takes|leads) (?:us|me) to\b",
    r"\bwhich (?:brings|takes|leads) (?:us|me) to\b",
    r"\bon the (?:topic|subject) of\b",
    r"\b(?:speaking|talking) of\b",
    r"\bquestions? (?:now )?(?:on|about|from|regarding)\b",
    r"\bagenda\b",
    r"\b(?:to (?:wrap|sum|round) (?:up|things up)|in (?:conclusion|summary))\b",
    r"\bbefore we (?:wrap|finish|close|end|go)\b",
    r"\b(?:first|to start) (?:of all|off|with)\b",
    r"\bwhat about\b",
    r"\bhow about\b",
    r"\bnow,? (?:let's|we|i|the|for|on|what|how|a|an)\b",
    r"\b(?:okay|ok|alright|all right|right|good|great|so|well)\b[,.!]* (?:now|next|then|moving)\b",
    # podcasts and recorded sessions: the break, the sponsor, the next guest or part
    r"\bwelcome back\b",
    r"\b(?:we'll|we will|i'll|i will) be right back\b",
    r"\b(?:brought to you|sponsored) by\b",
    r"\ba (?:quick )?(?:word|message) from (?:our|this|today's) sponsors?\b",
    r"\b(?:let's|let us) (?:get started|begin|dive in|jump in|kick off|start)\b",
    r"\b(?:my|our) (?:next|first|last|final) guest\b",
    r"\b(?:joining|with) (?:me|us) (?:now|today|next)\b",
]
TRANSITION = re.compile("|".join(f"(?:{p})" for p in _TRANSITIONS), flags=re.IGNORECASE)
_APOSTROPHE = str.maketrans({"\u2019": "'"})


def opening(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHE).split()[:_OPENING_WORDS])


def is_transition(text: str) -> bool:
    """Whether ``text`` opens with (or soon says) a phrase that announces a new subject."""
    return TRANSITION.search(opening(text)) is not None


def is_question(text: str) -> bool:
    """A real question (not "right?"): a question mark after at least six words."""
    return "?" in text and len(text.split()) >= 6


def sentence_ends(texts: Sequence[str]) -> list[bool]:
    """For each unit, whether a cut after it falls between sentences. A transcript with almost
    no punctuation (some captions) cannot tell, so there every unit counts as ending one."""
    ends = [ends_sentence(text) for text in texts]
    if sum(ends) < 0.2 * len(ends):
        return [True] * len(ends)
    return ends
