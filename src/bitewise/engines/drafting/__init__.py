"""Segment texts → lesson drafts: noun-phrase titles, clean extractive summaries, key terms and
quiz questions answerable from the segment, never built on a misheard word (framework-free;
deterministic)."""

from bitewise.engines.drafting.data import Draft, Question
from bitewise.engines.drafting.distractors import distractors_for
from bitewise.engines.drafting.draft import draft_segments
from bitewise.engines.drafting.related import Related

__all__ = ["Draft", "Question", "Related", "distractors_for", "draft_segments"]
