"""A micro-credential's assessment settings: set on the staff page and in the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.catalog.models import FeedbackMode, MicroCredential
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Sepsis screening",
    "level": "foundation",
    "ce_credits": "1.0",
    "pass_percent": 80,
    "max_attempts": 2,
    "cooling_off_hours": 48,
    "questions_per_attempt": 10,
    "shuffle_choices": "on",
    "feedback_mode": "after_submit",
}


def test_a_new_micro_credential_defaults_to_a_real_assessment() -> None:
    mc = MicroCredential(title="x")
    assert (mc.max_attempts, mc.cooling_off_hours, mc.questions_per_attempt) == (3, 24, None)
    assert mc.shuffle_choices is True
    assert mc.feedback_mode == FeedbackMode.AFTER_SUBMIT


def test_staff_set_the_assessment_on_the_micro_credential_page(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))
    page = client.get("/staff/micro-credentials/new").content.decode()
    for name in ("max_attempts", "cooling_off_hours", "questions_per_attempt", "feedback_mode"):
        assert f'name="{name}"' in page

    response = client.post("/staff/micro-credentials/new", FORM)

    assert response.status_code == 302
    mc = MicroCredential.objects.get()
    assert (mc.max_attempts, mc.cooling_off_hours, mc.questions_per_attempt) == (2, 48, 10)
    assert (mc.shuffle_choices, mc.feedback_mode) == (True, FeedbackMode.AFTER_SUBMIT)


def test_practice_settings_are_allowed_and_empty_means_no_limit(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))
    practice = {
        **FORM,
        "max_attempts": "",
        "cooling_off_hours": "",
        "questions_per_attempt": "",
        "feedback_mode": "immediate",
    }
    del practice["shuffle_choices"]

    assert client.post("/staff/micro-credentials/new", practice).status_code == 302

    mc = MicroCredential.objects.get()
    assert (mc.max_attempts, mc.cooling_off_hours, mc.questions_per_attempt) == (None, 0, None)
    assert (mc.shuffle_choices, mc.feedback_mode) == (False, FeedbackMode.IMMEDIATE)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_attempts", 0),
        ("max_attempts", 21),
        ("cooling_off_hours", -1),
        ("cooling_off_hours", 721),
        ("questions_per_attempt", 0),
        ("questions_per_attempt", 201),
        ("feedback_mode", "never"),
        ("max_attempts", "three"),
    ],
)
def test_out_of_range_settings_are_refused_with_the_form_and_nothing_saved(
    client: Client, field: str, value: Any
) -> None:
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.post("/staff/micro-credentials/new", {**FORM, field: value})

    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not MicroCredential.objects.exists()


def test_an_edit_with_a_bad_setting_changes_nothing(client: Client) -> None:
    mc = make_micro_credential(max_attempts=3)
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.post(
        f"/staff/micro-credentials/{mc.pk}", {**FORM, "title": mc.title, "max_attempts": 0}
    )

    assert response.status_code == 400
    mc.refresh_from_db()
    assert (mc.max_attempts, mc.cooling_off_hours) == (3, 24)


def test_the_admin_shows_and_saves_the_assessment_settings(client: Client) -> None:
    mc = make_micro_credential()
    client.force_login(make_user(role=Role.ADMIN))
    url = f"/admin/catalog/microcredential/{mc.pk}/change/"
    page = client.get(url).content.decode()
    for name in ("max_attempts", "cooling_off_hours", "questions_per_attempt", "feedback_mode"):
        assert f'name="{name}"' in page

    bad = client.post(url, {"title": mc.title, "slug": mc.slug, "max_attempts": 0})
    assert bad.status_code == 200 and "errornote" in bad.content.decode()
    mc.refresh_from_db()
    assert mc.max_attempts == 3
