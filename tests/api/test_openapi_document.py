"""The OpenAPI document names each schema once, documents every error the API's machinery
returns, and 422 bodies match the documented shape."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from django.test import Client

from bitewise.accounts.services import api_token_create
from bitewise.api import api
from bitewise.openapi import main, schema_name_collisions
from bitewise.testing import correct_choice_ids, make_micro_credential, make_user

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
OPERATIONS = [
    (method, path, operation)
    for path, item in sorted(SCHEMA["paths"].items())
    for method, operation in item.items()
]
IDS = [f"{method.upper()} {path}" for method, path, _ in OPERATIONS]


def resolved(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$ref``s resolvable, for jsonschema."""
    return {**schema, "components": SCHEMA["components"]}


def documented_422() -> dict[str, Any]:
    return resolved({"$ref": "#/components/schemas/InvalidInput"})


def test_no_two_schemas_share_a_name() -> None:
    assert schema_name_collisions(api) == {}


def test_the_attendance_check_and_the_verification_check_are_two_schemas() -> None:
    components = SCHEMA["components"]["schemas"]
    checks = SCHEMA["paths"]["/api/webinars/{webinar_id}/checks"]["post"]["responses"][201]
    verify = components["VerifyOut"]["properties"]["checks"]["items"]

    assert checks["content"]["application/json"]["schema"]["$ref"].endswith("/AttendanceCheckOut")
    assert verify["$ref"].endswith("/VerificationCheckOut")
    assert set(components["AttendanceCheckOut"]["properties"]) == {"code", "answered_at"}
    assert {"name", "ok", "reason"} <= set(components["VerificationCheckOut"]["properties"])


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_error_the_machinery_returns_is_documented(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    responses = operation["responses"]
    places = {p["in"] for p in operation.get("parameters", [])}
    if operation.get("security"):
        assert 401 in responses
    if "path" in places:
        assert 404 in responses
    if places or "requestBody" in operation:
        assert responses[422]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/InvalidInput"
        }
    if "requestBody" in operation:
        assert {400, 413} <= set(responses)
    if operation.get("security") and method in {"post", "put", "delete"}:
        assert 403 in responses  # CSRF, for a session


def test_a_validation_422_matches_its_documented_schema(client: Client) -> None:
    response = client.get("/api/catalog?max_minutes=lots&level=wizard")

    assert response.status_code == 422
    body = response.json()
    jsonschema.validate(body, documented_422())
    assert "max_minutes: " in body["detail"] and "level: " in body["detail"]
    assert sorted(error["loc"][-1] for error in body["errors"]) == ["level", "max_minutes"]


def test_a_refused_hold_422_matches_the_same_schema(client: Client) -> None:
    secret = api_token_create(user=make_user(), name="t").secret
    response = client.put(
        "/api/me/reviews/preferences",
        data=json.dumps({"hold_from": "2020-01-02", "hold_to": "2020-01-01"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.status_code == 422
    jsonschema.validate(response.json(), documented_422())


def test_the_committed_document_is_the_one_served() -> None:
    assert main([]) == 0, "run `make openapi`"


def documented(method: str, path: str) -> set[int]:
    return set(SCHEMA["paths"][path][method]["responses"])


def test_the_learning_rules_refusals_are_documented_statuses(client: Client) -> None:
    learner = make_user()
    headers = {"Authorization": f"Bearer {api_token_create(user=learner, name='t').secret}"}
    mc = make_micro_credential()
    quiz = mc.lessons.filter(kind="quiz").get()
    question = quiz.questions.first()
    assert question is not None
    subscription = f"/api/micro-credentials/{mc.slug}/subscription"
    answer = f"/api/questions/{question.pk}/answer"
    body = json.dumps({"choice_ids": correct_choice_ids(question)})

    attempts = f"/api/micro-credentials/{mc.slug}/attempts"

    not_subscribed = client.delete(subscription, headers=headers)
    client.post(subscription, headers=headers)
    outside_an_attempt = client.post(
        answer, data=body, content_type="application/json", headers=headers
    )
    lessons_not_read = client.post(attempts, headers=headers)
    for membership in mc.memberships.all():
        client.post(f"/api/lessons/{membership.lesson_id}/completion", headers=headers)
    attempt = client.post(attempts, headers=headers).json()
    submitted = f"/api/attempts/{attempt['id']}/submit"
    client.post(submitted, headers=headers)
    retake_too_soon = client.post(attempts, headers=headers)
    answer_after_submit = client.post(
        f"/api/attempts/{attempt['id']}/answers",
        data=json.dumps({"question_id": question.pk, "choice_ids": correct_choice_ids(question)}),
        content_type="application/json",
        headers=headers,
    )

    for response, method, path, status in (
        (not_subscribed, "delete", "/api/micro-credentials/{slug}/subscription", 400),
        (outside_an_attempt, "post", "/api/questions/{question_id}/answer", 400),
        (lessons_not_read, "post", "/api/micro-credentials/{slug}/attempts", 400),
        (retake_too_soon, "post", "/api/micro-credentials/{slug}/attempts", 409),
        (answer_after_submit, "post", "/api/attempts/{attempt_id}/answers", 409),
    ):
        assert response.status_code == status, (path, response.content)
        assert status in documented(method, path), (method, path)


@pytest.mark.parametrize("path", ["/api/search", "/api/webinars/{webinar_id}"])
def test_a_route_open_to_anyone_says_so(path: str) -> None:
    assert {} in SCHEMA["paths"][path]["get"]["security"]


def test_a_route_for_learners_only_does_not() -> None:
    assert {} not in SCHEMA["paths"]["/api/me/progress"]["get"]["security"]
