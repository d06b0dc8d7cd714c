"""Signing a person in from what an identity provider vouched for: find their link, or
make one by verified email (creating the account if there is none), and keep the claims."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.identity.claims import claim_text, claim_true
from bitewise.engines.text.visible import visible_text
from bitewise.sso.config import Provider
from bitewise.sso.memberships import membership_from_sign_in
from bitewise.sso.models import SsoLink

logger = logging.getLogger("bitewise.sso")


class SsoRefused(Exception):
    """A sign-in refused: ``reason`` is a short code for the log, the message is for the
    person, and ``status`` the HTTP status of the page that says so."""

    def __init__(self, reason: str, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.reason, self.status = reason, status


@dataclass(frozen=True)
class Identity:
    """One sign-in's proof, after the protocol checked signatures, audience and freshness."""

    provider: Provider
    subject: str
    claims: Mapping[str, Any]

    @property
    def email(self) -> str:
        return User.objects.normalize_email(claim_text(self.claims, self.provider.mapping.email))

    @property
    def email_verified(self) -> bool:
        # An empty mapping means the provider releases only addresses it has verified.
        name = self.provider.mapping.email_verified
        return not name or claim_true(self.claims, name)


def _refuse_unless_usable(identity: Identity) -> str:
    email = identity.email.lower()
    if not identity.subject:
        raise SsoRefused("no_subject", "The identity provider did not say who you are.")
    if "@" not in email:
        raise SsoRefused("no_email", "The identity provider did not send your email address.")
    if not identity.email_verified:
        raise SsoRefused(
            "unverified_email",
            "Your identity provider has not verified your email address, so it cannot be "
            "used to sign in here. Verify it with the association first, then try again.",
        )
    return email


def _json_safe(claims: Mapping[str, Any]) -> dict[str, Any]:
    safe: dict[str, Any] = {}
    for key, value in claims.items():
        if isinstance(value, str | int | float | bool | type(None) | list | dict):
            safe[str(key)] = value
        else:
            safe[str(key)] = str(value)
    return safe


@transaction.atomic
def sso_sign_in(*, identity: Identity) -> User:
    """The account ``identity`` signs in to, its membership set from the claims just
    received (``memberships.py``). Refuses (``SsoRefused``, nothing changed) an
    unverified or missing email, an email that differs from the one an existing link was
    made with (the provider's account may have been given to someone else), an account
    already tied to another identity at this provider, and a deactivated account."""
    email = _refuse_unless_usable(identity)
    provider = identity.provider.slug
    now = timezone.now()
    link = (
        SsoLink.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=identity.subject)
        .first()
    )
    if link is not None and link.email.lower() != email:
        raise SsoRefused(
            "email_changed",
            "The email address your identity provider sent is not the one your account here "
            "was linked with. Nothing was changed: ask the association's staff to check it.",
        )
    if link is None:
        link = _link_by_email(identity, email=email, now=now)
    user = link.user
    if not user.is_active:
        raise SsoRefused("inactive", "This account has been switched off here.")
    claims = _json_safe(identity.claims)
    link.last_sign_in_at, link.last_claims = now, claims
    link.save(update_fields=["last_sign_in_at", "last_claims"])
    # The membership follows these claims now, while they are fresh; never at a later log-in.
    membership_from_sign_in(person=user, provider=identity.provider, claims=claims)
    return user


def _link_by_email(identity: Identity, *, email: str, now: Any) -> SsoLink:
    provider = identity.provider.slug
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        name = claim_text(identity.claims, identity.provider.mapping.name)[:120]
        user = User.objects.create_user(email=email, password=None, display_name=visible_text(name))
        logger.info("sso account created", extra={"provider": provider, "user_id": user.pk})
    elif SsoLink.objects.filter(provider=provider, user=user).exists():
        raise SsoRefused(
            "linked_elsewhere",
            "Your account here is already linked to another identity at this provider. "
            "Nothing was changed: ask the association's staff to check it.",
        )
    try:
        with transaction.atomic():
            link = SsoLink.objects.create(
                user=user,
                provider=provider,
                subject=identity.subject,
                email=email,
                linked_at=now,
                last_sign_in_at=now,
            )
    except IntegrityError as exc:  # the same first sign-in, twice at once
        raise SsoRefused(
            "race", "This sign-in is already being handled: try again.", status=409
        ) from exc
    logger.info("sso account linked", extra={"provider": provider, "user_id": user.pk})
    return link
