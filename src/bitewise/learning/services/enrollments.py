"""Subscriptions: subscribe (or resume with all progress intact) and drop."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Status
from bitewise.learning.cache import learner_changed
from bitewise.learning.errors import LearningError
from bitewise.learning.models import Enrollment
from bitewise.learning.services.awards import progress_evaluate
from bitewise.membership.entitlements import access_require


@transaction.atomic
def enrollment_subscribe(*, learner: User, micro_credential: MicroCredential) -> Enrollment:
    """Subscribe, or resume a dropped subscription with all progress intact."""
    if micro_credential.status != Status.PUBLISHED:
        raise LearningError("This micro-credential is not open for subscription.")
    # Members only, priced, or a lapsed subscription: AccessRefused says which.
    access_require(person=learner, target=micro_credential)
    enrollment, created = Enrollment.objects.get_or_create(
        learner=learner, micro_credential=micro_credential
    )
    if not created and not enrollment.is_active:
        enrollment.is_active = True
        enrollment.dropped_at = None
        enrollment.save(update_fields=["is_active", "dropped_at"])
    learner_changed([learner.pk])
    # Lessons done elsewhere (shared lessons, an earlier subscription) may already pass it.
    progress_evaluate(learner=learner, micro_credentials=[micro_credential])
    return enrollment


@transaction.atomic
def enrollment_unsubscribe(*, learner: User, micro_credential: MicroCredential) -> Enrollment:
    """Drop the subscription; completions and answers are kept for a later resume."""
    enrollment = Enrollment.objects.filter(
        learner=learner, micro_credential=micro_credential
    ).first()
    if enrollment is None:
        raise LearningError("You are not subscribed to this micro-credential.")
    if enrollment.is_active:
        enrollment.is_active = False
        enrollment.dropped_at = timezone.now()
        enrollment.save(update_fields=["is_active", "dropped_at"])
        learner_changed([learner.pk])
    return enrollment
