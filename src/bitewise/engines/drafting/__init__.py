"""Segment texts → lesson drafts: key-phrase titles, extractive summaries, key terms and quiz
questions answerable from the segment (framework-free; deterministic)."""

from bitewise.engines.drafting.data import Draft, Question
from bitewise.engines.drafting.distractors import distractors_for
from bitewise.engines.drafting.draft import draft_segments

__all__ = ["Draft", "Question", "distractors_for", "draft_segments"]
