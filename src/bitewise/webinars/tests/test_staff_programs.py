"""Staff webinar pages: recording and follow-up, CE credit programs, the Django admin."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.learning.models import Enrollment
from bitewise.testing import make_micro_credential, make_user
from bitewise.webinars.models import (
    CreditProgram,
)
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.staff_support import (
    logged_in,
    make_webinar,
    program,
    text,
    upload,
)

pytestmark = pytest.mark.django_db

# ---- recording and follow-up ------------------------------------------------------------


def test_a_recording_url_is_attached_with_its_length(client: Client, author: User) -> None:
    webinar = make_webinar()

    response = logged_in(client, author).post(
        reverse("webinars_staff:recording", args=[webinar.pk]),
        {"url": "https://video.example/hand-hygiene.mp4", "length": "14:35"},
    )

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert webinar.recording_url == "https://video.example/hand-hygiene.mp4"
    assert webinar.recording_seconds == 14 * 60 + 35


def test_a_recording_needs_a_file_or_a_url(client: Client, author: User) -> None:
    webinar = make_webinar()

    response = logged_in(client, author).post(
        reverse("webinars_staff:recording", args=[webinar.pk]), {"length": "875"}
    )

    assert response.status_code == 400
    assert "Give either a recording file or its URL." in text(response)


def test_attendees_are_enrolled_in_the_follow_up(client: Client, author: User) -> None:
    follow = make_micro_credential(title="Hand hygiene, in depth")
    start = timezone.now() - timedelta(minutes=2)
    webinar = make_webinar(publish=True, by=author, starts_at=start, follow_up=follow)
    attendee, absentee = make_user(), make_user()
    for learner in (attendee, absentee):
        registration_create(learner=learner, webinar=webinar)
    report = (
        "Email,Join Time,Leave Time\n"
        f"{attendee.email},{start.isoformat()},{(start + timedelta(minutes=12)).isoformat()}\n"
    )
    logged_in(client, author).post(
        reverse("webinars_staff:import_new", args=[webinar.pk]),
        {"file": upload("report.csv", report.encode()), "platform": "generic", "time_zone": ""},
    )

    response = client.post(reverse("webinars_staff:follow_up", args=[webinar.pk]), follow=True)

    assert "1 attendee enrolled in “Hand hygiene, in depth”." in text(response)
    assert list(Enrollment.objects.values_list("learner", flat=True)) == [attendee.pk]


# ---- credit programs ---------------------------------------------------------------------


def program_data(target: CreditProgram, **overrides: Any) -> dict[str, Any]:
    rule = target.credit_rule.to_dict()
    data = {
        "provider_name": "Bitewise Academy",
        "sponsor_id": "112233",
        "credit_type": "Medical",
        "delivery_method": target.delivery_method,
        "approver_statement": "",
        "is_active": "on",
        **{name: value for name, value in rule.items() if name not in ("code", "version")},
    }
    data = {name: "" if value is None else value for name, value in data.items()}
    for flag in ("report_alone_is_evidence", "requires_assessment", "allows_series_bundling"):
        if data[flag] is True:
            data[flag] = "on"
        else:
            data.pop(flag)
    return {**data, **overrides}


def test_the_programs_page_shows_each_rule(client: Client, author: User) -> None:
    response = logged_in(client, author).get(reverse("webinars_staff:programs"))

    page = text(response)
    assert "nasba-group-internet" in page and "3 attendance checks per credit" in page
    assert "a join/leave report alone is not enough" in page
    assert reverse("webinars_staff:program_edit", args=[program("ama-pra-1").pk]) not in page


def test_an_author_cannot_edit_a_program(client: Client, author: User) -> None:
    target = program("ama-pra-1")
    response = logged_in(client, author).post(
        reverse("webinars_staff:program_edit", args=[target.pk]), program_data(target)
    )
    assert response.status_code == 403


def test_a_zero_increment_is_refused_and_the_version_stays(client: Client, admin: User) -> None:
    target = program("ama-pra-1")

    response = logged_in(client, admin).post(
        reverse("webinars_staff:program_edit", args=[target.pk]),
        program_data(target, increment="0"),
    )

    assert response.status_code == 400
    assert "The rule is not valid: increment: must be more than 0" in text(response)
    target.refresh_from_db()
    assert (target.version, target.rule["increment"], target.provider_name) == (1, "0.25", "")


def test_a_valid_rule_edit_raises_the_version(client: Client, admin: User) -> None:
    target = program("ama-pra-1")

    response = logged_in(client, admin).post(
        reverse("webinars_staff:program_edit", args=[target.pk]),
        program_data(target, increment="0.5", minimum_minutes="30"),
    )

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.version == 2
    assert target.credit_rule.increment == Decimal("0.5")
    assert (target.provider_name, target.sponsor_id) == ("Bitewise Academy", "112233")


def test_changing_only_certificate_details_keeps_the_version(client: Client, admin: User) -> None:
    target = program("iacet-ceu")

    logged_in(client, admin).post(
        reverse("webinars_staff:program_edit", args=[target.pk]), program_data(target)
    )

    target.refresh_from_db()
    assert (target.version, target.provider_name) == (1, "Bitewise Academy")


def test_a_new_custom_program_copies_the_custom_rule(client: Client, admin: User) -> None:
    response = logged_in(client, admin).post(
        reverse("webinars_staff:program_new"), {"code": "state-board-ce"}
    )
    duplicate = client.post(reverse("webinars_staff:program_new"), {"code": "state-board-ce"})

    made = program("state-board-ce")
    assert response["Location"] == reverse("webinars_staff:program_edit", args=[made.pk])
    rule = made.credit_rule
    assert (rule.code, rule.version, rule.body, rule.unit) == (
        "state-board-ce",
        1,
        "Custom",
        "CE hour",
    )
    assert not made.is_active
    assert duplicate.status_code == 400
    assert "A program with the code “state-board-ce” exists already." in text(duplicate)
    assert CreditProgram.objects.filter(code="state-board-ce").count() == 1


# ---- Django admin ------------------------------------------------------------------------


ADMIN_MODELS = [
    "creditprogram",
    "series",
    "webinar",
    "registration",
    "attendanceimport",
    "unmatchedattendee",
    "creditaward",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_the_admin_lists_open(client: Client, admin: User, model: str) -> None:
    make_webinar()
    response = logged_in(client, admin).get(reverse(f"admin:webinars_{model}_changelist"))
    assert response.status_code == 200


def admin_program_data(target: CreditProgram, rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule": json.dumps(rule),
        "provider_name": "",
        "sponsor_id": "",
        "credit_type": "",
        "delivery_method": target.delivery_method,
        "approver_statement": "",
        "is_active": "on",
    }


def test_the_admin_validates_a_rule_and_raises_its_version(client: Client, admin: User) -> None:
    target = program("ancc-contact-hours")
    url = reverse("admin:webinars_creditprogram_change", args=[target.pk])
    logged_in(client, admin)

    refused = client.post(url, admin_program_data(target, {**target.rule, "increment": "0"}))
    target.refresh_from_db()
    version_after_refusal = target.version
    saved = client.post(url, admin_program_data(target, {**target.rule, "increment": "0.5"}))

    assert refused.status_code == 200  # the admin shows its form again with the error
    assert "increment: must be more than 0" in text(refused)
    assert version_after_refusal == 1
    assert saved.status_code == 302
    target.refresh_from_db()
    assert (target.version, target.credit_rule.increment) == (2, Decimal("0.5"))
