from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import Role, User
from bitewise.catalog.models import MicroCredential
from bitewise.common.email_csv import MAX_BYTES
from bitewise.credentials.models import BulkAward, IssuedCredential, Issuer
from bitewise.credentials.services.issuers import issuer_default
from bitewise.credentials.services.revocation import credential_revoke
from bitewise.learning.services import award_grant
from bitewise.testing import make_micro_credential, make_pathway, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    user = make_user(role=Role.ADMIN)
    issuer_default().staff.add(user)
    return user


@pytest.fixture
def mc() -> MicroCredential:
    return make_micro_credential()


@pytest.fixture
def issued(mc: MicroCredential, django_capture_on_commit_callbacks) -> IssuedCredential:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        learner = make_user(email="ana@example.org")
        award_grant(learner=learner, micro_credential=mc, granted_by=None)
    return IssuedCredential.objects.get()


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def csv_file(content: bytes, name: str = "attendees.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


STAFF_PAGES = [
    ("credentials_staff:list", {}, "get"),
    ("credentials_staff:detail", {"credential_id": uuid.uuid4()}, "get"),
    ("credentials_staff:revoke", {"credential_id": uuid.uuid4()}, "post"),
    ("credentials_staff:review", {"credential_id": uuid.uuid4()}, "post"),
    ("credentials_staff:reinstate", {"credential_id": uuid.uuid4()}, "post"),
    ("credentials_staff:award", {}, "get"),
    ("credentials_staff:award", {}, "post"),
    ("credentials_staff:bulk_new", {}, "get"),
    ("credentials_staff:bulk_new", {}, "post"),
    ("credentials_staff:bulk_detail", {"bulk_id": 1}, "get"),
    ("credentials_staff:bulk_resume", {"bulk_id": 1}, "post"),
    ("credentials_staff:bulk_report", {"bulk_id": 1}, "get"),
]


@pytest.mark.parametrize(("name", "kwargs", "method"), STAFF_PAGES)
def test_a_learner_gets_403_on_every_staff_page(client: Client, name, kwargs, method) -> None:  # type: ignore[no-untyped-def]
    logged_in(client, make_user())
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("credentials_staff:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_filters_by_revoked_review_and_issuer(
    client: Client, staff: User, issued: IssuedCredential
) -> None:
    logged_in(client, staff)
    url = reverse("credentials_staff:list")
    assert "ana@example.org" in client.get(url).text
    assert "ana@example.org" in client.get(url, {"revoked": "no", "issuer": "default"}).text
    assert "ana@example.org" not in client.get(url, {"revoked": "yes"}).text
    assert "ana@example.org" not in client.get(url, {"needs_review": "on"}).text
    assert "ana@example.org" not in client.get(url, {"q": "someone-else"}).text


def test_staff_revoke_a_credential_with_a_reason(
    client: Client, staff: User, issued: IssuedCredential
) -> None:
    logged_in(client, staff)
    url = reverse("credentials_staff:revoke", kwargs={"credential_id": issued.pk})
    response = client.post(url, {"reason": "Issued to the wrong person"}, follow=True)
    assert "Credential revoked." in response.text
    issued.refresh_from_db()
    assert issued.is_revoked and issued.revoked_by == staff


def test_revoking_without_a_reason_is_refused(
    client: Client, staff: User, issued: IssuedCredential
) -> None:
    logged_in(client, staff)
    url = reverse("credentials_staff:revoke", kwargs={"credential_id": issued.pk})
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    issued.refresh_from_db()
    assert not issued.is_revoked


def test_staff_of_another_issuer_cannot_revoke_and_are_told_why(
    client: Client, issued: IssuedCredential
) -> None:
    outsider = make_user(role=Role.ADMIN)
    Issuer.objects.create(name="Other body", slug="other").staff.add(outsider)
    logged_in(client, outsider)
    url = reverse("credentials_staff:revoke", kwargs={"credential_id": issued.pk})
    response = client.post(url, {"reason": "Because"})
    assert response.status_code == 400
    assert "Only staff of this credential&#x27;s issuer can revoke it." in response.text
    issued.refresh_from_db()
    assert not issued.is_revoked


@pytest.fixture
def flagged(staff: User, django_capture_on_commit_callbacks) -> IssuedCredential:  # type: ignore[no-untyped-def]
    learner = make_user()
    first, second = make_micro_credential(), make_micro_credential()
    make_pathway([first, second])
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(learner=learner, micro_credential=first, granted_by=None)
        award_grant(learner=learner, micro_credential=second, granted_by=None)
    component = IssuedCredential.objects.get(award__micro_credential=first)
    credential_revoke(credential=component, by=staff, reason="Exam misconduct")
    pathway_credential = IssuedCredential.objects.get(award__pathway__isnull=False)
    assert pathway_credential.needs_review
    return pathway_credential


def test_staff_clear_a_review_flag_and_keep_the_pathway_credential(
    client: Client, staff: User, flagged: IssuedCredential
) -> None:
    logged_in(client, staff)
    detail = reverse("credentials_staff:detail", kwargs={"credential_id": flagged.pk})
    assert "Needs review" in client.get(detail).text
    url = reverse("credentials_staff:review", kwargs={"credential_id": flagged.pk})
    response = client.post(url, {"decision": "keep", "reason": "Still meets the rule"})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert not flagged.needs_review and not flagged.is_revoked
    assert "Kept valid by" in flagged.review_reason
    assert "Still meets the rule" in flagged.review_reason


def test_a_review_can_revoke_but_only_with_a_reason(
    client: Client, staff: User, flagged: IssuedCredential
) -> None:
    logged_in(client, staff)
    url = reverse("credentials_staff:review", kwargs={"credential_id": flagged.pk})
    assert client.post(url, {"decision": "revoke", "reason": ""}).status_code == 400
    flagged.refresh_from_db()
    assert flagged.needs_review and not flagged.is_revoked

    client.post(url, {"decision": "revoke", "reason": "Component revoked"})
    flagged.refresh_from_db()
    assert flagged.is_revoked and not flagged.needs_review


def test_staff_award_one_learner_by_email_and_an_account_is_made_for_a_newcomer(
    client: Client,
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    logged_in(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("credentials_staff:award"),
            {"email": " Newcomer@Example.org ", "achievement": f"micro_credential:{mc.pk}"},
            follow=True,
        )
    assert "A new account was created" in response.text
    credential = IssuedCredential.objects.get(learner__email="newcomer@example.org")
    assert credential.award.snapshot["granted"] == {"by": staff.pk}

    again = client.post(
        reverse("credentials_staff:award"),
        {"email": "newcomer@example.org", "achievement": f"micro_credential:{mc.pk}"},
        follow=True,
    )
    assert "already holds" in again.text
    assert IssuedCredential.objects.count() == 1


def test_staff_outside_the_issuer_cannot_award(client: Client, mc: MicroCredential) -> None:
    logged_in(client, make_user(role=Role.AUTHOR))
    response = client.post(
        reverse("credentials_staff:award"),
        {"email": "someone@example.org", "achievement": f"micro_credential:{mc.pk}"},
    )
    assert response.status_code == 400 and "Only staff of" in response.text
    assert not User.objects.filter(email="someone@example.org").exists()


def test_a_csv_upload_runs_as_a_job_whose_page_shows_progress_and_the_failed_rows(
    client: Client,
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    logged_in(client, staff)
    content = b"email\nok@example.org\nbroken\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("credentials_staff:bulk_new"),
            {"achievement": f"micro_credential:{mc.pk}", "file": csv_file(content)},
        )
    bulk = BulkAward.objects.get()
    assert response["Location"] == reverse("credentials_staff:bulk_detail", args=[bulk.pk])
    page = client.get(response["Location"]).text
    assert '<progress max="2" value="2"' in page and "aria-labelledby" in page
    assert 'http-equiv="refresh"' not in page  # finished
    assert "broken" in page and "Not an email address." in page
    report = client.get(reverse("credentials_staff:bulk_report", args=[bulk.pk]))
    assert report.content.decode().splitlines()[1] == "3,broken,invalid,Not an email address."
    assert IssuedCredential.objects.get().learner.email == "ok@example.org"


def test_a_queued_job_page_refreshes_itself(
    client: Client, staff: User, mc: MicroCredential
) -> None:
    logged_in(client, staff)
    client.post(  # the task is queued on commit, which never comes in this test
        reverse("credentials_staff:bulk_new"),
        {"achievement": f"micro_credential:{mc.pk}", "file": csv_file(b"a@example.org\n")},
    )
    page = client.get(reverse("credentials_staff:bulk_detail", args=[BulkAward.objects.get().pk]))
    assert '<meta http-equiv="refresh" content="2">' in page.text


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"a@example.org\n" * (MAX_BYTES // 14 + 1), "attendees.csv"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "attendees.png"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "attendees.csv"),
    ],
    ids=["over-2-MB", "png", "xlsx-named-csv"],
)
def test_oversize_and_non_csv_uploads_are_refused_and_create_nothing(
    client: Client, staff: User, mc: MicroCredential, content: bytes, name: str
) -> None:
    logged_in(client, staff)
    users = User.objects.count()
    response = client.post(
        reverse("credentials_staff:bulk_new"),
        {"achievement": f"micro_credential:{mc.pk}", "file": csv_file(content, name)},
    )
    assert response.status_code == 400
    assert "errorlist" in response.text
    assert not BulkAward.objects.exists() and User.objects.count() == users


def test_the_admin_lists_credentials_read_only_with_a_link_to_the_staff_page(
    client: Client, issued: IssuedCredential
) -> None:
    logged_in(client, User.objects.create_superuser("root@example.org", "x" * 12))
    assert client.get(reverse("admin:credentials_issuedcredential_changelist")).status_code == 200
    change = client.get(reverse("admin:credentials_issuedcredential_change", args=[issued.pk]))
    assert reverse("credentials_staff:detail", args=[issued.pk]) in change.text
    key = client.get(reverse("admin:credentials_signingkey_changelist"))
    assert key.status_code == 200 and "encrypted_seed" not in key.text


def test_the_admin_never_shows_a_signing_key_seed(client: Client, issued: IssuedCredential) -> None:
    from bitewise.credentials.models import SigningKey

    logged_in(client, User.objects.create_superuser("root@example.org", "x" * 12))
    key = SigningKey.objects.get()
    page = client.get(reverse("admin:credentials_signingkey_change", args=[key.pk]))
    assert page.status_code == 200 and key.public_key_multibase in page.text
    assert key.encrypted_seed not in page.text and "seed" not in page.text.lower()
    issuer_page = client.get(reverse("admin:credentials_issuer_change", args=[key.issuer_id]))
    assert issuer_page.status_code == 200 and "staff" in issuer_page.text


def test_a_stalled_job_can_be_queued_again_and_finishes_without_repeating_rows(
    client: Client,
    staff: User,
    mc: MicroCredential,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    logged_in(client, staff)
    client.post(  # queued, but its task never ran (a lost worker)
        reverse("credentials_staff:bulk_new"),
        {"achievement": f"micro_credential:{mc.pk}", "file": csv_file(b"a@example.org\n")},
    )
    bulk = BulkAward.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("credentials_staff:bulk_resume", args=[bulk.pk]))
    bulk.refresh_from_db()
    assert (bulk.status, bulk.awarded) == ("done", 1)
    assert IssuedCredential.objects.get().learner.email == "a@example.org"


def test_staff_reinstate_a_revoked_credential_and_its_history_shows_both_changes(
    client: Client, staff: User, issued: IssuedCredential
) -> None:
    credential_revoke(credential=issued, by=staff, reason="Issued to the wrong person")
    logged_in(client, staff)
    url = reverse("credentials_staff:reinstate", kwargs={"credential_id": issued.pk})

    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    issued.refresh_from_db()
    assert issued.is_revoked

    response = client.post(url, {"reason": "It was the right person after all"}, follow=True)

    assert "Credential reinstated." in response.text
    assert "Issued to the wrong person" in response.text  # the history keeps the revocation
    assert "It was the right person after all" in response.text
    issued.refresh_from_db()
    assert not issued.is_revoked and issued.revoked_by is None and issued.revoked_reason == ""
    again = client.post(url, {"reason": "Twice"})
    assert again.status_code == 400 and "not revoked" in again.text


def test_reinstating_a_component_clears_the_review_flag_it_caused(
    staff: User, flagged: IssuedCredential
) -> None:
    from bitewise.credentials.services.revocation import credential_reinstate

    component = IssuedCredential.objects.get(
        award__micro_credential__isnull=False, revoked_at__isnull=False
    )

    credential_reinstate(credential=component, by=staff, reason="Appeal upheld")

    flagged.refresh_from_db()
    assert not flagged.needs_review and not flagged.is_revoked
    assert "reinstated" in flagged.review_reason and "Appeal upheld" in flagged.review_reason


def test_reinstating_a_component_leaves_a_pathway_credential_staff_revoked_revoked(
    staff: User, flagged: IssuedCredential
) -> None:
    from bitewise.credentials.services.review import credential_review_resolve
    from bitewise.credentials.services.revocation import credential_reinstate

    credential_review_resolve(credential=flagged, by=staff, keep=False, reason="Pathway withdrawn")
    component = IssuedCredential.objects.get(
        award__micro_credential__isnull=False, revoked_at__isnull=False
    )

    credential_reinstate(credential=component, by=staff, reason="Appeal upheld")

    flagged.refresh_from_db()
    assert flagged.is_revoked and flagged.revoked_reason == "Pathway withdrawn"


def test_a_pathway_completed_with_a_revoked_component_waits_for_review(
    staff: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    learner = make_user()
    first, second = make_micro_credential(), make_micro_credential()
    make_pathway([first, second])
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(learner=learner, micro_credential=first, granted_by=None)
    component = IssuedCredential.objects.get(award__micro_credential=first)
    credential_revoke(credential=component, by=staff, reason="Exam misconduct")

    with django_capture_on_commit_callbacks(execute=True):
        award_grant(learner=learner, micro_credential=second, granted_by=None)

    pathway_credential = IssuedCredential.objects.get(award__pathway__isnull=False)
    assert pathway_credential.needs_review and not pathway_credential.is_revoked
    assert pathway_credential.review_reason == f"Component “{component.title}” was revoked"
