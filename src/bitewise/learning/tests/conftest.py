"""Fixtures of the learning API tests: a micro-credential, and a learner's open attempt at it."""

from __future__ import annotations

import pytest

from bitewise.catalog.models import Question
from bitewise.learning import services
from bitewise.learning.tests.api_client import bearer
from bitewise.testing import (
    make_micro_credential,
    make_user,
)


@pytest.fixture
def mc():  # type: ignore[no-untyped-def]
    return make_micro_credential()


@pytest.fixture
def opened(mc):  # type: ignore[no-untyped-def]
    """A learner's token, their open attempt at ``mc`` and its questions."""
    learner = make_user()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    for m in mc.memberships.all():
        services.lesson_complete(learner=learner, lesson=m.lesson)
    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    return bearer(learner), attempt, list(Question.objects.filter(pk__in=attempt.question_ids))
