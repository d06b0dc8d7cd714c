"""Learning records reach a real LRS (Ralph, file-system backend) once each, also when the
LRS is down for a while and when an answer from it is lost."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from bitewise.integrations.models import LearningRecord, OutboxState
from bitewise.integrations.services.xapi import statements_send_due
from bitewise.learning import services as learning
from bitewise.reviews.services.cards import card_review
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import (
    PASSWORD,
    correct_choice_ids,
    earn,
    make_micro_credential,
    make_user,
    take_assessment,
)
from bitewise.webinars.models import Registration, RegistrationStatus
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.tests.factories import attendance_csv, make_webinar
from tests.standards.lrs_server import PASSWORD as LRS_PASSWORD
from tests.standards.lrs_server import USERNAME as LRS_USERNAME
from tests.standards.lrs_server import Lrs, free_port, running_ralph

pytestmark = pytest.mark.django_db(transaction=True)

VERBS = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def lrs(tmp_path: Path, settings: Any) -> Any:
    with running_ralph(tmp_path / "lrs") as running:
        settings.BITEWISE_XAPI_ENDPOINT = running.url
        settings.BITEWISE_XAPI_USERNAME = LRS_USERNAME
        settings.BITEWISE_XAPI_PASSWORD = LRS_PASSWORD
        settings.SITE_URL = "https://learn.example.org"
        yield running


def verbs_of(statements: list[dict[str, Any]]) -> Counter[str]:
    return Counter(s["verb"]["id"].rsplit("/", 1)[-1] for s in statements)


def test_a_learners_journey_reaches_the_lrs_as_statements_once_each(lrs: Lrs, client) -> None:  # type: ignore[no-untyped-def]
    learner = make_user()
    mc = make_micro_credential(lessons=2)
    learning.enrollment_subscribe(learner=learner, micro_credential=mc)
    first = mc.memberships.order_by("position").first().lesson
    client.login(email=learner.email, password=PASSWORD)

    # Opening a lesson twice starts it once; a failed attempt, a passed one, the badge.
    client.get(f"/m/{mc.slug}/lessons/{first.pk}/")
    client.get(f"/m/{mc.slug}/lessons/{first.pk}/")
    for membership in mc.memberships.order_by("position"):
        learning.lesson_complete(learner=learner, lesson=membership.lesson)
    mc.cooling_off_hours = 0
    mc.save(update_fields=["cooling_off_hours"])
    take_assessment(learner, mc, correctly=False)
    take_assessment(learner, mc, correctly=True)

    stored = lrs.statements()
    assert verbs_of(stored) == Counter(
        {"initialized": 1, "completed": 3, "answered": 4, "failed": 1, "passed": 1, "earned": 1}
    )
    assert len({s["id"] for s in stored}) == len(stored) == lrs.stored_lines()
    assert LearningRecord.objects.filter(state=OutboxState.SENT).count() == len(stored)
    actor = {"objectType": "Agent", "account": {"homePage": "https://learn.example.org",
                                                 "name": str(learner.pk)}}  # fmt: skip
    assert all(s["actor"] == actor for s in stored)
    passed = next(s for s in stored if s["verb"]["id"] == VERBS + "passed")
    assert passed["object"]["id"] == (
        f"https://learn.example.org/xapi/activities/micro-credential/{mc.pk}/assessment"
    )
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 2, "min": 0, "max": 2}
    wrong = [s for s in stored if s["verb"]["id"] == VERBS + "answered"]
    assert sorted(s["result"]["success"] for s in wrong) == [False, False, True, True]
    earned = next(s for s in stored if s["verb"]["id"].endswith("/earned"))
    assertion = earned["result"]["extensions"][
        "http://specification.openbadges.org/xapi/extensions/badgeassertion"
    ]
    assert assertion["@id"].startswith("https://learn.example.org/credentials/")


def test_webinar_attendance_and_a_spaced_review_reach_the_lrs(lrs: Lrs) -> None:
    learner = make_user(email="attendee@example.org")
    webinar = make_webinar(starts_at=timezone.now() - timedelta(hours=2))
    Registration.objects.create(
        webinar=webinar, learner=learner, status=RegistrationStatus.REGISTERED
    )
    start = webinar.starts_at
    report = attendance_csv([(learner.email, start, start + timedelta(minutes=14))])
    attendance_import(webinar=webinar, by=None, filename="zoom.csv", data=report)
    # The same report again merges nothing new and records nothing new.
    attendance_import(webinar=webinar, by=None, filename="zoom.csv", data=report)
    card = make_card(learner, at=timezone.now() - timedelta(days=5))
    card_review(card=card, choice_ids=correct_choice_ids(card.question), response_ms=8_000)

    stored = lrs.statements()
    # The card's first answer (a quiz outside any assessment) finished its lesson too.
    assert verbs_of(stored) == Counter({"attended": 1, "answered": 2, "completed": 1})
    attended = next(s for s in stored if s["verb"]["id"] == VERBS + "attended")
    assert attended["object"]["id"] == (
        f"https://learn.example.org/xapi/activities/webinar/{webinar.pk}"
    )
    assert attended["result"]["duration"] == "PT14M"
    reviews = [
        s
        for s in stored
        if s.get("context", {}).get("contextActivities", {}).get("parent", [{}])[0].get("id")
        == "https://learn.example.org/xapi/activities/reviews"
    ]
    assert len(reviews) == 1
    assert reviews[0]["result"]["success"] is True
    assert reviews[0]["result"]["duration"] == "PT8S"


def test_statements_wait_for_a_broken_lrs_and_reach_it_once_when_it_is_back(
    tmp_path: Path, settings: Any
) -> None:
    port = free_port()  # nothing listens there yet: the LRS is down
    settings.BITEWISE_XAPI_ENDPOINT = f"http://127.0.0.1:{port}/xAPI"
    settings.BITEWISE_XAPI_USERNAME, settings.BITEWISE_XAPI_PASSWORD = LRS_USERNAME, LRS_PASSWORD
    learner = make_user()
    earn(learner, make_micro_credential(lessons=1))

    records = LearningRecord.objects.all()
    assert records.count() == 6  # 2 completed (a lesson, the quiz), 2 answered, passed, earned
    assert set(records.values_list("state", flat=True)) == {OutboxState.PENDING}
    assert all(r.attempts == 1 and r.retry_at and "out of reach" in r.error for r in records)
    # Before the backoff is over, the scheduler queues nothing.
    assert statements_send_due() == 0

    with running_ralph(tmp_path / "lrs", port=port) as lrs:
        with time_machine.travel(timezone.now() + timedelta(minutes=2)):
            assert statements_send_due() == 6
            assert statements_send_due() == 0  # all sent: nothing left to queue
        assert set(records.values_list("state", flat=True)) == {OutboxState.SENT}
        assert len(lrs.statements()) == lrs.stored_lines() == 6

        # An answer lost on the way back: we send one again; the LRS keeps one copy.
        lost = records.first()
        records.filter(pk=lost.pk).update(state=OutboxState.PENDING, queued_at=None, retry_at=None)
        assert statements_send_due() == 1
        assert len(lrs.statements()) == 6
        assert records.get(pk=lost.pk).state == OutboxState.SENT


def test_an_lrs_that_refuses_a_statement_marks_it_rejected_and_sends_the_rest(
    lrs: Lrs, settings: Any
) -> None:
    learner = make_user()
    mc = make_micro_credential(lessons=1, quiz=False)
    learning.enrollment_subscribe(learner=learner, micro_credential=mc)
    # A statement the LRS must refuse (no actor, no verb, no object).
    with time_machine.travel(timezone.now()):
        LearningRecord.objects.create(
            statement_id="6c1d2b4e-7f1a-4b7c-9d3e-2a1b0c9d8e7f",
            learner=learner,
            verb="not an iri",
            statement={"id": "6c1d2b4e-7f1a-4b7c-9d3e-2a1b0c9d8e7f", "actor": {}, "verb": {}},
        )
    statements_send_due()
    learning.lesson_complete(learner=learner, lesson=mc.memberships.get().lesson)

    bad = LearningRecord.objects.get(verb="not an iri")
    assert bad.state == OutboxState.REJECTED and "answered 422" in bad.error
    assert verbs_of(lrs.statements()) == Counter({"completed": 1, "earned": 1})
    # A rejected statement is never sent again.
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert statements_send_due() == 0


def test_nothing_is_recorded_while_no_lrs_is_configured(settings: Any) -> None:
    settings.BITEWISE_XAPI_ENDPOINT = ""
    earn(make_user(), make_micro_credential(lessons=1))
    assert not LearningRecord.objects.exists()
