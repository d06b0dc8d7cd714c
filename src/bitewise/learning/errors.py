"""What learning refuses, for every caller (pages, API, other apps) to show as is."""

from __future__ import annotations


class LearningError(Exception):
    """A request the rules refuse; the message is shown to the learner."""

    status_code = 400


class ConflictError(LearningError):
    status_code = 409
