"""On-demand viewing of the recording, from the player's heartbeats."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership.entitlements import access_require
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Viewing, Webinar

# A heartbeat covers at most this much of the recording, and playback may run at most
# this fast (2x speed) compared with the time between heartbeats.
MAX_SPAN_SECONDS = 120
MAX_SPEED = 2


def _merge(spans: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


@transaction.atomic
def viewing_heartbeat(
    *, learner: User, webinar: Webinar, start: int, end: int, now: datetime | None = None
) -> Viewing:
    """Add the span [start, end) seconds of the recording to what ``learner`` watched;
    spans longer or faster than real playback are refused."""
    from bitewise.webinars.services.credit import self_study_evaluate

    access_require(person=learner, target=webinar)  # members only or priced: so is the recording
    now = now or timezone.now()
    length = webinar.recording_seconds
    if not webinar.recording_source or not length:
        raise WebinarError("This webinar has no recording yet.")
    if not 0 <= start < end <= length:
        raise WebinarError(f"Positions must satisfy 0 ≤ start < end ≤ {length} seconds.")
    if end - start > MAX_SPAN_SECONDS:
        raise WebinarError(f"A heartbeat covers at most {MAX_SPAN_SECONDS} seconds.")
    viewing, _ = Viewing.objects.select_for_update().get_or_create(webinar=webinar, learner=learner)
    if viewing.last_heartbeat_at is not None:
        elapsed = (now - viewing.last_heartbeat_at).total_seconds()
        if end - start > MAX_SPEED * elapsed + 5:
            raise WebinarError("Heartbeats arrive faster than the recording can play.")
    viewing.watched = _merge([*viewing.watched, [start, end]])
    viewing.seconds = sum(b - a for a, b in viewing.watched)
    viewing.last_heartbeat_at = now
    viewing.save()
    self_study_evaluate(webinar=webinar, learner=learner)
    return viewing
