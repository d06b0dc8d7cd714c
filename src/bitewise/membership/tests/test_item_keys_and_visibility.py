"""An item named in a URL or a form is looked up by an ASCII number (a Unicode digit is a 404,
not a 500), and the entitlements list names only the items the person may see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.accounts.tests.test_tokens import bearer, token_for
from bitewise.membership.models import AccessRule
from bitewise.membership.selectors import item_access_list
from bitewise.membership.tests.factories import members_only, priced
from bitewise.reinforcement.tests.factories import make_event
from bitewise.testing import make_micro_credential, make_user
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["%C2%B2", "%D9%A3", "9" * 40])
def test_buying_an_event_by_a_unicode_or_huge_number_is_a_404(client: Client, key: str) -> None:
    priced(
        make_event(starts_at=timezone.now() + timedelta(days=9)), price="10.00", member_price=None
    )
    client.force_login(make_user())
    response = client.post(f"/membership/buy/event/{key}/")
    assert response.status_code == 404


def test_staff_naming_an_event_by_a_unicode_digit_get_a_404(client: Client) -> None:
    client.force_login(make_user(role=Role.ADMIN))
    for page, data in [
        ("/staff/membership/access/", {"mode": "members", "currency": "USD"}),
        ("/staff/membership/seats/", {"name": "Chapter", "quantity": "2"}),
    ]:
        response = client.post(page, {"kind": "event", "key": "²", **data})
        assert response.status_code == 404, page
    assert not AccessRule.objects.exists()


def test_my_entitlements_leave_out_draft_items_a_learner_cannot_see(client: Client) -> None:
    draft = make_micro_credential(title="SECRET unreleased course", publish=False)
    priced(draft, price="499.00", member_price=None)
    draft_webinar = make_webinar(publish=False, title="SECRET webinar")
    priced(draft_webinar, price="99.00", member_price=None)
    published = make_micro_credential(title="Open for sale")
    priced(published, price="49.00", member_price=None)
    members_only(make_event(starts_at=timezone.now() + timedelta(days=9), title="Congress"))
    client.force_login(make_user())

    body = client.get("/api/membership/me/entitlements").json()

    assert sorted(i["title"] for i in body["items"]) == ["Congress", "Open for sale"]
    assert client.get(f"/m/{draft.slug}/").status_code == 404


def test_staff_see_every_item_and_a_looked_up_learner_only_what_they_may_see(
    client: Client,
) -> None:
    draft = make_micro_credential(title="Draft course", publish=False)
    priced(draft, price="499.00", member_price=None)
    priced(make_micro_credential(title="Published course"), price="49.00")
    learner = make_user(email="ana@example.org")
    staff = make_user(role=Role.AUTHOR)

    staff_titles = sorted(i.title for i in item_access_list(person=staff))
    looked_up = client.get(
        "/api/membership/entitlements?email=ana@example.org",
        headers=bearer(token_for(staff, "read", "staff")),
    )

    assert staff_titles == ["Draft course", "Published course"]
    assert [i["title"] for i in looked_up.json()["items"]] == ["Published course"]
    assert [i.title for i in item_access_list(person=learner)] == ["Published course"]


def test_the_entitlements_list_reads_its_rules_in_one_query() -> None:
    learner = make_user()
    for n in range(4):
        priced(make_micro_credential(title=f"Course {n}"), price="10.00", member_price=None)
        priced(
            make_micro_credential(title=f"Draft {n}", publish=False),
            price="10.00",
            member_price=None,
        )
    item_access_list(person=learner)  # warm: the person's facts
    with CaptureQueriesContext(connection) as few:
        small = item_access_list(person=learner)
    for n in range(4, 12):
        priced(make_micro_credential(title=f"Course {n}"), price="10.00", member_price=None)
    with CaptureQueriesContext(connection) as many:
        large = item_access_list(person=learner)

    assert len(small) == 4 and len(large) == 12
    assert len(many.captured_queries) == len(few.captured_queries)
