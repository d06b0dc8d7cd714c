"""Signed one-click unsubscribe links (RFC 8058, https://www.rfc-editor.org/rfc/rfc8058).

The token is the learner and the scope, signed with the site key (django.core.signing): not
guessable, never expiring (an old email's link still works), and a changed byte fails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q

from bitewise.accounts.models import User
from bitewise.common.mail_addresses import can_receive_mail
from bitewise.reinforcement.models import DeliveryPreferences, Unsubscribe, UnsubscribeScope
from bitewise.reinforcement.models.preferences import LEARNER_WIDE_SCOPES

SALT = "bitewise.reinforcement.unsubscribe"


class BadToken(Exception):
    """The token was not made by this site, or was changed."""


@dataclass(frozen=True)
class UnsubscribeRequest:
    learner_id: int
    scope: str
    campaign_id: int | None = None
    skill_id: int | None = None


def unsubscribe_token(request: UnsubscribeRequest) -> str:
    payload = [request.learner_id, request.scope, request.campaign_id, request.skill_id]
    return signing.dumps(payload, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> UnsubscribeRequest:
    try:
        learner_id, scope, campaign_id, skill_id = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadToken from exc
    if scope not in UnsubscribeScope.values:
        raise BadToken
    return UnsubscribeRequest(learner_id, scope, campaign_id, skill_id)


def _target(request: UnsubscribeRequest) -> dict[str, Any]:
    return {
        "learner_id": request.learner_id,
        "scope": request.scope,
        "campaign_id": request.campaign_id,
        "skill_id": request.skill_id,
    }


def unsubscribe_apply(*, request: UnsubscribeRequest) -> bool:
    """Record it (idempotent); returns False when the learner no longer exists."""
    if not User.objects.filter(pk=request.learner_id).exists():
        return False
    try:
        with transaction.atomic():
            Unsubscribe.objects.get_or_create(**_target(request))
    except IntegrityError:  # the same link clicked twice at once
        pass
    return True


def resubscribe(
    *, learner: User, scope: str, campaign_id: int | None = None, skill_id: int | None = None
) -> None:
    request = UnsubscribeRequest(learner.pk, scope, campaign_id, skill_id)
    Unsubscribe.objects.filter(**_target(request)).delete()


def is_unsubscribed_from_campaign(*, learner_id: int, campaign_id: int) -> bool:
    return Unsubscribe.objects.filter(
        Q(scope=UnsubscribeScope.ALL) | Q(scope=UnsubscribeScope.CAMPAIGN, campaign_id=campaign_id),
        learner_id=learner_id,
    ).exists()


def unsubscribed_skill_ids(*, learner_id: int) -> set[int] | None:
    """None when the learner wants no digest at all; else the topics they dropped."""
    rows = list(
        Unsubscribe.objects.filter(
            learner_id=learner_id,
            scope__in=[UnsubscribeScope.ALL, UnsubscribeScope.DIGEST, UnsubscribeScope.TOPIC],
        ).values_list("scope", "skill_id")
    )
    if any(scope != UnsubscribeScope.TOPIC for scope, _ in rows):
        return None
    return {skill_id for _, skill_id in rows if skill_id is not None}


def email_allowed(*, learner_id: int, scope: str) -> bool:
    """May this learner be sent email of a learner-wide ``scope`` (DIGEST, REVIEWS)? False
    for an unsubscribe from all email or from that scope, email turned off in the delivery
    preferences, a bouncing address or one that can never receive mail, or an inactive or
    deleted account."""
    # sending.py imports this module, so its bounce check is imported here, not above.
    from bitewise.reinforcement.services.sending import is_address_bouncing

    if scope not in LEARNER_WIDE_SCOPES:
        raise ValueError(f"{scope!r} names a campaign or topic; check that one directly.")
    learner = User.objects.filter(pk=learner_id, is_active=True).first()
    if learner is None or not can_receive_mail(learner.email):
        return False
    if is_address_bouncing(learner.email):
        return False
    if DeliveryPreferences.objects.filter(learner_id=learner_id, is_email_enabled=False).exists():
        return False
    return not Unsubscribe.objects.filter(
        learner_id=learner_id, scope__in={UnsubscribeScope.ALL, scope}
    ).exists()
