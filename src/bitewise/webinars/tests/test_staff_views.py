"""Staff webinar pages: who may see them, creating, editing, publishing, the credit preview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.testing import make_user
from bitewise.webinars.models import (
    Series,
    Webinar,
    WebinarStatus,
)
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.staff_support import (
    PAGE_IDS,
    STAFF_PAGES,
    form_data,
    logged_in,
    make_webinar,
    program,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "kwargs", "method"), STAFF_PAGES, ids=PAGE_IDS)
def test_a_learner_gets_403_on_every_staff_page(
    client: Client, name: str, kwargs: dict[str, Any], method: str
) -> None:
    logged_in(client, make_user())
    response = getattr(client, method)(reverse(f"webinars_staff:{name}", kwargs=kwargs))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "method"), STAFF_PAGES, ids=PAGE_IDS)
def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, name: str, kwargs: dict[str, Any], method: str
) -> None:
    response = getattr(client, method)(reverse(f"webinars_staff:{name}", kwargs=kwargs))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_staff_dashboard_links_to_micro_webinars(client: Client, author: User) -> None:
    response = logged_in(client, author).get(reverse("staff:dashboard"))
    assert reverse("webinars_staff:list") in text(response)


# ---- create, edit, publish ---------------------------------------------------------------


def test_an_author_creates_a_draft_at_the_local_time_of_the_chosen_zone(
    client: Client, author: User
) -> None:
    response = logged_in(client, author).post(reverse("webinars_staff:new"), form_data())

    webinar = Webinar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webinars_staff:detail", args=[webinar.pk])
    assert webinar.status == WebinarStatus.DRAFT
    assert webinar.created_by == author
    # 14:30 in Chicago in December (CST, UTC-6) is 20:30 UTC.
    assert webinar.starts_at == datetime(2026, 12, 10, 20, 30, tzinfo=UTC)
    assert webinar.time_zone == "America/Chicago"
    assert webinar.checks_planned == 3


def test_a_zone_outside_the_list_can_be_typed(client: Client, author: User) -> None:
    data = form_data(zone_choice="other", zone_other="America/Regina")
    logged_in(client, author).post(reverse("webinars_staff:new"), data)

    webinar = Webinar.objects.get()
    assert webinar.time_zone == "America/Regina"
    assert webinar.starts_at == datetime(2026, 12, 10, 20, 30, tzinfo=UTC)  # UTC-6 all year


def test_a_25_minute_session_is_refused_with_the_reason(client: Client, author: User) -> None:
    response = logged_in(client, author).post(
        reverse("webinars_staff:new"), form_data(duration_minutes="25")
    )

    assert response.status_code == 400
    assert "A micro-webinar lasts 10 to 20 minutes, not 25." in text(response)
    assert not Webinar.objects.exists()


def test_an_unknown_time_zone_is_refused_with_the_reason(client: Client, author: User) -> None:
    data = form_data(zone_choice="other", zone_other="Mars/Olympus_Mons")
    response = logged_in(client, author).post(reverse("webinars_staff:new"), data)

    assert response.status_code == 400
    assert "Mars/Olympus_Mons” is not a time zone" in text(response)
    assert not Webinar.objects.exists()


def test_an_author_edits_but_cannot_publish_or_cancel(client: Client, author: User) -> None:
    webinar = make_webinar()
    logged_in(client, author)

    form = client.get(reverse("webinars_staff:edit", args=[webinar.pk]))
    response = client.post(
        reverse("webinars_staff:edit", args=[webinar.pk]),
        form_data(title="Hand hygiene, revised", zone_choice="America/New_York"),
    )
    publish = client.post(reverse("webinars_staff:publish", args=[webinar.pk]))
    cancel = client.post(reverse("webinars_staff:cancel", args=[webinar.pk]))

    assert form.status_code == 200 and 'value="Hand hygiene in 15 minutes"' in text(form)
    assert response.status_code == 302
    assert (publish.status_code, cancel.status_code) == (403, 403)
    webinar.refresh_from_db()
    assert webinar.title == "Hand hygiene, revised"
    assert webinar.status == WebinarStatus.DRAFT


def test_an_admin_publishes_and_learners_see_it_listed(client: Client, admin: User) -> None:
    webinar = make_webinar(title="Sepsis signs in 12 minutes", duration_minutes=12)
    learner_list = reverse("webinars:list")
    assert "Sepsis signs" not in text(Client().get(learner_list))

    response = logged_in(client, admin).post(reverse("webinars_staff:publish", args=[webinar.pk]))

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert webinar.status == WebinarStatus.PUBLISHED
    assert "Sepsis signs in 12 minutes" in text(Client().get(learner_list))
    staff_list = text(client.get(reverse("webinars_staff:list")))
    assert "Sepsis signs in 12 minutes" in staff_list and "0 registered" in staff_list


def test_an_admin_cancels_and_registrants_are_told(
    client: Client, admin: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    webinar = make_webinar(publish=True)
    registration_create(learner=make_user(email="nia@example.org"), webinar=webinar)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        logged_in(client, admin).post(reverse("webinars_staff:cancel", args=[webinar.pk]))

    webinar.refresh_from_db()
    assert webinar.status == WebinarStatus.CANCELLED
    assert [message.to for message in mailoutbox] == [["nia@example.org"]]


def test_editing_a_cancelled_webinar_shows_the_services_refusal(
    client: Client, author: User
) -> None:
    webinar = make_webinar(publish=True)
    Webinar.objects.filter(pk=webinar.pk).update(status=WebinarStatus.CANCELLED)

    response = logged_in(client, author).post(
        reverse("webinars_staff:edit", args=[webinar.pk]), form_data(title="Too late")
    )

    assert response.status_code == 400
    assert "A cancelled webinar cannot be changed." in text(response)
    webinar.refresh_from_db()
    assert webinar.title == "Hand hygiene in 15 minutes"


# ---- the credit preview -----------------------------------------------------------------


def test_the_preview_explains_each_rule_for_a_15_minute_session(
    client: Client, author: User
) -> None:
    webinar = make_webinar(credit_program=program("ama-pra-1"), checks_planned=3)

    response = logged_in(client, author).get(reverse("webinars_staff:detail", args=[webinar.pk]))

    rows = {row.program.code: row for row in response.context["preview"].rows}
    assert rows["ama-pra-1"].decision.credit == Decimal("0.25")
    assert rows["ama-pra-1"].is_chosen
    assert not rows["nasba-group-internet"].decision.eligible
    nasba_reason = (
        "nasba-group-internet needs a full 50 minutes before any credit; 15 minutes counted."
    )
    assert nasba_reason in rows["nasba-group-internet"].decision.reasons
    page = text(response)
    assert nasba_reason in page
    assert "AMA PRA Category 1 Credit™ <strong>(chosen)</strong>" in page
    assert "0.25" in page


def test_the_preview_adds_up_a_series_credited_as_a_whole(client: Client, author: User) -> None:
    nasba = program("nasba-group-internet")
    series = Series.objects.create(title="CPE sprint", credit_program=nasba)
    for day in range(1, 5):
        webinar = make_webinar(
            series=series, checks_planned=1, starts_at=timezone.now() + timedelta(days=day)
        )

    response = logged_in(client, author).get(reverse("webinars_staff:detail", args=[webinar.pk]))

    preview = response.context["preview"]
    assert preview.session_minutes == [15, 15, 15, 15]
    row = next(row for row in preview.rows if row.program == nasba)
    assert row.is_chosen and row.decision.credit == Decimal("1.2")
