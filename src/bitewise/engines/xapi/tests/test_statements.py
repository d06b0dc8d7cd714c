from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bitewise.engines.xapi.statements import (
    ANSWERED,
    COMPLETED,
    Activity,
    Actor,
    Result,
    Statement,
    activity_id,
    iso_duration,
    scaled,
    statement_id,
)

WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
ACTOR = Actor(home_page="https://learn.example.org", account_name="42")


def lesson_statement(**changes: object) -> Statement:
    fields: dict[str, object] = {
        "key": "lesson-completed:7",
        "actor": ACTOR,
        "verb": COMPLETED,
        "activity": Activity(
            activity_id("https://learn.example.org/", "lesson", 3), "lesson", "Hi"
        ),
        "timestamp": WHEN,
        "platform": "Bitewise",
    }
    fields.update(changes)
    return Statement(**fields)  # type: ignore[arg-type]


def test_the_same_fact_gets_the_same_statement_id_and_another_fact_another() -> None:
    assert statement_id("lesson-completed:7") == statement_id("lesson-completed:7")
    assert statement_id("lesson-completed:7") != statement_id("lesson-completed:8")
    assert uuid.UUID(statement_id("x")).version == 5


def test_activity_ids_follow_the_documented_scheme() -> None:
    base = "https://learn.example.org/"
    assert activity_id(base, "lesson", 3) == "https://learn.example.org/xapi/activities/lesson/3"
    assert (
        activity_id(base, "micro-credential", 5, "assessment")
        == "https://learn.example.org/xapi/activities/micro-credential/5/assessment"
    )


def test_a_statement_carries_id_actor_verb_object_timestamp_and_context() -> None:
    statement = lesson_statement().to_json()
    assert statement["id"] == statement_id("lesson-completed:7")
    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://learn.example.org", "name": "42"},
    }
    assert statement["verb"] == {
        "id": "http://adlnet.gov/expapi/verbs/completed",
        "display": {"en-US": "completed"},
    }
    assert statement["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/lesson"
    )
    assert statement["timestamp"] == "2025-03-04T05:06:07+00:00"
    assert statement["context"]["platform"] == "Bitewise"
    assert "result" not in statement


def test_an_email_actor_is_an_mbox() -> None:
    assert Actor(email="a@example.org").to_json() == {
        "objectType": "Agent",
        "mbox": "mailto:a@example.org",
    }


def test_an_answer_carries_its_result_and_parent() -> None:
    parent = Activity("https://x/xapi/activities/micro-credential/1/assessment", "assessment")
    statement = lesson_statement(
        verb=ANSWERED,
        result=Result(success=True, response="3[,]4", duration_seconds=75),
        parents=(parent,),
    ).to_json()
    assert statement["result"] == {"success": True, "response": "3[,]4", "duration": "PT1M15S"}
    assert statement["context"]["contextActivities"]["parent"][0]["id"] == parent.id


def test_a_score_is_scaled_raw_min_and_max() -> None:
    result = Result(success=False, score_scaled=scaled(40), score_raw=2, score_max=5)
    assert result.to_json() == {
        "success": False,
        "score": {"scaled": 0.4, "raw": 2, "min": 0, "max": 5},
    }


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0S"), (59, "PT59S"), (60, "PT1M"), (3661, "PT1H1M1S"), (7200, "PT2H")],
    ids=["zero", "seconds", "a-minute", "hour-minute-second", "hours"],
)
def test_durations_are_iso_8601(seconds: int, text: str) -> None:
    assert iso_duration(seconds) == text


@pytest.mark.parametrize("bad", [-1, 101], ids=["negative", "over-100"])
def test_a_score_outside_0_to_100_is_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        scaled(bad)


def test_a_naive_timestamp_or_unknown_verb_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        lesson_statement(timestamp=datetime(2025, 1, 1)).to_json()  # noqa: DTZ001
    with pytest.raises(ValueError, match="unknown verb"):
        lesson_statement(verb="http://example.org/verbs/danced").to_json()


def test_scaled_keeps_two_places() -> None:
    assert scaled(67) == Decimal("0.67")
