"""The access rules come from the shared cache under a version every rule and tier write
bumps: a change is seen at once, and a page seen again reads no rule. The catalog's
"included in my membership" filter reads the person's facts only when a rule is closed."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bitewise.accounts.models import Role
from bitewise.membership.entitlements import decision_for
from bitewise.membership.rule_cache import rules_version
from bitewise.membership.tests.factories import make_member, make_tier, members_only, priced
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str, expect: int = 200) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == expect, url
    return [q["sql"] for q in captured.captured_queries]


# Rules read in the transaction that wrote them stay out of the cache until it commits:
# the tests that count cached reads commit their writes (transaction=True).
committed = pytest.mark.django_db(transaction=True)


@committed
def test_a_decision_reads_the_rules_once_then_from_the_cache() -> None:
    mc = make_micro_credential()
    priced(mc, "30.00", None)

    with CaptureQueriesContext(connection) as cold:
        assert decision_for(person=None, target=mc).reason == "priced"
    with CaptureQueriesContext(connection) as warm:
        assert decision_for(person=None, target=mc).reason == "priced"

    assert [q["sql"] for q in cold.captured_queries if "membership_accessrule" in q["sql"]]
    assert len(cold) == 1 and len(warm) == 0


@committed
def test_a_rule_change_is_seen_at_once_on_the_lesson_page(client: Client) -> None:
    mc = make_micro_credential()
    lesson = mc.lessons.first()
    assert lesson is not None
    client.force_login(make_user())
    url = f"/m/{mc.slug}/lessons/{lesson.pk}/"
    assert client.get(url).status_code == 200  # open: the rules are now cached
    version = rules_version()

    members_only(mc)

    assert rules_version() != version
    refused = client.get(url)
    assert refused.status_code == 302 and refused["Location"] == f"/m/{mc.slug}/"


@committed
def test_a_tier_change_is_seen_at_once() -> None:
    silver, gold = make_tier("Silver", 10), make_tier("Gold", 20)
    mc = make_micro_credential()
    members_only(mc, tier=gold)
    member = make_user()
    make_member(member, tier=silver)
    assert decision_for(person=member, target=mc).reason == "tier"  # cached now

    make_tier("Gold", 5)  # Gold now ranks under Silver

    assert decision_for(person=member, target=mc).reason == "membership"


def test_rules_read_in_a_transaction_rolled_back_never_reach_the_cache() -> None:
    mc = make_micro_credential()

    with pytest.raises(RuntimeError), transaction.atomic():
        members_only(mc)
        assert decision_for(person=None, target=mc).reason == "sign_in"  # seen here only
        raise RuntimeError("rolled back")

    assert decision_for(person=None, target=mc).reason == "open"


def test_a_rule_write_that_changes_nothing_keeps_the_version() -> None:
    mc = make_micro_credential()
    members_only(mc)
    version = rules_version()

    members_only(mc)

    assert rules_version() == version


def test_the_admin_cannot_write_rules_around_the_service(client: Client) -> None:
    mc = make_micro_credential()
    rule = members_only(mc)
    client.force_login(make_user(role=Role.ADMIN))

    assert client.get("/admin/membership/accessrule/").status_code == 200
    assert client.get("/admin/membership/accessrule/add/").status_code == 403
    change = client.post(f"/admin/membership/accessrule/{rule.pk}/change/", {"mode": "open"})
    delete = client.post(f"/admin/membership/accessrule/{rule.pk}/delete/", {"post": "yes"})

    assert change.status_code in (200, 403) and delete.status_code == 403
    rule.refresh_from_db()
    assert rule.mode == "members"


@committed
def test_the_included_filter_reads_no_facts_when_nothing_is_closed(client: Client) -> None:
    learner = make_user()
    make_member(learner, tier=make_tier())
    for _ in range(3):
        make_micro_credential(lessons=1, quiz=False)
    client.force_login(learner)
    _queries(client, "/")  # the rules, the session: cached from here

    everything = _queries(client, "/")
    included = _queries(client, "/?included=on")

    assert not [sql for sql in included if "membership_" in sql], included
    # The user, the page's count, its items, their skills, the pathways: no rule, no facts
    # (the person's facts were read here before, closed rules or not).
    assert len(included) == len(everything) == 5, included


@committed
def test_the_included_filter_reads_the_facts_once_when_a_rule_is_closed(client: Client) -> None:
    learner = make_user()
    closed = make_micro_credential(title="Closed one", lessons=1, quiz=False)
    make_member(learner, tier=make_tier())
    members_only(closed, tier=make_tier("Platinum", 30))
    make_micro_credential(title="Open one", lessons=1, quiz=False)
    client.force_login(learner)
    _queries(client, "/?included=on")

    included = _queries(client, "/?included=on")
    body = client.get("/?included=on").content.decode()

    facts = [sql for sql in included if "membership_membership" in sql]
    assert len(facts) == 1, included  # the facts, read once for the filter and the cards
    assert len(included) == 5 + 3, included  # the person's facts: three queries
    assert "Open one" in body and "Closed one" not in body
