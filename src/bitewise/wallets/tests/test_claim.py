from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.credentials.models import IssuedCredential
from bitewise.engines.certificates.qr import qr_svg
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


def test_the_owner_finds_the_wallet_claim_on_their_badge_page_and_in_my_badges(
    client: Client, issued: IssuedCredential
) -> None:
    claim = f'href="/me/credentials/{issued.pk}/wallet"'
    client.force_login(issued.learner)

    badge_page = client.get(f"/credentials/{issued.pk}").content.decode()
    my_badges = client.get("/me/credentials/").content.decode()

    assert claim in badge_page and "Add it to your wallet" in badge_page
    assert claim in my_badges


def test_nobody_but_the_owner_sees_the_wallet_claim(
    client: Client, issued: IssuedCredential
) -> None:
    claim = f"/me/credentials/{issued.pk}/wallet"
    anonymous = client.get(f"/credentials/{issued.pk}")
    client.force_login(make_user())
    someone_else = client.get(f"/credentials/{issued.pk}")

    assert anonymous.status_code == someone_else.status_code == 200
    assert claim not in anonymous.content.decode()
    assert claim not in someone_else.content.decode()


def test_a_revoked_badge_offers_no_wallet_claim(client: Client, issued: IssuedCredential) -> None:
    IssuedCredential.objects.filter(pk=issued.pk).update(revoked_at=timezone.now())
    client.force_login(issued.learner)

    assert (
        f"/me/credentials/{issued.pk}/wallet"
        not in client.get(f"/credentials/{issued.pk}").content.decode()
    )
    assert (
        f"/me/credentials/{issued.pk}/wallet" not in client.get("/me/credentials/").content.decode()
    )


def test_the_wallet_link_comes_with_a_qr_code_of_the_same_link(
    client: Client, issued: IssuedCredential
) -> None:
    client.force_login(issued.learner)

    page = client.post(f"/me/credentials/{issued.pk}/wallet").content.decode()

    [link] = re.findall(r'href="(https://lcw\.app/request\.html\?request=[^"]+)"', page)
    wallet_url = html.unescape(link)
    request = json.loads(parse_qs(urlsplit(wallet_url).query)["request"][0])
    assert request["protocols"]["vcapi"].endswith(f"/wallet/exchanges/{Exchange.objects.get().pk}")
    assert qr_svg(wallet_url, title="QR code for your wallet") in page
