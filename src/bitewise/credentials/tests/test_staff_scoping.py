"""Who sees which learners on the staff credential pages: admins every credential; an
issuer's staff that issuer's credentials; other authors none. Each read is audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import AuditAction, AuditEntry, Role, User
from bitewise.credentials.models import BulkAward, IssuedCredential, Issuer
from bitewise.credentials.services.bulk import bulk_award_create
from bitewise.credentials.services.issuers import issuer_default
from bitewise.learning.services import award_grant
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_issuers(django_capture_on_commit_callbacks) -> tuple[IssuedCredential, IssuedCredential]:  # type: ignore[no-untyped-def]
    """One credential from the default issuer (to ana@), one from the nursing board (to bo@)."""
    board = Issuer.objects.create(name="Nursing Board", slug="nursing-board")
    board_mc = make_micro_credential(title="Triage")
    board.micro_credentials.add(board_mc)
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(
            learner=make_user(email="ana@example.org"),
            micro_credential=make_micro_credential(title="Hand hygiene"),
            granted_by=None,
        )
        award_grant(
            learner=make_user(email="bo@example.org"), micro_credential=board_mc, granted_by=None
        )
    return (
        IssuedCredential.objects.get(learner__email="ana@example.org"),
        IssuedCredential.objects.get(learner__email="bo@example.org"),
    )


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def board_author() -> User:
    author = make_user(role=Role.AUTHOR)
    Issuer.objects.get(slug="nursing-board").staff.add(author)
    return author


def test_an_admin_lists_every_credential_and_the_read_is_audited(two_issuers) -> None:  # type: ignore[no-untyped-def]
    admin = make_user(role=Role.ADMIN)

    page = as_user(admin).get(reverse("credentials_staff:list"), {"q": "example"}).content.decode()

    assert "ana@example.org" in page and "bo@example.org" in page
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target) == (
        admin,
        AuditAction.PERSONAL_DATA_READ,
        "credentials.list",
    )
    assert entry.detail == {"filters": {"q": "example"}, "shown": 2}


def test_issuer_staff_list_only_their_issuers_credentials(two_issuers) -> None:  # type: ignore[no-untyped-def]
    page = as_user(board_author()).get(reverse("credentials_staff:list")).content.decode()

    assert "bo@example.org" in page
    assert "ana@example.org" not in page


def test_an_author_on_no_issuer_lists_no_learner(two_issuers) -> None:  # type: ignore[no-untyped-def]
    page = as_user(make_user(role=Role.AUTHOR)).get(reverse("credentials_staff:list"))

    assert page.status_code == 200
    assert "@example.org" not in page.content.decode().replace(page.wsgi_request.user.email, "")


def test_searching_by_email_does_not_reach_other_issuers(two_issuers) -> None:  # type: ignore[no-untyped-def]
    page = as_user(board_author()).get(reverse("credentials_staff:list"), {"q": "ana@"})
    assert "ana@example.org" not in page.content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("credentials_staff:detail", "get"),
        ("credentials_staff:revoke", "post"),
        ("credentials_staff:review", "post"),
    ],
)
def test_another_issuers_credential_is_a_404_and_stays_untouched(
    two_issuers, name: str, method: str
) -> None:  # type: ignore[no-untyped-def]
    theirs, _ = two_issuers
    client = as_user(board_author())

    response = getattr(client, method)(
        reverse(name, kwargs={"credential_id": theirs.pk}), {"reason": "Not earned"}
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert not AuditEntry.objects.exists()


def test_opening_a_credential_is_audited_with_its_id(two_issuers) -> None:  # type: ignore[no-untyped-def]
    _, boards = two_issuers
    author = board_author()

    page = as_user(author).get(reverse("credentials_staff:detail", args=[boards.pk]))

    assert "bo@example.org" in page.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.target, entry.record) == (
        author,
        "credentials.credential",
        str(boards.pk),
    )


@pytest.fixture
def bulk_by() -> Callable[[User], BulkAward]:
    mc = make_micro_credential()

    def make(author: User) -> BulkAward:
        issuer_default().staff.add(author)
        return bulk_award_create(
            by=author, achievement=mc, filename="people.csv", data=b"email\ncy@example.org\n"
        )

    return make


def test_bulk_awards_and_their_reports_are_for_their_author_and_admins(
    bulk_by: Callable[[User], BulkAward],
) -> None:
    mine, other = make_user(role=Role.AUTHOR), make_user(role=Role.AUTHOR)
    bulk = bulk_by(mine)

    for url in (
        reverse("credentials_staff:bulk_detail", args=[bulk.pk]),
        reverse("credentials_staff:bulk_report", args=[bulk.pk]),
    ):
        assert as_user(other).get(url).status_code == 404
        assert as_user(mine).get(url).status_code == 200
        assert as_user(make_user(role=Role.ADMIN)).get(url).status_code == 200
    listing = as_user(other).get(reverse("credentials_staff:bulk_new")).content.decode()
    assert "people.csv" not in listing
    assert AuditEntry.objects.filter(target__startswith="credentials.bulk_award").count() == 4


def test_the_admin_credential_list_is_for_admins_and_audited(two_issuers) -> None:  # type: ignore[no-untyped-def]
    admin = make_user(role=Role.ADMIN)

    assert as_user(board_author()).get("/admin/credentials/issuedcredential/").status_code == 403
    page = as_user(admin).get("/admin/credentials/issuedcredential/?q=bo")

    assert page.status_code == 200 and "bo@example.org" in page.content.decode()
    entry = AuditEntry.objects.get()
    assert entry.target == "admin:credentials.issuedcredential"
    assert entry.detail == {"query": {"q": "bo"}}
