"""A membership from single sign-on: each time a person logs in, the claims their
association's identity provider last sent (``claims.py``, mapped by that provider's
configuration) set their membership through the membership app's service, as a roster row
would. Connected to Django's ``user_logged_in`` signal in ``apps.py``, so no sign-in path
needs to remember it."""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership.models import Membership, MembershipSource
from bitewise.membership.services import MembershipError
from bitewise.membership.services.members import (
    MembershipChange,
    membership_end,
    membership_set,
    tier_for,
)
from bitewise.sso.claims import membership_from_claims

log = logging.getLogger("bitewise.membership")  # bitewise.sso logs refusals only


def membership_from_sign_in(*, person: User) -> MembershipChange | None:
    """Bring the person's membership in line with their latest single sign-on claims.
    Nothing happens when they never signed in through a configured provider, or when the
    provider's claims say nothing about membership. A membership that came from a roster,
    the API or staff is not taken away by claims that say "not a member": only one that
    single sign-on gave is ended that way."""
    found = membership_from_claims(user_id=person.pk)
    if found is None:
        return None
    claims = found.membership
    if not (claims.status or claims.tier or claims.expires_at):
        return None  # the provider sends no membership claims
    if claims.is_member_at(timezone.now()):
        try:
            tier = tier_for(claims.tier)
        except MembershipError:
            log.warning(
                "single sign-on names an unknown tier",
                extra={"provider": found.provider, "tier": claims.tier[:64]},
            )
            tier = None
        expires_on = timezone.localdate(claims.expires_at) if claims.expires_at else None
        return membership_set(
            person=person, tier=tier, expires_on=expires_on, source=MembershipSource.SSO, by=None
        )
    current = Membership.objects.filter(person=person).first()
    if current is not None and current.source == MembershipSource.SSO:
        membership_end(membership=current, by=None)
        return MembershipChange(current, "expired")
    return None


def on_logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    membership_from_sign_in(person=user)
