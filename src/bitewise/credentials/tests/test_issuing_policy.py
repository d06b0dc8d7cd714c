"""Random status indexes, subject ids, and no issuing under an IP-address site URL."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.common.models import DomainEvent
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services import issuing
from bitewise.credentials.services.granting import GrantError, credential_grant
from bitewise.credentials.services.issuers import did_document, issuer_default
from bitewise.learning.models import Award
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def test_status_indexes_are_drawn_at_random_not_in_order(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    mc = make_micro_credential(lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(6):
            earn(make_user(), mc)

    indexes = sorted(IssuedCredential.objects.values_list("status_index", flat=True))

    assert len(set(indexes)) == 6
    assert indexes != list(range(indexes[0], indexes[0] + 6)), "not handed out in order"
    assert indexes[-1] - indexes[0] > 1000, "spread over the list"


def test_a_status_entry_taken_meanwhile_is_signed_again_with_another(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given two awards waiting for credentials, and an allocator that hands out entry 7 to
    # both (as two workers would, the first still signing when the second draws)
    mc = make_micro_credential(lessons=1)
    with django_capture_on_commit_callbacks(execute=False):
        earn(make_user(), mc)
        earn(make_user(), mc)
    first, second = Award.objects.order_by("pk")
    draws = iter([[7], [7], [8]])
    monkeypatch.setattr(issuing, "_free_indexes", lambda status_list, count: next(draws))

    # When both are issued
    one = issuing.credential_issue(award=first)
    two = issuing.credential_issue(award=second)

    # Then the second broke the unique entry, was signed again, and says so in its document
    assert (one.status_index, two.status_index) == (7, 8)
    assert two.document["credentialStatus"]["statusListIndex"] == "8"
    assert IssuedCredential.objects.count() == 2


def test_a_credential_without_a_learner_did_names_its_own_subject_id(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential(lessons=1))
        earn(make_user(), make_micro_credential(lessons=1))

    subjects = [c.document["credentialSubject"]["id"] for c in IssuedCredential.objects.all()]

    assert all(subject.startswith("urn:uuid:") for subject in subjects)
    assert len(set(subjects)) == 2, "credentials are not linked by a shared subject id"


@pytest.fixture
def on_an_ip_address(settings):  # type: ignore[no-untyped-def]
    settings.SITE_URL = "http://192.0.2.10:8000"
    settings.BITEWISE_ISSUE_ON_IP_ADDRESS = False
    return settings


def test_an_award_earned_under_an_ip_address_site_url_waits_for_its_credential(
    on_an_ip_address,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    # Given a site whose URL is an IP address, when a learner earns a micro-credential
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential(lessons=1))

    # Then the award stands, no credential is signed, and its event waits to be delivered again
    assert Award.objects.filter(learner=learner).exists()
    assert not IssuedCredential.objects.exists()
    assert DomainEvent.objects.get(name="credential_earned").handled_at is None

    # And once the site URL is a host name, issue-missing issues it
    on_an_ip_address.SITE_URL = "https://learn.example.org"
    call_command("credentials", "issue-missing")
    credential = IssuedCredential.objects.get(learner=learner)
    assert credential.issuer.did == "did:web:learn.example.org"


def test_the_cli_and_staff_are_told_why_nothing_is_issued_under_an_ip_address(
    on_an_ip_address,  # type: ignore[no-untyped-def]
) -> None:
    learner = make_user()
    mc = make_micro_credential(lessons=1)
    staff = make_user(role=Role.ADMIN)
    staff.is_superuser = True
    staff.save()

    with pytest.raises(CommandError, match="IP address"):
        call_command("credentials", "issue", "--learner", learner.email, "--achievement", mc.slug)
    with pytest.raises(GrantError, match="BITEWISE_SITE_URL"):
        credential_grant(by=staff, email=learner.email, achievement=mc)
    with pytest.raises(CommandError, match="IP address"):
        call_command("credentials", "issue-missing")

    assert not Award.objects.exists() and not IssuedCredential.objects.exists()


def test_the_demo_may_issue_under_an_ip_address(
    on_an_ip_address,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    on_an_ip_address.BITEWISE_ISSUE_ON_IP_ADDRESS = True
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential(lessons=1))

    assert IssuedCredential.objects.get().issuer.did == "did:web:192.0.2.10%3A8000"


def test_the_jwks_lists_every_json_web_key_of_the_did_document(client: Client) -> None:
    response = client.get("/.well-known/jwks.json")
    document = did_document(issuer=issuer_default())

    kids = [key["kid"] for key in response.json()["keys"]]
    methods = {m["id"] for m in document["verificationMethod"] if m["type"] == "JsonWebKey"}

    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(kids) == methods and set(kids) <= set(document["assertionMethod"])
    assert {key["alg"] for key in response.json()["keys"]} == {"RS256", "EdDSA"}
    assert all("d" not in key for key in response.json()["keys"])


def test_an_unknown_jwt_alg_is_a_clear_400(
    client: Client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential(lessons=1))
    credential = IssuedCredential.objects.get()

    response = client.get(f"/credentials/{credential.pk}.jwt?alg=HS256")

    assert response.status_code == 400 and b"RS256" in response.content
