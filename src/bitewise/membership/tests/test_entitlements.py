"""One permission check everywhere: the catalog, the micro-credential page, the lesson
player, subscribing, assessments, the lesson API, webinar and event registration. The
catalog's query count stays bounded with access rules on every card."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.accounts.tests.test_tokens import bearer, token_for
from bitewise.learning import services as learning
from bitewise.learning.models import Attempt, Enrollment
from bitewise.learning.services import attempts
from bitewise.membership.entitlements import AccessRefused, decision_for
from bitewise.membership.tests.factories import make_member, make_tier, members_only, priced
from bitewise.reinforcement.models import EventRegistration
from bitewise.reinforcement.services.events import registration_add
from bitewise.reinforcement.tests.factories import make_event
from bitewise.testing import make_micro_credential, make_pathway, make_user
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Registration
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


def test_members_only_opens_to_current_members_of_the_tier() -> None:
    silver, gold = make_tier("Silver", 10), make_tier("Gold", 20)
    mc = make_micro_credential()
    members_only(mc, tier=gold)
    outsider, silver_member, gold_member, expired = (make_user() for _ in range(4))
    make_member(silver_member, tier=silver)
    make_member(gold_member, tier=gold)
    make_member(expired, tier=gold, expires_on=timezone.localdate() - timedelta(days=1))

    reasons = {
        name: decision_for(person=person, target=mc).reason
        for name, person in [
            ("outsider", outsider),
            ("silver", silver_member),
            ("gold", gold_member),
            ("expired", expired),
            ("visitor", None),
        ]
    }

    assert reasons == {
        "outsider": "members_only",
        "silver": "tier",
        "gold": "membership",
        "expired": "members_only",
        "visitor": "sign_in",
    }


def test_the_lesson_player_and_subscribing_refuse_a_non_member(client: Client) -> None:
    mc = make_micro_credential()
    members_only(mc)
    learner = make_user()
    client.force_login(learner)
    lesson = mc.lessons.first()

    page = client.get(f"/m/{mc.slug}/")
    lesson_page = client.get(f"/m/{mc.slug}/lessons/{lesson.pk}/", follow=True)
    client.post(f"/m/{mc.slug}/subscribe")

    assert "Members only" in page.content.decode()
    assert "for members of the association only" in lesson_page.content.decode()
    assert lesson_page.redirect_chain[-1][0] == f"/m/{mc.slug}/"
    assert not Enrollment.objects.filter(learner=learner).exists()
    with pytest.raises(AccessRefused):
        learning.lesson_complete(learner=learner, lesson=lesson)


def test_a_member_subscribes_and_opens_lessons(client: Client) -> None:
    mc = make_micro_credential()
    members_only(mc)
    learner = make_user()
    make_member(learner)
    client.force_login(learner)
    lesson = mc.lessons.first()

    client.post(f"/m/{mc.slug}/subscribe")
    page = client.get(f"/m/{mc.slug}/lessons/{lesson.pk}/")

    assert Enrollment.objects.filter(learner=learner, is_active=True).exists()
    assert page.status_code == 200
    assert "Included in your membership" in client.get(f"/m/{mc.slug}/").content.decode()


def test_an_assessment_cannot_be_started_without_access() -> None:
    mc = make_micro_credential()
    learner = make_user()
    learning.enrollment_subscribe(learner=learner, micro_credential=mc)
    members_only(mc)  # the rule arrives after the subscription

    with pytest.raises(AccessRefused):
        attempts.attempt_start(learner=learner, micro_credential=mc)
    assert not Attempt.objects.exists()


def test_the_lesson_api_answers_403_with_the_reason(client: Client) -> None:
    mc = make_micro_credential()
    priced(mc, "30.00", None)
    learner = make_user()
    lesson = mc.lessons.first()

    response = client.get(f"/api/lessons/{lesson.pk}", headers=bearer(token_for(learner)))
    subscribe = client.post(
        f"/api/micro-credentials/{mc.slug}/subscription", headers=bearer(token_for(learner))
    )

    assert response.status_code == subscribe.status_code == 403, (
        response.content,
        subscribe.content,
    )
    assert response.json()["detail"] == "This is sold separately: buy it to start."


def test_a_bought_pathway_opens_its_micro_credentials() -> None:
    first, second = make_micro_credential(), make_micro_credential()
    pathway = make_pathway([first, second])
    for mc in (first, second):
        priced(mc, "20.00", None)
    rule = priced(pathway, "35.00", None)
    learner = make_user()
    from bitewise.membership.models import AccessGrant, GrantSource

    AccessGrant.objects.create(person=learner, rule=rule, source=GrantSource.PURCHASE)

    assert decision_for(person=learner, target=first).reason == "grant"
    assert decision_for(person=learner, target=second).reason == "grant"


def test_webinar_registration_checks_access() -> None:
    webinar = make_webinar()
    members_only(webinar)
    outsider, member = make_user(), make_user()
    make_member(member)

    with pytest.raises(WebinarError, match="members of the association"):
        registration_create(learner=outsider, webinar=webinar)
    registration_create(learner=member, webinar=webinar)

    assert list(Registration.objects.values_list("learner", flat=True)) == [member.pk]


def test_event_self_registration_checks_access_but_staff_may_register_anyone() -> None:
    event = make_event(starts_at=timezone.now() + timedelta(days=10))
    members_only(event)
    outsider = make_user()

    with pytest.raises(ValidationError):
        registration_add(event=event, learner=outsider, source="self")
    registration_add(event=event, learner=outsider, source="staff")

    assert EventRegistration.objects.filter(learner=outsider).exists()


def _catalog_queries(client: Client, url: str = "/") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_catalog_query_count_stays_bounded_with_access_rules(client: Client) -> None:
    gold = make_tier()
    learner = make_user()
    make_member(learner, tier=gold)
    client.force_login(learner)
    first = make_micro_credential(lessons=1, quiz=False)
    members_only(first, tier=gold)
    one = _catalog_queries(client)
    one_filtered = _catalog_queries(client, "/?included=on")

    for n in range(11):
        mc = make_micro_credential(lessons=1, quiz=False)
        if n % 3 == 0:
            members_only(mc, tier=gold)
        elif n % 3 == 1:
            priced(mc)
    twelve = _catalog_queries(client)
    twelve_filtered = _catalog_queries(client, "/?included=on")

    assert twelve == one
    assert twelve_filtered == one_filtered
    body = client.get("/").content.decode()
    assert body.count("Included in your membership") == 5
    assert body.count("19 USD") == 4  # members pay the member price


def test_the_catalog_shows_prices_and_filters_what_is_included(client: Client) -> None:
    gold = make_tier()
    included = make_micro_credential(title="Included one")
    members_only(included, tier=gold)
    for_sale = make_micro_credential(title="For sale one")
    priced(for_sale, "49.00", "19.00")
    make_micro_credential(title="Open one")
    learner = make_user()
    make_member(learner, tier=gold)
    client.force_login(learner)

    everything = client.get("/").content.decode()
    mine = client.get("/?included=on").content.decode()

    assert "19 USD" in everything and "member price" in everything
    assert "Included in your membership" in everything
    assert "Included one" in mine and "Open one" in mine
    assert "For sale one" not in mine


def test_a_visitor_sees_members_only_and_prices_in_the_cached_catalog(client: Client) -> None:
    mc = make_micro_credential(title="Closed one")
    assert "Members only" not in client.get("/").content.decode()

    members_only(mc)  # bumps the catalog version: the cached page is not served again

    assert "Members only" in client.get("/").content.decode()


def test_staff_see_everything() -> None:
    mc = make_micro_credential()
    members_only(mc)
    assert decision_for(person=make_user(role=Role.AUTHOR), target=mc).reason == "staff"


def test_a_priced_webinar_and_event_show_their_price_and_buy_button(client: Client) -> None:
    webinar = make_webinar()
    priced(webinar, "15.00", "0")
    event = make_event(starts_at=timezone.now() + timedelta(days=10))
    priced(event, "90.00", "60.00")
    client.force_login(make_user())

    webinar_page = client.get(f"/webinars/{webinar.pk}/").content.decode()
    event_page = client.get(f"/events/{event.pk}/").content.decode()

    assert "Buy for 15 USD" in webinar_page
    assert f"/membership/buy/webinar/{webinar.pk}/" in webinar_page
    assert "Buy for 90 USD" in event_page
