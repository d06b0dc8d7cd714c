"""The repurposing review screen's timeline on a phone, for a long recording: every lesson's
number stays readable, however short its part of the recording."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services import review
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.tests.support import webinar_vtt
from bitewise.testing import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]

# numbers a clipped label hides: the label's text wider than its block
CLIPPED = """[...document.querySelectorAll('ol.timeline a')]
  .filter(a => a.scrollWidth > a.clientWidth).map(a => a.textContent)"""


@pytest.fixture
def job_of_many_lessons() -> RepurposeJob:
    """A 40-minute transcript, read by the (immediate) worker, split by staff into 14
    lessons: some of them a few seconds of it, like a podcast's closing words."""
    staff = make_user(role=Role.AUTHOR, email="editor@example.org")
    job = repurpose_job_create(
        by=staff,
        title="Long podcast",
        transcript=SimpleUploadedFile("podcast.vtt", webinar_vtt(cues_per_topic=130).encode()),
    )
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    while job.segments.count() < 13:
        longest = max(job.segments.all(), key=lambda s: s.end - s.start)
        review.segment_split(
            job=job, position=longest.position, at_seconds=(longest.start + longest.end) / 2
        )
    last = job.segments.order_by("position").last()
    assert last is not None
    review.segment_split(job=job, position=last.position, at_seconds=last.end - 20)
    return job


def test_on_a_phone_every_lesson_number_on_the_timeline_is_readable(
    live_server: Any,
    phone_page: Page,
    job_of_many_lessons: RepurposeJob,
    snap: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, job = phone_page, job_of_many_lessons
    page.goto(f"{live_server.url}/accounts/login/?next=/staff/repurpose/{job.pk}/")
    page.get_by_label("Email").fill("editor@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="14 proposed lessons")).to_be_visible()
    timeline = page.get_by_role("list", name="Timeline of the recording")
    expect(timeline.get_by_role("link")).to_have_count(14)
    assert page.evaluate(CLIPPED) == []
    check_fits_phone(page, "Timeline of a long recording (phone)")
    snap(page, "review-timeline-phone")
