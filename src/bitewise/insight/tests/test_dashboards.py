"""Staff dashboards: staff only, a bounded number of queries whatever the data size, every
table downloadable as CSV, the event report as PDF, bad filters refused with a message."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import Role
from bitewise.insight import charts
from bitewise.insight.selectors.activity import Figure
from bitewise.insight.services.rollups import rollups_refresh_due
from bitewise.insight.tests.world import World, build_world
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def pages(world: World) -> dict[str, str]:
    return {
        "overview": reverse("insight:overview"),
        "retention": reverse("insight:retention"),
        "items": reverse("insight:items"),
        "funnel": reverse("insight:funnel") + f"?of=mc-{world.micro_credential.pk}",
        "pathway": reverse("insight:funnel") + f"?of=pathway-{world.pathway.pk}",
        "lift_events": reverse("insight:lift_events"),
        "lift": reverse("insight:lift", args=[world.event.pk]),
        "credentials": reverse("insight:credentials") + "?start=2020-01-01&end=2099-12-31",
        "ce": reverse("insight:ce"),
    }


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(make_user(role=Role.AUTHOR))
    return client


def test_learners_and_visitors_cannot_see_the_dashboards(client: Client) -> None:
    world = build_world(learners=6)
    for name, url in pages(world).items():
        assert client.get(url).status_code == 302, name  # to the login page
    client.force_login(world.learners[0])
    for name, url in pages(world).items():
        assert client.get(url).status_code == 403, name


def _query_counts(staff_client: Client, world: World, settings: Any) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    rollups_refresh_due()
    cache.clear()  # each page built, none read from the cache
    for name, url in pages(world).items():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url)
        assert response.status_code == 200, (name, response.content[:300])
        counts[name] = len(queries)
    return counts


def test_every_page_answers_in_a_bounded_number_of_queries(
    staff_client: Client, settings: Any
) -> None:
    small = _query_counts(staff_client, build_world(learners=6, seed=1), settings)
    bigger = _query_counts(staff_client, build_world(learners=18, seed=2), settings)
    assert small == bigger  # the count does not grow with learners, answers or checks
    assert max(bigger.values()) <= 20, bigger


def test_the_retention_page_draws_the_curve_with_its_table(staff_client: Client) -> None:
    build_world(learners=12)
    body = staff_client.get(reverse("insight:retention")).content.decode()
    # The curve, the calibration, and recall over time per skill, cohort and event.
    assert body.count("<svg") == 5
    assert "Predicted by FSRS" in body and "Observed" in body
    assert "<caption>Recall at each delay" in body
    assert "<caption>Observed recall per skill and delay" in body
    assert "<caption>Observed recall per learning cohort" in body
    assert 'id="chart-skills"' not in body  # ids are on the title and desc
    assert 'aria-labelledby="chart-skills-t chart-skills-d"' in body
    assert 'aria-labelledby="chart-cohorts-t chart-cohorts-d"' in body
    assert 'aria-labelledby="chart-events-t chart-events-d"' in body
    assert "<caption>Observed recall per event" in body
    assert "Spring congress · " in body and "control group held back" in body


def test_every_chart_scrolls_in_a_focusable_region_named_for_it(staff_client: Client) -> None:
    # insight.css keeps a chart at its drawn width in this region, so a phone scrolls it
    # sideways rather than shrinking its text to a few pixels; a keyboard can scroll it too.
    build_world(learners=12)
    body = staff_client.get(reverse("insight:retention")).content.decode()
    region = '<div class="chart-scroll" role="region" tabindex="0" aria-label="Chart: '
    assert body.count(region) == body.count("<svg") == 5
    assert f'{region}Retention curve"><svg' in body
    assert f'{region}Calibration: predicted vs observed recall"><svg' in body


def test_a_chart_region_name_is_escaped() -> None:
    html = charts.figures_chart(
        [Figure("Sep", 3)], chart_id="chart-x", title='Credit <b>"issued"</b>'
    )
    assert 'aria-label="Chart: Credit &lt;b&gt;&quot;issued&quot;&lt;/b&gt;"' in html
    assert "<b>" not in html


def _csv(staff_client: Client, table: str) -> list[list[str]]:
    response = staff_client.get(reverse("insight:retention") + f"?csv={table}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_recall_per_skill_and_cohort_download_with_small_groups_hidden(
    staff_client: Client,
) -> None:
    from django.utils import timezone

    from bitewise.insight.models import RetentionCheck

    world = build_world(learners=12)
    # Four learners learned the items a year earlier: a cohort too small to show.
    early = timezone.now() - timedelta(days=460)
    RetentionCheck.objects.filter(learner__in=world.learners[:4]).update(learned_at=early)
    rows = {tuple(r[:2]): r for r in _csv(staff_client, "recall-per-skill")[1:]}
    handoffs = rows[("Handoff communication", "7")]
    assert int(handoffs[2]) >= 5 and handoffs[4].endswith("%") and " to " in handoffs[5]
    assert {skill for skill, _ in rows} == {"Handoff communication", "Medication safety"}
    # Each row's checks are what the database holds for that skill and delay.
    expected = RetentionCheck.objects.filter(
        answered_at__isnull=False,
        delay_days=7,
        question__lesson__skills__name="Handoff communication",
    ).count()
    assert int(handoffs[3]) == expected
    cohorts = _csv(staff_client, "recall-per-cohort")
    assert cohorts[0][:3] == ["Cohort", "Days after learning", "People"]
    hidden = [r for r in cohorts[1:] if r[0] == f"Learned in {early:%Y-%m}"]
    assert hidden and all(r[2] == "fewer than 5" and r[4] == "" for r in hidden)
    shown = [r for r in cohorts[1:] if r[0] != f"Learned in {early:%Y-%m}"]
    assert shown and all(int(r[2]) >= 5 and r[4].endswith("%") for r in shown)


def test_recall_per_event_downloads_with_a_small_event_hidden(staff_client: Client) -> None:
    from bitewise.insight.models import RetentionCheck
    from bitewise.reinforcement.services.events import (
        campaign_create,
        event_create,
        registration_add,
        step_add,
    )

    world = build_world(learners=12)
    # A second event reinforcing the same question, with only three of the learners.
    small = event_create(
        title="Evening meetup", starts_at=world.event.starts_at, time_zone="UTC", kind="other"
    )
    step_add(
        campaign=campaign_create(event=small, title="Nudges"),
        offset_days=1,
        kind="question",
        subject="Again",
        question=world.questions[0],
    )
    for learner in world.learners[:3]:
        registration_add(event=small, learner=learner, source="staff", now=small.starts_at)
    rows = _csv(staff_client, "recall-per-event")
    assert rows[0][:4] == ["Event", "Days after learning", "People", "Checks"]
    day = f"{world.event.starts_at:%Y-%m-%d}"
    congress = [r for r in rows[1:] if r[0] == f"Spring congress · {day}"]
    meetup = [r for r in rows[1:] if r[0] == f"Evening meetup · {day}"]
    assert sorted(r[1] for r in congress) == ["30", "7", "90"]
    assert all(int(r[2]) >= 5 and r[4].endswith("%") and " to " in r[5] for r in congress)
    assert meetup and all(r[2] == "fewer than 5" and r[4] == r[5] == "" for r in meetup)
    # Each check counts once for the congress, though two steps reinforce its question.
    expected = RetentionCheck.objects.filter(answered_at__isnull=False).count()
    assert sum(int(r[3]) for r in congress) == expected
    assert (
        sum(int(r[3]) for r in meetup)
        == RetentionCheck.objects.filter(
            learner__in=world.learners[:3], question=world.questions[0]
        ).count()
    )


def test_a_table_downloads_as_csv_with_the_same_rows(staff_client: Client) -> None:
    world = build_world(learners=12)
    url = reverse("insight:funnel") + f"?of=mc-{world.micro_credential.pk}&csv=funnel"
    response = staff_client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Stage", "People", "Share of enrolled", "Lost since the previous stage"]
    assert rows[1][:2] == ["Enrolled", "12"]
    assert rows[-1][0] == "Completed"


def test_an_unknown_table_is_a_404(staff_client: Client) -> None:
    assert staff_client.get(reverse("insight:items") + "?csv=nope").status_code == 404


def test_the_lift_page_states_the_control_group_and_a_verdict(staff_client: Client) -> None:
    world = build_world(learners=12, holdout_percent=30)
    body = staff_client.get(reverse("insight:lift", args=[world.event.pk])).content.decode()
    assert "Control group: 30% of registrants" in body
    assert "Too small to tell" in body  # 12 learners is far below 20 per group


def test_the_event_report_is_a_pdf(staff_client: Client) -> None:
    world = build_world(learners=6)
    response = staff_client.get(reverse("insight:lift_pdf", args=[world.event.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "query",
    [
        "?start=2026-05-01&end=2026-01-01",
        "?start=yesterday",
    ],
)
def test_a_bad_date_range_is_a_400_with_a_message(staff_client: Client, query: str) -> None:
    response = staff_client.get(reverse("insight:credentials") + query)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize("chosen", ["nothing", "mc-x", "pathway-"])
def test_a_bad_funnel_choice_is_a_400(staff_client: Client, chosen: str) -> None:
    response = staff_client.get(reverse("insight:funnel") + f"?of={chosen}")
    assert response.status_code == 400
    assert "Choose a micro-credential or a pathway" in response.content.decode()


def test_the_item_page_puts_broken_looking_questions_first(staff_client: Client) -> None:
    build_world(learners=12)
    body = staff_client.get(reverse("insight:items")).content.decode()
    assert "<caption>Every question, questions that look broken first" in body


def test_the_staff_dashboard_links_to_insight(staff_client: Client) -> None:
    body = staff_client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("insight:overview") in body


def test_a_page_read_again_comes_from_the_cache_until_its_figures_change(
    staff_client: Client,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bitewise.insight.models import RetentionCheck

    world = build_world(learners=12)
    urls = pages(world)
    for url in urls.values():
        staff_client.get(url)
    for name, url in urls.items():
        # The session's user and, for the lift page, its event: the figures are kept.
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url)
        assert response.status_code == 200, name
        assert len(queries) <= 3, (name, [q["sql"][:80] for q in queries])

    # A recomputed rollup bumps the insight version: the page shows the new figures.
    def body() -> str:
        page = staff_client.get(urls["retention"]).content.decode()
        return page[page.index("<h1>") :]  # the layout's log-out form has a fresh token

    def curve(page: str) -> str:
        table = page[page.index("<caption>Recall at each delay") :]
        return table[: table.index("</table>")]

    before = body()
    answered = RetentionCheck.objects.filter(answered_at__isnull=False)
    answered.update(is_correct=False, answered_at=timezone.now())  # all answered wrong now
    assert body() == before  # still kept
    assert rollups_refresh_due() == 1
    after = body()
    observed_none = 'data-label="Observed">0.0%</td>'
    assert observed_none in curve(after) and observed_none not in curve(before)


def test_a_refused_filter_is_not_kept(staff_client: Client) -> None:
    url = reverse("insight:credentials") + "?start=2026-05-01&end=2026-01-01"
    assert staff_client.get(url).status_code == 400
    assert staff_client.get(url).status_code == 400
