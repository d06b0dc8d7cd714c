"""What a validated LTI 1.3 launch does: refuse a replayed one, find or make the learner's
account, remember where their score goes, and say where to take them.

pylti1p3 has checked the id_token's signature (the platform's JWKS), issuer, client id,
deployment id and message before these run.
Account decision (README "LTI 1.3", docs/security.md): a platform's user is known by
(registration, ``sub``): the registration fixes the issuer, client id and the keys that
signed, and ``sub`` is the issuer's own id for the person (every deployment of the issuer
shares it). The ``email`` claim is only the platform's word, so the first launch of an
unknown ``sub`` makes a learner account with a placeholder address (``lti-…@lti.invalid``:
nobody receives mail there, so no sign-up, password reset or single sign-on by the owner
of the claimed address reaches this account, nor this launch theirs). Only when an admin
marked the platform "asserts verified emails" is the claim used: the account is made with
it, or the existing account with it is linked when it is an active learner's (any other
is refused).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from bitewise.accounts.models import Role, User
from bitewise.accounts.services import user_create
from bitewise.catalog.models import Lesson, MicroCredential, Status
from bitewise.engines.text.numbers import whole_number
from bitewise.integrations.models import LtiAccount, LtiGradeLink, LtiNonce, LtiPlatform
from bitewise.learning.services import LearningError, enrollment_subscribe
from bitewise.membership.entitlements import AccessRefused

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
MAX_CLAIM = 255


class LtiRefused(Exception):
    """A launch we will not act on; the message is shown on the error page."""


@dataclass(frozen=True)
class LaunchTarget:
    micro_credential: MicroCredential
    lesson: Lesson | None

    @property
    def url(self) -> str:
        slug = self.micro_credential.slug
        if self.lesson is not None:
            return reverse("learning:lesson", args=[slug, self.lesson.pk])
        return reverse("catalog:micro_credential", args=[slug])


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > MAX_CLAIM:
        raise LtiRefused(f"The launch's {name} is longer than {MAX_CLAIM} characters.")
    return value.strip()


def target_of(claims: dict[str, Any]) -> LaunchTarget:
    """The micro-credential (and lesson) a resource link launches, from its custom
    parameters, as Deep Linking set them: ``micro_credential=<slug>``, ``lesson=<id>``."""
    custom = claims.get(CLAIM + "custom") or {}
    if not isinstance(custom, dict):
        raise LtiRefused("The launch's custom parameters are not a JSON object.")
    slug = str(custom.get("micro_credential", "")).strip()
    mc = MicroCredential.objects.filter(slug=slug, status=Status.PUBLISHED).first()
    if not slug or mc is None:
        raise LtiRefused(
            "This link names no published Bitewise micro-credential. Ask your course's "
            "instructor to pick the content again."
        )
    lesson = None
    lesson_id = str(custom.get("lesson", "")).strip()
    if lesson_id:
        pk = whole_number(lesson_id)
        if pk is None:
            raise LtiRefused("This link names a lesson that does not exist.")
        lesson = Lesson.objects.filter(pk=pk, memberships__micro_credential=mc).first()
        if lesson is None:
            raise LtiRefused("This link names a lesson that is not in its micro-credential.")
    return LaunchTarget(micro_credential=mc, lesson=lesson)


def _check_times(claims: dict[str, Any]) -> None:
    # pylti1p3 (PyJWT) checks "exp" when it is there; an id_token must carry it (OIDC Core 2).
    if not isinstance(claims.get("exp"), int) or not isinstance(claims.get("iat"), int):
        raise LtiRefused("The id_token has no expiry or issue time.")


@transaction.atomic
def lti_nonce_use(*, platform: LtiPlatform, claims: dict[str, Any]) -> None:
    """Record the launch's nonce; a second launch with it is refused (a replay)."""
    _check_times(claims)
    nonce = _text(claims, "nonce")
    if not nonce:
        raise LtiRefused("The id_token has no nonce.")
    try:
        with transaction.atomic():
            LtiNonce.objects.create(platform=platform, nonce=nonce)
    except IntegrityError as exc:
        raise LtiRefused(
            "This launch has already been used. Go back to your course and open the link again."
        ) from exc


