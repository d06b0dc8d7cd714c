"""The API fuzzed against its own live OpenAPI document (schemathesis): every operation, logged
out and with a learner's token, with generated valid and invalid input. No answer may be a
server error, and every answer must be a documented status, content type and body shape.

The examples per operation are bounded (BITEWISE_FUZZ_EXAMPLES, 12 by default) and derandomized,
so a run takes about a minute and fails the same way twice; raise the number to hunt locally."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bitewise.accounts.models import ApiToken
from bitewise.accounts.services import api_token_create
from bitewise.catalog.models import Lesson, MicroCredential, Question, Skill
from bitewise.reinforcement.models import Event
from bitewise.reinforcement.services.events import event_create
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.services.cards import cards_sync
from bitewise.testing import earn, make_micro_credential, make_skill, make_user
from bitewise.webinars.models import Webinar
from bitewise.webinars.services.webinars import webinar_create, webinar_publish

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("BITEWISE_FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# What the seeded database holds, by path parameter name: half the generated paths name one
# of these instead of a random id, so the fuzzing reaches real objects and the rules behind.
KNOWN: dict[str, list[Any]] = {}


def _seed() -> str:
    """A small catalog, an event and a webinar, and a learner with progress, review cards
    and a token (whose secret is returned)."""
    skill = make_skill("Infection control")
    held = make_micro_credential(skills=[skill], ce_credits=Decimal("1.5"))
    make_micro_credential(skills=[skill])
    learner = make_user()
    earn(learner, held)
    cards_sync(learner=learner)
    event_create(
        title="Annual conference",
        starts_at=timezone.now() + timedelta(days=10),
        time_zone="Europe/London",
        kind="conference",
    )
    webinar_publish(
        webinar=webinar_create(
            by=None,
            title="Hand hygiene in 15 minutes",
            presenter="Dr Ada Obi",
            starts_at=timezone.now() + timedelta(days=3),
            time_zone="America/New_York",
            duration_minutes=15,
            capacity=0,
            join_url="https://zoom.example/j/81234567890",
        )
    )
    secret = api_token_create(user=learner, name="fuzz").secret
    KNOWN.update(
        slug=list(MicroCredential.objects.values_list("slug", flat=True)),
        lesson_id=list(Lesson.objects.values_list("pk", flat=True)),
        question_id=list(Question.objects.values_list("pk", flat=True)),
        card_id=list(ReviewCard.objects.values_list("pk", flat=True)),
        token_id=list(ApiToken.objects.values_list("pk", flat=True)),
        skill_id=list(Skill.objects.values_list("pk", flat=True)),
        event_id=list(Event.objects.values_list("pk", flat=True)),
        webinar_id=[str(pk) for pk in Webinar.objects.values_list("pk", flat=True)],
    )
    return secret


# Loaded from the running application (the document it serves, not the committed copy).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    names = [name for name in path_parameters or {} if name in KNOWN]
    if not names:
        return st.just(path_parameters)
    # drawn while the test runs, so from the database seeded for it
    chosen = st.fixed_dictionaries(
        {
            name: st.integers(0, 99).map(lambda i, n=name: KNOWN[n][i % len(KNOWN[n])])
            for name in names
        }
    )
    return st.one_of(st.just(path_parameters), chosen.map(lambda c: {**path_parameters, **c}))


@pytest.fixture
def learner_secret(db: Any) -> Iterator[str]:
    # The WSGI application closes the database connection around each request, as Django's
    # test client keeps it from doing: the test's transaction must outlive the requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield _seed()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# One seeded database per operation: its examples share it (and the token), by design.
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@schema.parametrize()
@FUZZ
def test_logged_out_every_answer_is_documented_and_none_is_a_server_error(
    case: Any, learner_secret: str
) -> None:
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_with_a_learner_token_every_answer_is_documented_and_none_is_a_server_error(
    case: Any, learner_secret: str
) -> None:
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {learner_secret}"})


def test_every_operation_of_the_committed_document_is_fuzzed() -> None:
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert sorted(committed["paths"]) == sorted(schema.raw_schema["paths"])
