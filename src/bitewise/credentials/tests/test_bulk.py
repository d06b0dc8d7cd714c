from __future__ import annotations

import pytest

from bitewise.accounts.models import Role, User
from bitewise.catalog.models import MicroCredential
from bitewise.common.email_csv import (
    MAX_BYTES,
    MAX_ROWS,
    BulkUploadError,
    csv_decode,
    csv_plan,
)
from bitewise.credentials.models import BulkAward, IssuedCredential
from bitewise.credentials.services import bulk as bulk_service
from bitewise.credentials.services.bulk import bulk_award_create, bulk_award_resume, bulk_award_run
from bitewise.credentials.services.granting import GrantError
from bitewise.credentials.services.issuers import issuer_default
from bitewise.learning.models import Award
from bitewise.learning.services import award_grant
from bitewise.testing import make_micro_credential, make_pathway, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    user = make_user(role=Role.AUTHOR)
    issuer_default().staff.add(user)
    return user


@pytest.fixture
def mc() -> MicroCredential:
    return make_micro_credential()


def upload(staff: User, achievement, text: str, name: str = "attendees.csv") -> BulkAward:  # type: ignore[no-untyped-def]
    return bulk_award_create(by=staff, achievement=achievement, filename=name, data=text.encode())


def test_a_csv_awards_the_good_rows_and_reports_every_other_row_with_its_reason(
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    known = make_user(email="known@example.org")
    holder = make_user(email="holder@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(learner=holder, micro_credential=mc, granted_by=None)
    text = (
        "Name,Email\n"
        "Known,Known@Example.org\n"
        "New,new.person@example.org\n"
        "Typo,not-an-email\n"
        "Again,known@example.org\n"
        "Holder,holder@example.org\n"
        "Nobody,\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        bulk = upload(staff, mc, text)

    bulk.refresh_from_db()
    assert bulk.status == BulkAward.Status.DONE
    assert (bulk.total, bulk.processed, bulk.awarded, bulk.accounts_created) == (6, 6, 2, 1)
    assert (bulk.already_held, bulk.failed) == (1, 3)
    assert [(e["row"], e["email"], e["outcome"]) for e in bulk.report] == [
        (4, "not-an-email", "invalid"),
        (5, "known@example.org", "duplicate"),
        (6, "holder@example.org", "already_held"),
        (7, "", "invalid"),
    ]
    assert bulk.report[1]["reason"] == "Same address as row 2."
    newcomer = User.objects.get(email="new.person@example.org")
    assert not newcomer.has_usable_password()
    for learner in (known, newcomer):
        credential = IssuedCredential.objects.get(learner=learner)
        assert credential.award.snapshot["granted"] == {"by": staff.pk}
    assert IssuedCredential.objects.filter(learner=holder).count() == 1
    assert not User.objects.filter(email="not-an-email").exists()


def test_running_a_finished_job_again_changes_nothing(
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        bulk = upload(staff, mc, "a@example.org\nb@example.org\n")

    again = bulk_award_run(bulk_id=bulk.pk)

    assert (again.processed, again.awarded) == (2, 2)
    assert Award.objects.count() == 2


def test_a_job_that_stops_mid_way_resumes_after_its_last_batch_and_awards_each_row_once(
    staff: User, mc: MicroCredential, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_service, "BATCH_SIZE", 2)
    real_grant = bulk_service.award_grant_many

    def crash_on_the_third_address(**kwargs):  # type: ignore[no-untyped-def]
        if any(learner.email == "c@example.org" for learner in kwargs["learners"]):
            raise RuntimeError("database went away")
        return real_grant(**kwargs)

    monkeypatch.setattr(bulk_service, "award_grant_many", crash_on_the_third_address)
    bulk = upload(staff, mc, "\n".join(f"{x}@example.org" for x in "abcde"))

    with pytest.raises(RuntimeError):
        bulk_award_run(bulk_id=bulk.pk)
    bulk.refresh_from_db()
    assert (bulk.status, bulk.processed, bulk.awarded) == ("failed", 2, 2)
    assert "database went away" in bulk.error
    assert not User.objects.filter(email="c@example.org").exists()  # its batch rolled back

    monkeypatch.setattr(bulk_service, "award_grant_many", real_grant)
    bulk_award_resume(bulk=bulk)
    done = bulk_award_run(bulk_id=bulk.pk)

    assert (done.status, done.processed, done.awarded, done.failed) == ("done", 5, 5, 0)
    assert Award.objects.filter(micro_credential=mc).count() == 5


def test_a_pathway_can_be_awarded_in_bulk(
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    pathway = make_pathway([mc])
    with django_capture_on_commit_callbacks(execute=True):
        bulk = upload(staff, pathway, "email\npat@example.org\n")
    bulk.refresh_from_db()
    assert bulk.awarded == 1
    assert IssuedCredential.objects.get(award__pathway=pathway).learner.email == "pat@example.org"


def test_a_deactivated_account_is_reported_not_awarded(
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    gone = make_user(email="gone@example.org")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        bulk = upload(staff, mc, "gone@example.org\n")
    bulk.refresh_from_db()
    assert [e["outcome"] for e in bulk.report] == ["refused"]
    assert "deactivated" in bulk.report[0]["reason"]
    assert not Award.objects.exists()


def test_staff_outside_the_issuer_cannot_start_a_bulk_award(mc: MicroCredential) -> None:
    outsider = make_user(role=Role.ADMIN)
    with pytest.raises(GrantError, match="Only staff of"):
        upload(outsider, mc, "a@example.org\n")
    assert not BulkAward.objects.exists()


@pytest.mark.parametrize(
    ("text", "emails"),
    [
        ("a@example.org\nb@example.org\n", ["a@example.org", "b@example.org"]),
        ("email\na@example.org\n", ["a@example.org"]),
        ("name;e-mail\nAnn;a@example.org\n", ["a@example.org"]),
        ("\ufeffEmail,Name\r\nA@Example.org,Ann\r\n\r\n", ["a@example.org"]),
        ("name,notes\nAnn,a@example.org\n", [""]),  # no email column: the first one
    ],
    ids=["no-header", "header", "semicolons", "bom-crlf-blank-line", "unnamed-column"],
)
def test_the_email_column_is_found_with_or_without_a_header(text: str, emails: list[str]) -> None:
    rows = csv_plan(csv_decode(data=text.encode(), filename="x.csv"))
    assert [r.email for r in rows] == emails


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"a@example.org\n" * (MAX_BYTES // 14 + 1), "big.csv", "larger than 2.0 MB"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "badge.png", "not a .csv file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "list.csv", "Excel workbook"),
        (b"a@example.org\x00\x01\x02", "list.csv", "binary"),
        ("é@example.org".encode("latin-1"), "list.csv", "not UTF-8"),
    ],
    ids=["too-big", "image", "xlsx", "nul-bytes", "latin-1"],
)
def test_files_that_are_not_csv_text_are_refused(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(BulkUploadError, match=message):
        csv_decode(data=data, filename=filename)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no email addresses"),
        ("\n\n", "no email addresses"),
        ("email\n", "header but no email"),
        ("email\n" + "a@example.org\n" * (MAX_ROWS + 1), "limit is 10,000"),
    ],
    ids=["empty", "blank-lines", "header-only", "too-many-rows"],
)
def test_files_without_rows_or_with_too_many_are_refused(text: str, message: str) -> None:
    with pytest.raises(BulkUploadError, match=message):
        csv_plan(text)


def test_exactly_the_row_limit_is_accepted() -> None:
    text = "\n".join(f"p{i}@example.org" for i in range(MAX_ROWS))
    assert len(csv_plan(text)) == MAX_ROWS


def test_an_account_stored_with_capitals_is_found_not_duplicated(
    staff: User, mc: MicroCredential
) -> None:
    mixed = make_user()
    User.objects.filter(pk=mixed.pk).update(email="Mixed.Case@Example.org")  # an admin edit
    bulk = upload(staff, mc, "mixed.case@example.org\n")
    done = bulk_award_run(bulk_id=bulk.pk)
    assert (done.awarded, done.accounts_created) == (1, 0)
    assert Award.objects.get().learner_id == mixed.pk


def test_a_batch_issues_its_credentials_itself_and_the_events_add_none(
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    bulk = upload(staff, mc, "\n".join(f"p{i}@example.org" for i in range(7)))
    done = bulk_award_run(bulk_id=bulk.pk)  # no on-commit callbacks ran: no event handled

    assert (done.awarded, done.accounts_created) == (7, 7)
    credentials = IssuedCredential.objects.filter(award__micro_credential=mc)
    assert credentials.count() == 7
    slots = set(credentials.values_list("status_list_id", "status_index"))
    assert len(slots) == 7, "each credential has its own status entry"
    from bitewise.common.events import event_dispatch
    from bitewise.common.models import DomainEvent

    for event in DomainEvent.objects.filter(name="credential_earned"):
        event_dispatch(event_id=event.pk)
    assert credentials.count() == 7


def test_the_queries_of_a_batch_do_not_grow_with_its_rows(
    staff: User, mc: MicroCredential, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(bulk_service, "BATCH_SIZE", 60)
    counts = []
    # The first job also makes the issuer's key and status list.
    for size, prefix in ((1, "first"), (5, "small"), (60, "large")):
        bulk = upload(staff, mc, "\n".join(f"{prefix}{i}@example.org" for i in range(size)))
        with CaptureQueriesContext(connection) as queries:
            bulk_award_run(bulk_id=bulk.pk)
        counts.append(len(queries))
    assert IssuedCredential.objects.count() == 66
    assert counts[2] == counts[1], counts


def test_a_bulk_award_that_completes_a_pathway_issues_the_pathway_too(
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    other = make_micro_credential()
    pathway = make_pathway([mc, other])
    holder = make_user(email="half@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(learner=holder, micro_credential=other, granted_by=None)
        upload(staff, mc, "half@example.org\nfresh@example.org\n")

    assert Award.objects.filter(pathway=pathway).get().learner == holder
    assert IssuedCredential.objects.filter(award__pathway=pathway, learner=holder).exists()
    assert not Award.objects.filter(pathway=pathway, learner__email="fresh@example.org").exists()
