"""Rosters from the association management system: a staff CSV import and the staff API,
creating, updating and expiring memberships idempotently with a report for every row."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import AuditEntry, Role, User
from bitewise.accounts.tests.test_tokens import bearer, token_for
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import Membership, MembershipStatus, RosterImport
from bitewise.membership.services import MembershipForbidden
from bitewise.membership.services.members import membership_set
from bitewise.membership.tests.factories import make_tier, members_only
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db

NEXT_YEAR = (timezone.localdate() + timedelta(days=365)).isoformat()
LAST_MONTH = (timezone.localdate() - timedelta(days=30)).isoformat()


def upload(client: Client, text: str, name: str = "roster.csv") -> RosterImport:
    response = client.post(
        "/staff/membership/roster", {"file": SimpleUploadedFile(name, text.encode())}
    )
    assert response.status_code == 302, response.content
    return RosterImport.objects.latest("pk")


@pytest.fixture
def staff_client(client: Client) -> Client:
    make_tier("Gold", 20)
    make_tier("Silver", 10)
    client.force_login(make_user(role=Role.ADMIN))  # managing people is for admins
    return client


def test_a_csv_import_creates_updates_and_expires_with_a_report_per_row(
    staff_client: Client,
) -> None:
    existing = make_user(email="bo@example.org")
    Membership.objects.create(person=existing, source="staff", member_id="B2")
    csv = (
        "member_id,email,tier,expires\n"
        f"A1,ana@example.org,gold,{NEXT_YEAR}\n"
        f"B2,bo@example.org,silver,{NEXT_YEAR}\n"
        f"C3,cy@example.org,gold,{LAST_MONTH}\n"
        "D4,not-an-address,gold,\n"
        "E5,ed@example.org,platinum,\n"
        "A1,other@example.org,gold,\n"
        f"F6,fay@example.org,gold,2027-02-30\n"
    )

    result = upload(staff_client, csv)

    assert [(e["row"], e["outcome"]) for e in result.report] == [
        (2, "created"),
        (3, "updated"),
        (4, "expired"),
        (5, "refused"),
        (6, "refused"),
        (7, "refused"),
        (8, "refused"),
    ]
    reasons = [e["reason"] for e in result.report[3:]]
    assert reasons == [
        "Not an email address.",
        "No membership tier called “platinum”.",
        "Same id as row 2.",
        "“2027-02-30” is not a date (use YYYY-MM-DD).",
    ]
    ana = Membership.objects.get(person__email="ana@example.org")
    assert (ana.member_id, ana.tier.slug, ana.status) == ("A1", "gold", MembershipStatus.ACTIVE)
    assert Membership.objects.get(member_id="C3").status == MembershipStatus.EXPIRED
    assert not User.objects.filter(email="ed@example.org").exists()
    page = staff_client.get(f"/staff/membership/roster/{result.pk}/").content.decode()
    assert "No membership tier called" in page and "Membership created" in page


def test_the_same_roster_twice_changes_nothing_the_second_time(staff_client: Client) -> None:
    csv = f"member_id,email,tier,expires\nA1,ana@example.org,gold,{NEXT_YEAR}\n"
    upload(staff_client, csv)
    audits = AuditEntry.objects.filter(action="access_changed").count()

    again = upload(staff_client, csv)

    assert again.counts == {"unchanged": 1}
    assert Membership.objects.count() == 1
    assert AuditEntry.objects.filter(action="access_changed").count() == audits


def test_a_roster_that_expires_a_member_closes_members_only_items(staff_client: Client) -> None:
    mc = make_micro_credential()
    members_only(mc)
    upload(staff_client, f"email,tier,expires\nana@example.org,gold,{NEXT_YEAR}\n")
    ana = User.objects.get(email="ana@example.org")
    assert decision_for(person=ana, target=mc).allowed

    upload(staff_client, f"email,tier,expires\nana@example.org,gold,{LAST_MONTH}\n")

    assert not decision_for(person=ana, target=mc).allowed


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("roster.xlsx", b"PK\x03\x04....", "not a CSV text file"),
        ("roster.csv", b"name,phone\nAna,1\n", "name the columns"),
        ("roster.csv", b"email\n", "no rows"),
        ("roster.csv", "email\ncaf\xe9@x.org\n".encode("latin-1"), "not UTF-8"),
    ],
    ids=["excel", "no-email-column", "header-only", "latin-1"],
)
def test_a_file_that_is_not_a_roster_is_refused_whole(
    staff_client: Client, name: str, data: bytes, message: str
) -> None:
    response = staff_client.post(
        "/staff/membership/roster", {"file": SimpleUploadedFile(name, data)}, follow=True
    )
    assert message in response.content.decode()
    assert not RosterImport.objects.exists() and not Membership.objects.exists()


def test_learners_cannot_import_rosters(client: Client) -> None:
    client.force_login(make_user())
    response = client.post(
        "/staff/membership/roster", {"file": SimpleUploadedFile("r.csv", b"email\na@b.org\n")}
    )
    assert response.status_code == 403


def test_the_api_provisions_members_idempotently(client: Client) -> None:
    make_tier("Gold", 20)
    secret = token_for(make_user(role=Role.ADMIN), "read", "write", "staff")
    body = {
        "rows": [
            {"member_id": "A1", "email": "ana@example.org", "tier": "gold", "expires": NEXT_YEAR},
            {"member_id": "A2", "email": "bad", "tier": "gold"},
        ]
    }

    first = client.post(
        "/api/membership/members",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(secret),
    )
    second = client.post(
        "/api/membership/members",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(secret),
    )

    assert first.status_code == 200
    assert [r["outcome"] for r in first.json()["rows"]] == ["created", "refused"]
    assert second.json()["counts"] == {"unchanged": 1, "refused": 1}
    assert Membership.objects.get().expires_on == date.fromisoformat(NEXT_YEAR)


def test_the_api_reads_a_persons_entitlements_with_a_staff_token(client: Client) -> None:
    mc = make_micro_credential(title="Closed")
    members_only(mc)
    ana = make_user(email="ana@example.org")
    Membership.objects.create(person=ana, source="api", member_id="A1")
    staff_secret = token_for(make_user(role=Role.AUTHOR), "read", "staff")
    learner_secret = token_for(make_user(), "read")

    by_id = client.get("/api/membership/entitlements?member_id=A1", headers=bearer(staff_secret))
    by_email = client.get(
        "/api/membership/entitlements?email=ANA@example.org", headers=bearer(staff_secret)
    )
    missing = client.get("/api/membership/entitlements?email=x@y.org", headers=bearer(staff_secret))
    refused = client.get(
        "/api/membership/entitlements?member_id=A1", headers=bearer(learner_secret)
    )
    mine = client.get("/api/membership/me/entitlements", headers=bearer(learner_secret))

    assert by_id.json() == by_email.json()
    assert by_id.json()["membership"]["is_current"] is True
    assert by_id.json()["items"] == [
        {
            "kind": "micro_credential",
            "id": str(mc.pk),
            "title": "Closed",
            "allowed": True,
            "reason": "membership",
            "price": None,
            "list_price": None,
            "currency": "",
        }
    ]
    assert missing.status_code == 404
    assert refused.status_code == 403
    assert mine.json()["items"][0]["reason"] == "members_only"
    assert AuditEntry.objects.filter(target="api:membership.entitlements").count() == 2


def test_the_provisioning_api_refuses_bad_bodies_with_400s(client: Client) -> None:
    secret = token_for(make_user(role=Role.ADMIN), "read", "write", "staff")
    empty = client.post(
        "/api/membership/members",
        json.dumps({"rows": []}),
        content_type="application/json",
        headers=bearer(secret),
    )
    wrong = client.post(
        "/api/membership/members",
        "not json",
        content_type="application/json",
        headers=bearer(secret),
    )
    assert empty.status_code in (400, 422) and wrong.status_code in (400, 422)
    assert not Membership.objects.exists()


def test_an_author_manages_no_people_on_any_entry_point(client: Client) -> None:
    """Memberships, rosters and tiers are managing people: an author's page, token and
    service call are all refused, and nobody becomes a member."""
    author = make_user(role=Role.AUTHOR)
    client.force_login(author)
    roster = "email,tier\nana@example.org,\n"
    secret = token_for(author, "read", "write", "staff")

    page = client.get("/staff/membership/")
    upload = client.post(
        "/staff/membership/roster", {"file": SimpleUploadedFile("r.csv", roster.encode())}
    )
    api = client.post(
        "/api/membership/members",
        json.dumps({"rows": [{"email": "ana@example.org"}]}),
        content_type="application/json",
        headers=bearer(secret),
    )

    assert page.status_code == 403 and upload.status_code == 403
    assert api.status_code == 403 and "Only an admin" in api.json()["detail"]
    with pytest.raises(MembershipForbidden):
        membership_set(person=make_user(), tier=None, expires_on=None, source="staff", by=author)
    assert not Membership.objects.exists()
