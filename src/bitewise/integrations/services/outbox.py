"""What the xAPI and LTI score outboxes share: backoff, stale claims, outcomes."""

from __future__ import annotations

import enum
from datetime import timedelta

STALE_CLAIM = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
BATCH = 50  # rows per send task queued by the scheduler


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY = "retry"  # the peer was out of reach or failed; try again later
    REJECTED = "rejected"  # the peer refused the content; retrying cannot help


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, doubling up to an hour."""
    delay: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, LONGEST_RETRY)


def http_outcome(status: int) -> Outcome:
    """A peer's HTTP status as an outcome. 401/403/404/408/429 and 5xx may pass (a
    credential fixed, an LRS back up); any other 4xx refuses the content itself."""
    if 200 <= status < 300:
        return Outcome.SENT
    if status in (401, 403, 404, 408, 429) or status >= 500:
        return Outcome.RETRY
    return Outcome.REJECTED