PLACEHOLDER_DOMAIN = "lti.invalid"  # RFC 2606: a name that can never be delivered to


def placeholder_email(platform: LtiPlatform, subject: str) -> str:
    """The address of an account made by a launch whose email claim is not trusted."""
    digest = hashlib.sha256(f"{platform.issuer}\n{subject}".encode()).hexdigest()[:20]
    return f"lti-{platform.pk}-{digest}@{PLACEHOLDER_DOMAIN}"


def _verified_email(platform: LtiPlatform, claims: dict[str, Any]) -> str:
    """The email claim, when the platform is trusted to assert verified ones; else ""."""
    if not platform.asserts_verified_emails:
        return ""
    email = _text(claims, "email").lower()
    return email if "@" in email else ""


def lti_account_for(*, platform: LtiPlatform, claims: dict[str, Any]) -> User:
    """The Bitewise account of the launching user (see the module docstring)."""
    subject = _text(claims, "sub")
    if not subject:
        raise LtiRefused("This launch names no user; Bitewise needs one to keep your progress.")
    account = LtiAccount.objects.filter(platform=platform, subject=subject).select_related("user")
    linked = account.first()
    if linked is not None:
        if not linked.user.is_active:
            raise LtiRefused("Your Bitewise account is deactivated. Contact the association.")
        return linked.user
    email = _verified_email(platform, claims)
    existing = User.objects.filter(email__iexact=email).first() if email else None
    if existing is not None:
        if existing.role != Role.LEARNER or not existing.is_active:
            raise LtiRefused(
                "A Bitewise account already uses this email address and cannot be linked to "
                "your course. Log in to Bitewise directly, or ask the association for help."
            )
        user = existing
    else:
        user = user_create(
            email=email or placeholder_email(platform, subject),
            # Nobody knows it: the learner signs in through their course (a placeholder
            # address gets no reset link either).
            password=secrets.token_urlsafe(32),
            display_name=_text(claims, "name")[:150],
        )
    LtiAccount.objects.create(platform=platform, subject=subject, user=user)
    return user


@transaction.atomic
def lti_resource_launch(*, platform: LtiPlatform, claims: dict[str, Any]) -> tuple[User, str]:
    """A resource link launch: nonce, account, subscription, grade link. Returns the
    learner and the page to take them to; refuses (changing nothing) otherwise."""
    lti_nonce_use(platform=platform, claims=claims)
    target = target_of(claims)
    learner = lti_account_for(platform=platform, claims=claims)
    try:
        enrollment_subscribe(learner=learner, micro_credential=target.micro_credential)
    except (LearningError, AccessRefused) as exc:  # members only, priced: the rule says why
        raise LtiRefused(str(exc)) from exc
    _grade_link_save(platform=platform, claims=claims, learner=learner, target=target)
    return learner, target.url


def _grade_link_save(
    *, platform: LtiPlatform, claims: dict[str, Any], learner: User, target: LaunchTarget
) -> None:
    endpoint = claims.get(AGS_CLAIM)
    if not isinstance(endpoint, dict) or not isinstance(endpoint.get("lineitem"), str):
        return  # the platform takes no score for this link
    link = claims.get(CLAIM + "resource_link") or {}
    resource_link_id = str(link.get("id", "") if isinstance(link, dict) else "")[:MAX_CLAIM]
    scopes = [s for s in endpoint.get("scope", []) if isinstance(s, str)]
    if not resource_link_id:
        raise LtiRefused("The launch has no resource link id.")
    LtiGradeLink.objects.update_or_create(
        platform=platform,
        resource_link_id=resource_link_id,
        learner=learner,
        defaults={
            "deployment_id": _text(claims, CLAIM + "deployment_id"),
            "subject": _text(claims, "sub"),
            "micro_credential": target.micro_credential,
            "lesson": target.lesson,
            "lineitem_url": endpoint["lineitem"][:500],
            "scopes": scopes,
        },
    )
