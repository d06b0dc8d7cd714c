"""When a card was shown, signed into the answer form, so the response time is measured by
the server (between showing and answering) and cannot be set by the browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core import signing

from bitewise.reviews.errors import ReviewError

SALT = "bitewise.reviews.shown"
MAX_AGE = timedelta(days=1)


def shown_token(*, card_id: int, learner_id: int, at: datetime) -> str:
    return signing.dumps([card_id, learner_id, at.timestamp()], salt=SALT)


def response_ms_from(token: str, *, card_id: int, learner_id: int, now: datetime) -> int:
    """Milliseconds since the card was shown; ReviewError for a token that is tampered
    with, expired, or made for another card or learner."""
    try:
        token_card, token_learner, shown = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ReviewError(
            "This review form has expired or was changed: here is the card again."
        ) from exc
    if (token_card, token_learner) != (card_id, learner_id):
        raise ReviewError("This review form belongs to another card.")
    shown_at = datetime.fromtimestamp(float(shown), tz=UTC)
    return max(0, int((now - shown_at).total_seconds() * 1000))
