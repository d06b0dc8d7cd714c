"""Staff award an achievement directly (no learning rules): one learner at a time, or in
bulk (services/bulk.py). The learning app records the award; its ``credential_earned``
event then issues the credential as for any earned award."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.common.email_csv import normalize_email
from bitewise.credentials.models import Issuer
from bitewise.credentials.services.issuers import issuer_for, issuing_refusal
from bitewise.learning.models import Award
from bitewise.learning.services import LearningError, award_grant

Achievement = MicroCredential | Pathway


class GrantError(Exception):
    """A refused award; the message is shown to staff."""


@dataclass(frozen=True)
class Grant:
    learner: User
    award: Award | None  # None: the learner already held it
    account_created: bool

    @property
    def already_held(self) -> bool:
        return self.award is None


def issuer_of(achievement: Achievement) -> Issuer:
    if isinstance(achievement, MicroCredential):
        return issuer_for(micro_credential=achievement, pathway=None)
    return issuer_for(micro_credential=None, pathway=achievement)


def can_award(*, user: User, issuer: Issuer) -> bool:
    """Issuer.staff "may award and revoke this issuer's credentials" (or a superuser)."""
    if not user.is_authenticated or not user.is_staff:
        return False
    return user.is_superuser or issuer.staff.filter(pk=user.pk).exists()


def award_permission_check(*, user: User, achievement: Achievement) -> None:
    """Staff of the achievement's issuer may award it, while the site can issue at all (an
    award made now would wait for its credential: issuing_refusal says why)."""
    issuer = issuer_of(achievement)
    if not can_award(user=user, issuer=issuer):
        raise GrantError(f"Only staff of {issuer.name} can award “{achievement.title}”.")
    refusal = issuing_refusal()
    if refusal is not None:
        raise GrantError(refusal)


def learner_for_email(*, email: str) -> tuple[User, bool]:
    """The account for ``email`` (already normalized), created without a usable password
    when unknown: the learner claims it with "Forgot your password?"."""
    # Accounts store addresses lower-cased, but one edited in the admin may not be.
    user = (
        User.objects.filter(email=email).first() or User.objects.filter(email__iexact=email).first()
    )
    if user is not None:
        return user, False
    try:
        with transaction.atomic():
            # No accounts service makes a password-less account yet; the manager's
            # create_user sets an unusable password when given None.
            return User.objects.create_user(email=email, password=None), True
    except IntegrityError:  # signed up (or was awarded) a moment ago
        return User.objects.get(email=email), False


def learners_for_emails(*, emails: list[str]) -> dict[str, tuple[User, bool]]:
    """learner_for_email for many addresses (already normalized) in a few queries:
    email → (account, created)."""
    found: dict[str, User] = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
    missing = [email for email in emails if email not in found]
    if missing:
        # Addresses edited in the admin may not be lower-case.
        for other in User.objects.annotate(lowered=Lower("email")).filter(lowered__in=missing):
            found[other.email.lower()] = other
    fresh = [email for email in dict.fromkeys(emails) if email not in found]
    created: set[str] = set()
    if fresh:
        accounts = []
        for email in fresh:
            account = User(email=email)
            account.set_unusable_password()
            accounts.append(account)
        try:
            with transaction.atomic():
                User.objects.bulk_create(accounts)
            created = set(fresh)
            found.update({account.email: account for account in accounts})
        except IntegrityError:  # someone signed up meanwhile: one at a time then
            for email in fresh:
                user, was_created = learner_for_email(email=email)
                found[email] = user
                if was_created:
                    created.add(email)
    return {email: (found[email], email in created) for email in emails}


def grant_to(*, learner: User, achievement: Achievement, by: User | None) -> Award | None:
    """award_grant for either kind; raises GrantError for a deactivated account or a draft."""
    if not learner.is_active:
        raise GrantError(f"The account {learner.email} is deactivated.")
    try:
        if isinstance(achievement, MicroCredential):
            return award_grant(learner=learner, micro_credential=achievement, granted_by=by)
        return award_grant(learner=learner, pathway=achievement, granted_by=by)
    except LearningError as exc:
        raise GrantError(str(exc)) from exc


@transaction.atomic
def credential_grant(*, by: User, email: str, achievement: Achievement) -> Grant:
    """Award ``achievement`` to the learner with ``email`` (an account is created if there is
    none), exactly once; the credential is issued after commit by the event handler."""
    award_permission_check(user=by, achievement=achievement)
    address = normalize_email(email)
    if not address:
        raise GrantError(f"“{email}” is not an email address.")
    learner, created = learner_for_email(email=address)
    award = grant_to(learner=learner, achievement=achievement, by=by)
    return Grant(learner=learner, award=award, account_created=created)
