"""Bitewise as an LTI 1.3 tool, launched by a live LTI 1.3 platform (lti1p3platform) over
HTTP: single sign-on, Deep Linking, scores back through Assignment and Grade Services,
and the launches it must refuse (changing nothing)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from bitewise.accounts.models import User
from bitewise.engines.identity.claims import ClaimMapping
from bitewise.integrations.models import (
    LtiAccount,
    LtiGradeLink,
    LtiNonce,
    LtiPlatform,
    LtiScore,
    OutboxState,
)
from bitewise.learning import services as learning
from bitewise.learning.models import Enrollment
from bitewise.membership.tests.factories import members_only
from bitewise.sso.config import Provider
from bitewise.sso.services import Identity, sso_sign_in
from bitewise.testing import make_micro_credential, make_user, take_assessment
from tests.standards.lti_platform import LtiPlatform as LivePlatform
from tests.standards.lti_platform import running_platform

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def platform(live_server: Any, settings: Any) -> Iterator[LivePlatform]:
    settings.SITE_URL = live_server.url
    with running_platform(tool_url=live_server.url) as live:
        yield live


@pytest.fixture
def registered(platform: LivePlatform) -> LtiPlatform:
    """Staff registered the platform in Bitewise, as its administrator told them."""
    return LtiPlatform.objects.create(
        name="College Moodle",
        issuer=platform.issuer,
        client_id=platform.client_id,
        deployment_ids=["deployment-1"],
        auth_login_url=f"{platform.base_url}/authorize",
        auth_token_url=f"{platform.base_url}/token",
        keyset_url=f"{platform.base_url}/jwks",
    )


def form_of(page: str, marker: str = "") -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the first form whose tag holds ``marker``."""
    for match in re.finditer(r"<form([^>]*)>(.*?)</form>", page, re.S):
        tag, inside = match.groups()
        if marker in tag:
            action = re.search(r'action="([^"]*)"', tag)
            assert action, tag
            fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', inside)
            return action.group(1).replace("&amp;", "&"), dict(fields)
    raise AssertionError(f"no form with {marker!r} in: {page[:2000]}")


def click_link(browser: requests.Session, platform: LivePlatform) -> tuple[str, dict[str, str]]:
    """A person clicks the link in their course: the platform starts the OIDC login, the
    tool sends them back to the platform's authorization endpoint, which answers with the
    launch form (id_token and state) for the tool."""
    page = browser.get(f"{platform.base_url}/start", timeout=20)
    assert page.status_code == 200, page.text[:500]
    return form_of(page.text)


def tampered(id_token: str, **changes: Any) -> str:
    header, payload, signature = id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def nothing_created() -> None:
    assert not LtiAccount.objects.exists()
    assert not LtiGradeLink.objects.exists()
    assert not User.objects.filter(email="learner@college.example").exists()
    assert not Enrollment.objects.exists()


def test_a_course_launch_signs_the_learner_in_and_their_score_goes_back(
    platform: LivePlatform, registered: LtiPlatform, live_server: Any
) -> None:
    mc = make_micro_credential(lessons=1)
    platform.plan.custom = {"micro_credential": mc.slug}
    browser = requests.Session()

    action, fields = click_link(browser, platform)
    landed = browser.post(action, data=fields, timeout=20)

    assert landed.status_code == 200
    assert landed.url == f"{live_server.url}/m/{mc.slug}/"
    assert "Log out" in landed.text  # signed in, no Bitewise password typed
    account = LtiAccount.objects.select_related("user").get()
    learner = account.user
    assert account.subject == "moodle-user-7"
    assert learner.display_name == "Ada Learner"
    # The platform's email claim is only its word: a placeholder address, nobody's mailbox.
    assert learner.email.endswith("@lti.invalid")
    assert not User.objects.filter(email="learner@college.example").exists()
    assert Enrollment.objects.filter(learner=learner, micro_credential=mc).exists()
    link = LtiGradeLink.objects.get()
    assert link.lineitem_url == f"{platform.base_url}/lineitems/rl-1"

    # The learner reads the lessons and passes the assessment: the platform gets 100/100.
    for membership in mc.memberships.all():
        learning.lesson_complete(learner=learner, lesson=membership.lesson)
    take_assessment(learner, mc, correctly=True)

    assert platform.errors == []
    assert len(platform.scores) == 1
    score = platform.scores[0]
    assert score["lineitem"] == "/lineitems/rl-1"
    assert (score["userId"], score["scoreGiven"], score["scoreMaximum"]) == (
        "moodle-user-7",
        100.0,
        100.0,
    )
    assert (score["activityProgress"], score["gradingProgress"]) == ("Completed", "FullyGraded")
    assert LtiScore.objects.get().state == OutboxState.SENT

    # A second launch by the same platform user finds the same account.
    again = requests.Session()
    action, fields = click_link(again, platform)
    assert again.post(action, data=fields, timeout=20).status_code == 200
    assert LtiAccount.objects.get().user == learner
    assert User.objects.count() == 1


