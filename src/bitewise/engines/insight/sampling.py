"""Who is asked what, decided by hashing so every process decides the same without a
table of coin tosses: the staggered retention-check sample and the reinforcement holdout;
and how many checks fit in a learner's day."""

from __future__ import annotations

import hashlib

from bitewise.engines.insight.retention import CHECK_DELAYS

# A third of each learner's answered items is asked again: a ninth at each delay.
DEFAULT_CHECK_SHARE = 1 / 3
MAX_HOLDOUT_PERCENT = 50


def _unit(*parts: object) -> float:
    """A uniform number in [0, 1) from the parts (first 8 bytes of SHA-256)."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def check_delay_for(
    learner_id: int, question_id: int, *, share: float = DEFAULT_CHECK_SHARE
) -> int | None:
    """The delay (days) at which this learner is asked this item again, or None when the
    item is not in their sample. Each learner's sample is staggered over every delay."""
    if not 0 <= share <= 1:
        raise ValueError("share must be between 0 and 1")
    u = _unit("retention-check", learner_id, question_id)
    if u >= share:
        return None
    return CHECK_DELAYS[min(int(u / share * len(CHECK_DELAYS)), len(CHECK_DELAYS) - 1)]


def is_held_out(campaign_id: int, learner_id: int, *, percent: int) -> bool:
    """Is this registrant in the campaign's control group (gets none of its steps)?"""
    if not 0 <= percent <= MAX_HOLDOUT_PERCENT:
        raise ValueError(f"the holdout share must be 0 to {MAX_HOLDOUT_PERCENT} percent")
    return percent > 0 and _unit("holdout", campaign_id, learner_id) < percent / 100


def checks_allowed_today(
    *,
    daily_cap: int,
    reviews_done: int,
    reviews_waiting: int,
    checks_done: int,
    checks_per_day: int,
) -> int:
    """How many more retention checks to show today. Checks share the learner's daily
    review cap with their reviews and take only the room the reviews leave, so Today
    never holds more than the cap; at most ``checks_per_day`` of them a day."""
    room = daily_cap - reviews_done - reviews_waiting - checks_done
    return max(0, min(checks_per_day - checks_done, room))
