"""A membership from single sign-on: the claims an identity provider sends at a sign-in
(``claims.py`` maps them by that provider's configuration) set the person's membership
through the membership app's service, as a roster row would. Only at that moment: the sign-in
flow (``services.sso_sign_in``, for OpenID Connect and SAML) calls it with the fresh claims.
A later log-in by password, an LTI launch or any other way in never replays stored claims,
so a membership ended since is not brought back by what a provider said long ago.

Single sign-on never overwrites or ends a membership that a roster, the API or staff set:
those sources own it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.identity.claims import membership_from_values
from bitewise.membership.models import Membership, MembershipSource
from bitewise.membership.services import MembershipError
from bitewise.membership.services.members import (
    MembershipChange,
    membership_end,
    membership_set,
    tier_for,
)
from bitewise.sso.config import Provider

log = logging.getLogger("bitewise.membership")  # bitewise.sso logs refusals only


@transaction.atomic
def membership_from_sign_in(
    *, person: User, provider: Provider, claims: Mapping[str, Any]
) -> MembershipChange | None:
    """Bring the person's membership in line with the claims ``provider`` sent at this
    sign-in. Nothing happens when the claims say nothing about membership, or when the
    membership came from a roster, the API or staff (whatever the claims say); one that
    single sign-on gave is ended by claims that say "not a member"."""
    stated = membership_from_values(claims, provider.mapping)
    if not (stated.status or stated.tier or stated.expires_at):
        return None  # the provider sends no membership claims
    current = Membership.objects.select_for_update().filter(person=person).first()
    if current is not None and current.source != MembershipSource.SSO:
        log.info(
            "single sign-on leaves a membership it did not give",
            extra={"provider": provider.slug, "source": current.source},
        )
        return None
    if stated.is_member_at(timezone.now()):
        try:
            tier = tier_for(stated.tier)
        except MembershipError:
            log.warning(
                "single sign-on names an unknown tier",
                extra={"provider": provider.slug, "tier": stated.tier[:64]},
            )
            tier = None
        expires_on = timezone.localdate(stated.expires_at) if stated.expires_at else None
        return membership_set(
            person=person, tier=tier, expires_on=expires_on, source=MembershipSource.SSO, by=None
        )
    if current is not None:
        membership_end(membership=current, by=None)
        return MembershipChange(current, "expired")
    return None
