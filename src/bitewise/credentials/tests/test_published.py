"""What a verifier sees is kept, not made again on every request: the status list is signed
once per change and the public page's verification is stored. Each write that changes what
they show shows at once."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.credentials.models import IssuedCredential, StatusList
from bitewise.credentials.services.issuers import signing_key_rotate
from bitewise.credentials.services.published import status_list_changed
from bitewise.credentials.services.revocation import credential_revoke
from bitewise.credentials.services.status_lists import status_list_credential
from bitewise.engines import ob3
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(django_capture_on_commit_callbacks) -> IssuedCredential:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential(title="Safe Handoffs", validity_months=12))
    return IssuedCredential.objects.get()


def revoke(credential: IssuedCredential, reason: str = "Issued in error") -> None:
    admin = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(admin)
    credential_revoke(credential=credential, by=admin, reason=reason)


def status_path(credential: IssuedCredential) -> str:
    return urlsplit(credential.document["credentialStatus"]["statusListCredential"]).path


def bit_of(document: dict, credential: IssuedCredential) -> bool:  # type: ignore[type-arg]
    encoded = document["credentialSubject"]["encodedList"]
    return ob3.StatusList.decode(encoded).get(credential.status_index)


def page(client: Client, credential: IssuedCredential) -> str:
    response = client.get(f"/credentials/{credential.pk}")
    assert response.status_code == 200
    return response.content.decode()


# The status list


def test_the_status_list_is_signed_once_and_served_as_stored(
    client: Client, credential: IssuedCredential, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    first = client.get(status_path(credential)).json()
    with django_assert_max_num_queries(1):  # the list's row: no entries read, nothing signed
        second = client.get(status_path(credential)).json()
    assert second == first
    assert StatusList.objects.get().signed_document == first


def test_a_revocation_is_in_the_next_status_list_served(
    client: Client, credential: IssuedCredential
) -> None:
    before = client.get(status_path(credential)).json()
    assert not bit_of(before, credential)
    revoke(credential)
    after = client.get(status_path(credential)).json()
    assert bit_of(after, credential)
    assert after["proof"] != before["proof"]  # signed again, once
    assert client.get(status_path(credential)).json() == after


def test_a_change_announced_with_status_list_changed_is_served_at_once(
    client: Client, credential: IssuedCredential
) -> None:
    # given a revoked credential whose list has been served
    revoke(credential)
    assert bit_of(client.get(status_path(credential)).json(), credential)
    # when its bit is cleared (a reinstatement) and the change announced
    IssuedCredential.objects.filter(pk=credential.pk).update(revoked_at=None, revoked_reason="")
    status_list_changed(status_list_id=credential.status_list_id)
    # then both the list and the public page show it at once
    assert not bit_of(client.get(status_path(credential)).json(), credential)
    assert 'badge-earned">Valid' in page(client, credential)


def test_a_list_signed_while_a_revocation_commits_is_not_kept(credential: IssuedCredential) -> None:
    # given a list read before a revocation (its version is the old one)
    stale = StatusList.objects.select_related("issuer").get()
    revoke(credential)
    # when that read is signed and served
    status_list_credential(status_list=stale)
    # then it is not stored: the next fetch signs what is current, and keeps that
    row = StatusList.objects.select_related("issuer").get()
    assert row.signed_document is None and row.version == stale.version + 1
    assert bit_of(status_list_credential(status_list=row), credential)
    assert StatusList.objects.get().signed_version == row.version


def test_a_new_site_url_signs_the_list_again_under_it(
    client: Client, credential: IssuedCredential, settings
) -> None:  # type: ignore[no-untyped-def]
    client.get(status_path(credential))
    settings.SITE_URL = "https://badges.example.org"
    document = client.get(status_path(credential)).json()
    assert document["issuer"] == "did:web:badges.example.org"
    assert document["id"].startswith("https://badges.example.org/")


# The public page's verification


def test_the_page_shows_when_it_was_checked_and_keeps_that_check(
    client: Client, credential: IssuedCredential, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    first = page(client, credential)
    checked_at = IssuedCredential.objects.get().checked_at
    assert checked_at is not None
    assert f'datetime="{checked_at.isoformat()}"' in first
    # The credential's row only: nothing verified again, and the page view is counted in
    # the cache (insight's counters), not in the database.
    with django_assert_max_num_queries(1):
        second = page(client, credential)
    assert f'datetime="{checked_at.isoformat()}"' in second
    assert 'badge-earned">Valid' in second


def test_a_revocation_shows_on_the_page_at_once_after_a_stored_check(
    client: Client, credential: IssuedCredential
) -> None:
    assert 'badge-earned">Valid' in page(client, credential)
    revoke(credential, reason="Exam misconduct")
    shown = page(client, credential)
    assert "Not valid" in shown and "Exam misconduct" in shown
    assert "revoked (status list index" in shown


def test_a_key_rotation_makes_the_page_check_again(
    client: Client, credential: IssuedCredential, time_machine
) -> None:  # type: ignore[no-untyped-def]
    page(client, credential)
    first = IssuedCredential.objects.get().checked_at
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    signing_key_rotate(issuer=credential.issuer)
    shown = page(client, credential)
    again = IssuedCredential.objects.get().checked_at
    assert first is not None and again is not None and again > first
    assert 'badge-earned">Valid' in shown  # old keys stay published


def test_a_credential_shows_expired_once_its_valid_until_passes(
    client: Client, credential: IssuedCredential, time_machine
) -> None:  # type: ignore[no-untyped-def]
    assert credential.valid_until is not None
    time_machine.move_to(credential.valid_until - timedelta(days=1))
    assert 'badge-earned">Valid' in page(client, credential)
    time_machine.move_to(credential.valid_until + timedelta(seconds=1))
    shown = page(client, credential)
    assert "Not valid" in shown and "expired at" in shown


def test_nothing_is_stored_when_the_page_is_not_found(client: Client) -> None:
    assert client.get("/credentials/00000000-0000-0000-0000-000000000000").status_code == 404
    assert not IssuedCredential.objects.exclude(checked_at=None).exists()


# Browser verifiers on other origins


@pytest.mark.parametrize("which", ["did", "status list", "json", "issuer did"])
def test_verifier_documents_can_be_read_from_any_origin_with_get(
    client: Client, credential: IssuedCredential, which: str
) -> None:
    from bitewise.credentials.models import Issuer

    Issuer.objects.create(name="Second", slug="second")
    path = {
        "did": "/.well-known/did.json",
        "status list": status_path(credential),
        "json": f"/credentials/{credential.pk}.json",
        "issuer did": "/issuers/second/did.json",
    }[which]
    response = client.get(path, HTTP_ORIGIN="https://verifier.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(path, HTTP_ORIGIN="https://verifier.example")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET"
    refused = client.post(path, HTTP_ORIGIN="https://verifier.example")
    assert refused.status_code == 405


def test_the_public_html_page_and_private_pages_are_not_opened_to_other_origins(
    client: Client, credential: IssuedCredential
) -> None:
    assert "Access-Control-Allow-Origin" not in client.get(f"/credentials/{credential.pk}")
    client.force_login(credential.learner)
    assert "Access-Control-Allow-Origin" not in client.get("/me/record.json")