def test_deep_linking_lets_an_instructor_pick_content_for_the_course(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    mc = make_micro_credential(lessons=2, title="Safe handoffs")
    lesson = mc.memberships.order_by("position").first().lesson
    platform.plan.deep_linking = True
    browser = requests.Session()

    action, fields = click_link(browser, platform)
    picker = browser.post(action, data=fields, timeout=20)
    assert picker.status_code == 200 and "Safe handoffs" in picker.text
    pick_action, pick_fields = form_of(picker.text, "/lti/deep-link")
    back = browser.post(
        requests.compat.urljoin(action, pick_action),
        data={**pick_fields, "item": [f"mc:{mc.pk}", f"lesson:{mc.pk}:{lesson.pk}"]},
        headers={"Referer": action},
        timeout=20,
    )
    assert back.status_code == 200, back.text[:500]
    return_action, return_fields = form_of(back.text, "data-auto-submit")
    assert return_action == f"{platform.base_url}/deep-link-return"
    assert requests.post(return_action, data=return_fields, timeout=20).status_code == 200

    assert platform.errors == []
    items = platform.deep_link_items
    assert [item["custom"] for item in items] == [
        {"micro_credential": mc.slug},
        {"micro_credential": mc.slug, "lesson": str(lesson.pk)},
    ]
    assert [item["lineItem"]["scoreMaximum"] for item in items] == [100, 1]
    assert all(item["type"] == "ltiResourceLink" for item in items)
    assert not LtiAccount.objects.exists()  # picking content signs nobody in


def test_a_tampered_id_token_is_refused_with_a_page_and_creates_nothing(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    platform.plan.custom = {"micro_credential": make_micro_credential(lessons=1).slug}
    browser = requests.Session()
    action, fields = click_link(browser, platform)

    forged = tampered(fields["id_token"], email="admin@bitewise.example", sub="someone-else")
    refused = browser.post(action, data={**fields, "id_token": forged}, timeout=20)

    assert refused.status_code == 400
    assert "not valid: its signature or dates do not check out" in refused.text
    nothing_created()


def test_a_deployment_bitewise_does_not_know_is_refused(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    platform.plan.custom = {"micro_credential": make_micro_credential(lessons=1).slug}
    platform.plan.deployment_id = "deployment-unknown"
    browser = requests.Session()
    action, fields = click_link(browser, platform)

    refused = browser.post(action, data=fields, timeout=20)

    assert refused.status_code == 400
    assert "deployment id is not registered with Bitewise" in refused.text
    nothing_created()


def test_a_replayed_launch_is_refused_and_changes_nothing(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    platform.plan.custom = {"micro_credential": make_micro_credential(lessons=1).slug}
    browser = requests.Session()
    action, fields = click_link(browser, platform)
    assert browser.post(action, data=fields, timeout=20).status_code == 200
    accounts, nonces = LtiAccount.objects.count(), LtiNonce.objects.count()

    # Someone who captured the posted form sends it again (with the victim's cookies even).
    replayed = browser.post(action, data=fields, timeout=20)

    assert replayed.status_code == 400
    assert "already been used" in replayed.text
    assert (LtiAccount.objects.count(), LtiNonce.objects.count()) == (accounts, nonces)


def test_an_email_already_used_by_a_bitewise_account_is_not_taken_over(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    owner = make_user(email="learner@college.example")
    platform.plan.custom = {"micro_credential": make_micro_credential(lessons=1).slug}
    browser = requests.Session()
    action, fields = click_link(browser, platform)

    landed = browser.post(action, data=fields, timeout=20)

    # The platform is not trusted with verified emails: the launch gets an account of its
    # own, and the owner's stays theirs alone.
    assert landed.status_code == 200 and "Log out" in landed.text
    learner = LtiAccount.objects.get().user
    assert learner != owner and learner.email.endswith("@lti.invalid")
    assert not Enrollment.objects.filter(learner=owner).exists()


def test_the_owner_of_the_claimed_address_signing_in_through_sso_gets_their_own_account(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    platform.plan.custom = {"micro_credential": make_micro_credential(lessons=1).slug}
    browser = requests.Session()
    action, fields = click_link(browser, platform)
    assert browser.post(action, data=fields, timeout=20).status_code == 200
    lms_user = LtiAccount.objects.get().user

    # The real owner of learner@college.example signs in through the association's
    # identity provider, which has verified the address.
    provider = Provider(
        slug="association", label="Association", protocol="oidc", mapping=ClaimMapping()
    )
    owner = sso_sign_in(
        identity=Identity(
            provider=provider,
            subject="idp-42",
            claims={"email": "learner@college.example", "email_verified": True},
        )
    )

    assert owner != lms_user and owner.email == "learner@college.example"
    assert not Enrollment.objects.filter(learner=owner).exists()


def test_a_trusted_platform_links_a_learner_by_email_but_never_a_staff_account(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    registered.asserts_verified_emails = True
    registered.save()
    admin = make_user(email="learner@college.example", role="admin")
    platform.plan.custom = {"micro_credential": make_micro_credential(lessons=1).slug}
    browser = requests.Session()
    action, fields = click_link(browser, platform)

    refused = browser.post(action, data=fields, timeout=20)

    assert refused.status_code == 400
    assert "already uses this email address" in refused.text
    assert not LtiAccount.objects.exists() and not LtiNonce.objects.exists()

    admin.email = "staff@college.example"
    admin.save()
    owner = make_user(email="learner@college.example")
    browser = requests.Session()
    action, fields = click_link(browser, platform)
    assert browser.post(action, data=fields, timeout=20).status_code == 200
    assert LtiAccount.objects.get().user == owner


def test_a_link_naming_no_published_content_is_refused(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    platform.plan.custom = {"micro_credential": "no-such-thing"}
    browser = requests.Session()
    action, fields = click_link(browser, platform)

    refused = browser.post(action, data=fields, timeout=20)

    assert refused.status_code == 400
    assert "names no published Bitewise micro-credential" in refused.text
    nothing_created()


def test_an_unregistered_platform_is_refused_at_login(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    registered.delete()
    page = requests.get(f"{platform.base_url}/start", timeout=20)
    assert page.status_code == 400
    assert "not registered with Bitewise" in page.text


def test_our_jwks_publishes_the_rs256_key_that_signs(live_server: Any) -> None:
    keys = requests.get(f"{live_server.url}/lti/jwks", timeout=10).json()["keys"]
    assert [(k["kty"], k["alg"], k["use"]) for k in keys] == [("RSA", "RS256", "sig")]
    assert "d" not in keys[0]  # no private part


def test_a_link_to_members_only_content_refuses_a_non_member_with_the_lti_page(
    platform: LivePlatform, registered: LtiPlatform
) -> None:
    mc = make_micro_credential(title="For members")
    members_only(mc)
    platform.plan.custom = {"micro_credential": mc.slug}
    browser = requests.Session()
    action, fields = click_link(browser, platform)

    refused = browser.post(action, data=fields, timeout=20)

    assert refused.status_code == 400
    assert "members" in refused.text.lower()
    assert not LtiGradeLink.objects.exists() and not Enrollment.objects.exists()
