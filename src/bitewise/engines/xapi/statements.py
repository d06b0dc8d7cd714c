"""xAPI 1.0.3 statements: actors, the verbs we use, activity ids and results.

Statement ids are name-based UUIDs (version 5) of a key that names the fact once
(``lesson-completed:<completion id>``), so recording or sending a fact twice yields the
same id and an LRS stores it once (xAPI 1.0.3 part 2, 2.2: "id … set by the LRS if not
provided"; PUT /statements?statementId=…). https://github.com/adlnet/xAPI-Spec

Activity ids (documented in README, "Learning records"):

    <base>/xapi/activities/micro-credential/<id>             a micro-credential
    <base>/xapi/activities/micro-credential/<id>/assessment  its assessment
    <base>/xapi/activities/pathway/<id>                      a pathway
    <base>/xapi/activities/lesson/<id>                       a lesson
    <base>/xapi/activities/question/<id>                     a quiz question
    <base>/xapi/activities/webinar/<id>                      a micro-webinar
    <base>/xapi/activities/reviews                           spaced review (the /today/ page)

``<base>`` is the site URL; ids are database ids, so a renamed item keeps its activity.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

XAPI_VERSION = "1.0.3"
# A fixed namespace: statement ids must be the same on every machine and every run.
STATEMENT_NAMESPACE = uuid.UUID("7b0f3c2e-9d0a-5a4e-8f57-0c1b1e6d2a90")

ADL = "http://adlnet.gov/expapi/verbs/"
# cmi5 defines these with ADL's ids (cmi5 spec, 9.3 "Verbs").
INITIALIZED = ADL + "initialized"
COMPLETED = ADL + "completed"
PASSED = ADL + "passed"
FAILED = ADL + "failed"
ANSWERED = ADL + "answered"
ATTENDED = ADL + "attended"
# The Open Badges xAPI recipe's verb.
EARNED = "http://specification.openbadges.org/xapi/verbs/earned"

VERB_NAMES = {
    INITIALIZED: "initialized",
    COMPLETED: "completed",
    PASSED: "passed",
    FAILED: "failed",
    ANSWERED: "answered",
    ATTENDED: "attended",
    EARNED: "earned",
}

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "meeting": "http://adlnet.gov/expapi/activities/meeting",
    "badge": "http://activitystrea.ms/schema/1.0/badge",
    "review": "http://adlnet.gov/expapi/activities/module",
}
BADGE_ASSERTION = "http://specification.openbadges.org/xapi/extensions/badgeassertion"
EXTENSION_BASE = "https://bitewise.dev/xapi/extensions/"
LANGUAGE = "en-US"


def statement_id(key: str) -> str:
    """The statement id for a fact named by ``key``: the same key, the same id."""
    return str(uuid.uuid5(STATEMENT_NAMESPACE, key))


def activity_id(base_url: str, kind: str, *parts: int | str) -> str:
    """``<base>/xapi/activities/<kind>[/<part>…]`` (see the module docstring)."""
    path = "/".join([kind, *(str(p) for p in parts)])
    return f"{base_url.rstrip('/')}/xapi/activities/{path}"


@dataclass(frozen=True)
class Actor:
    """Who did it: an account on the site (``home_page`` + opaque ``name``), or an email."""

    home_page: str = ""
    account_name: str = ""
    email: str = ""

    def to_json(self) -> dict[str, Any]:
        if self.email:
            return {"objectType": "Agent", "mbox": f"mailto:{self.email}"}
        return {
            "objectType": "Agent",
            "account": {"homePage": self.home_page, "name": self.account_name},
        }


@dataclass(frozen=True)
class Activity:
    id: str
    type: str  # a key of ACTIVITY_TYPES
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        definition: dict[str, Any] = {"type": ACTIVITY_TYPES[self.type]}
        if self.name:
            definition["name"] = {LANGUAGE: self.name[:500]}
        return {"objectType": "Activity", "id": self.id, "definition": definition}


@dataclass(frozen=True)
class Result:
    success: bool | None = None
    completion: bool | None = None
    score_scaled: Decimal | None = None  # -1 … 1
    score_raw: int | None = None
    score_max: int | None = None
    response: str | None = None
    duration_seconds: int | None = None
    extensions: Mapping[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.success is not None:
            result["success"] = self.success
        if self.completion is not None:
            result["completion"] = self.completion
        score: dict[str, Any] = {}
        if self.score_scaled is not None:
            score["scaled"] = float(self.score_scaled)
        if self.score_raw is not None:
            score.update({"raw": self.score_raw, "min": 0})
            if self.score_max is not None:
                score["max"] = self.score_max
        if score:
            result["score"] = score
        if self.response is not None:
            result["response"] = self.response
        if self.duration_seconds is not None:
            result["duration"] = iso_duration(self.duration_seconds)
        if self.extensions:
            result["extensions"] = dict(self.extensions)
        return result


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration, as xAPI wants it: ``PT1H2M3S``."""
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or text == "PT":
        text += f"{secs}S"
    return text


def scaled(percent: int) -> Decimal:
    """A score out of 100 as xAPI's scaled score (0 to 1)."""
    if not 0 <= percent <= 100:
        raise ValueError("a score must be between 0 and 100")
    return (Decimal(percent) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Statement:
    key: str  # names the fact once; the statement id is derived from it
    actor: Actor
    verb: str
    activity: Activity
    timestamp: datetime
    platform: str
    result: Result | None = None
    parents: tuple[Activity, ...] = ()
    grouping: tuple[Activity, ...] = ()
    category: tuple[Activity, ...] = ()
    extensions: Mapping[str, Any] | None = None

    @property
    def id(self) -> str:
        return statement_id(self.key)

    def to_json(self) -> dict[str, Any]:
        if self.timestamp.tzinfo is None:
            raise ValueError("a statement's timestamp must be timezone-aware")
        if self.verb not in VERB_NAMES:
            raise ValueError(f"unknown verb {self.verb}")
        statement: dict[str, Any] = {
            "id": self.id,
            "actor": self.actor.to_json(),
            "verb": {"id": self.verb, "display": {LANGUAGE: VERB_NAMES[self.verb]}},
            "object": self.activity.to_json(),
            "timestamp": self.timestamp.isoformat(),
        }
        if self.result is not None and self.result.to_json():
            statement["result"] = self.result.to_json()
        context: dict[str, Any] = {"platform": self.platform, "language": LANGUAGE}
        activities: dict[str, list[dict[str, Any]]] = {}
        for name, group in (
            ("parent", self.parents),
            ("grouping", self.grouping),
            ("category", self.category),
        ):
            if group:
                activities[name] = [a.to_json() for a in group]
        if activities:
            context["contextActivities"] = activities
        if self.extensions:
            context["extensions"] = dict(self.extensions)
        statement["context"] = context
        return statement
