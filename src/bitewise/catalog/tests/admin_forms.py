"""What the admin tests post: a change form's fields as the admin renders them, inline rows,
and a list action on chosen items."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bitewise.catalog.models import (
    MicroCredential,
)


def inline(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def micro_credential_form(mc: MicroCredential, **changes: Any) -> dict[str, Any]:
    memberships = list(mc.memberships.order_by("position"))
    rows = [
        {"id": m.pk, "micro_credential": mc.pk, "lesson": m.lesson_id, "position": m.position}
        for m in memberships
    ]
    return {
        "slug": mc.slug,
        "title": mc.title,
        "summary": mc.summary,
        "level": mc.level,
        "ce_credits": str(mc.ce_credits),
        "ce_credit_type": mc.ce_credit_type,
        "pass_percent": mc.pass_percent,
        "validity_months": "",
        "max_attempts": mc.max_attempts or "",
        "cooling_off_hours": mc.cooling_off_hours,
        "questions_per_attempt": mc.questions_per_attempt or "",
        "shuffle_choices": "on" if mc.shuffle_choices else "",
        "feedback_mode": mc.feedback_mode,
        **inline("memberships", rows, initial=len(rows)),
        **changes,
    }


def pathway_form(*micro_credentials: MicroCredential, **changes: Any) -> dict[str, Any]:
    return {
        "slug": "leadership",
        "title": "Leadership",
        "summary": "",
        "rule": "all",
        "required_count": 1,
        "micro_credentials": [mc.pk for mc in micro_credentials],
        "validity_months": "",
        "version": 1,
        **changes,
    }


def action(client: Client, model: str, name: str, *items: Any) -> Any:
    return client.post(
        f"/admin/catalog/{model}/",
        {"action": name, "_selected_action": [item.pk for item in items]},
        follow=True,
    )
