from __future__ import annotations

import json

import pytest
from django.test import Client

from bitewise.credentials.models import IssuedCredential
from bitewise.testing import earn, make_micro_credential, make_user
from bitewise.wallets.models import Exchange

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential(lessons=1))
    return IssuedCredential.objects.select_related("learner").get()


def test_a_learner_gets_a_wallet_link_for_their_own_badge(
    client: Client, issued: IssuedCredential
) -> None:
    client.force_login(issued.learner)

    page = client.post(f"/me/credentials/{issued.pk}/wallet")

    exchange = Exchange.objects.get()
    assert page.status_code == 200
    assert f"/wallet/exchanges/{exchange.pk}".encode() in page.content
    assert b"lcw.app/request.html?request=" in page.content


def test_nobody_else_can_start_a_claim(client: Client, issued: IssuedCredential) -> None:
    client.force_login(make_user())

    page = client.post(f"/me/credentials/{issued.pk}/wallet")

    assert page.status_code == 404 and not Exchange.objects.exists()


def test_the_exchange_answers_junk_with_a_problem_not_a_crash(
    client: Client, issued: IssuedCredential
) -> None:
    client.force_login(issued.learner)
    client.post(f"/me/credentials/{issued.pk}/wallet")
    url = f"/wallet/exchanges/{Exchange.objects.get().pk}"

    not_json = client.post(url, data=b"{", content_type="application/json")
    not_object = client.post(url, data=b"[]", content_type="application/json")
    early = client.post(
        url, data=json.dumps({"verifiablePresentation": {}}), content_type="application/json"
    )
    unknown = client.post(
        "/wallet/exchanges/00000000-0000-4000-8000-000000000000",
        data=b"{}",
        content_type="application/json",
    )

    assert (not_json.status_code, not_object.status_code, early.status_code) == (400, 400, 409)
    assert unknown.status_code == 404 and unknown.json()["detail"] == "No such exchange."
    assert Exchange.objects.get().state == "pending"
