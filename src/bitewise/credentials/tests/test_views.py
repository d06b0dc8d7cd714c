"""Public credential pages and downloads: what a verifier, a recruiter and the learner see."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.revocation import credential_revoke
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(django_capture_on_commit_callbacks) -> IssuedCredential:  # type: ignore[no-untyped-def]
    learner = make_user(email="ana.private@mailbox.test")
    learner.display_name = "Ana Example"
    learner.save(update_fields=["display_name"])
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential(title="Safe Handoffs"))
    return IssuedCredential.objects.get()


def test_the_public_page_works_without_login_and_shows_a_valid_badge(
    client: Client, credential: IssuedCredential
) -> None:
    page = client.get(f"/credentials/{credential.pk}").content.decode()
    assert "Safe Handoffs" in page and "Ana Example" in page
    assert 'badge-earned">Valid' in page
    assert 'property="og:title"' in page and 'property="og:image"' in page


def test_the_public_page_and_downloads_never_show_the_email(
    client: Client, credential: IssuedCredential
) -> None:
    for path in ("", ".json", ".jwt", ".svg"):
        body = client.get(f"/credentials/{credential.pk}{path}").content.decode(errors="replace")
        assert "ana.private" not in body and "mailbox.test" not in body, path


def test_the_linkedin_button_points_at_the_live_page(
    client: Client, credential: IssuedCredential
) -> None:
    response = client.get(f"/credentials/{credential.pk}")
    link = response.context["linkedin_url"]
    params = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert params["startTask"] == "CERTIFICATION_NAME"
    assert params["certUrl"] == f"https://learn.example.org/credentials/{credential.pk}"
    assert params["certId"] == str(credential.pk) and params["name"] == "Safe Handoffs"


def test_a_revoked_credential_page_says_so_at_once(
    client: Client, credential: IssuedCredential
) -> None:
    admin = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(admin)
    credential_revoke(credential=credential, by=admin, reason="Issued to the wrong person")
    page = client.get(f"/credentials/{credential.pk}").content.decode()
    assert "Not valid" in page and "Issued to the wrong person" in page and "revoked" in page
    assert "Add to LinkedIn" not in page


def test_the_status_list_reflects_a_revocation(
    client: Client, credential: IssuedCredential
) -> None:
    from bitewise.engines import ob3

    url = credential.document["credentialStatus"]["statusListCredential"]
    path = urlsplit(url).path
    before = client.get(path).json()
    assert not ob3.StatusList.decode(before["credentialSubject"]["encodedList"]).get(
        credential.status_index
    )
    admin = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(admin)
    credential_revoke(credential=credential, by=admin, reason="Error")
    after = client.get(path).json()
    assert ob3.StatusList.decode(after["credentialSubject"]["encodedList"]).get(
        credential.status_index
    )


def test_the_did_document_is_served_at_the_well_known_path(
    client: Client, credential: IssuedCredential
) -> None:
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == "did:web:learn.example.org"
    assert credential.document["proof"][0]["verificationMethod"] in document["assertionMethod"]


def test_a_learner_hides_a_credential_and_others_get_404(
    client: Client, credential: IssuedCredential
) -> None:
    client.force_login(credential.learner)
    client.post(f"/credentials/{credential.pk}/visibility", {"shows_name": "on", "is_hidden": "on"})
    assert (
        client.get(f"/credentials/{credential.pk}").status_code == 200
    )  # the learner still sees it

    stranger = Client()
    assert stranger.get(f"/credentials/{credential.pk}").status_code == 404
    assert stranger.get(f"/credentials/{credential.pk}.json").status_code == 404
    stranger.force_login(make_user())
    assert stranger.get(f"/credentials/{credential.pk}").status_code == 404


def test_a_learner_can_hide_their_name(client: Client, credential: IssuedCredential) -> None:
    client.force_login(credential.learner)
    client.post(f"/credentials/{credential.pk}/visibility", {})
    assert "Ana Example" not in Client().get(f"/credentials/{credential.pk}").content.decode()


def test_nobody_else_can_change_the_sharing_settings(
    client: Client, credential: IssuedCredential
) -> None:
    client.force_login(make_user())
    assert (
        client.post(f"/credentials/{credential.pk}/visibility", {"is_hidden": "on"}).status_code
        == 404
    )
    credential.refresh_from_db()
    assert not credential.is_hidden


def test_downloads_have_the_right_types(client: Client, credential: IssuedCredential) -> None:
    assert client.get(f"/credentials/{credential.pk}.json")["Content-Type"] == "application/ld+json"
    assert client.get(f"/credentials/{credential.pk}.png").content.startswith(b"\x89PNG")
    assert b"openbadges:credential" in client.get(f"/credentials/{credential.pk}.svg").content
    assert client.get(f"/credentials/{credential.pk}.jwt").content.count(b".") == 2
    assert client.get(f"/credentials/{credential.pk}.exe").status_code == 404


def test_my_badges_and_learner_record(client: Client, credential: IssuedCredential) -> None:
    client.force_login(credential.learner)
    assert "Safe Handoffs" in client.get("/me/credentials/").content.decode()
    record = json.loads(client.get("/me/record.json").content)
    assert "ClrCredential" in record["type"]
    assert record["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"


def test_unknown_credentials_are_404(client: Client) -> None:
    assert client.get("/credentials/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/credentials/not-a-uuid").status_code == 404
