"""What the learning API tests send: a bearer header, a JSON post; the quiz's questions."""

from __future__ import annotations

import json

from django.test import Client

from bitewise.accounts.services import api_token_create


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def post(client: Client, url: str, body: object, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def quiz_questions(mc):  # type: ignore[no-untyped-def]
    lesson = mc.memberships.order_by("position").last().lesson
    return list(lesson.questions.all())
