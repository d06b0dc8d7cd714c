"""A podcast feed's episodes are queued once per organisation: staff of another issuer who
upload the same feed get jobs of their own and learn nothing of the first upload; the uploader
and their colleagues are told the episodes are queued already, even uploading at once."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import Role, User
from bitewise.credentials.models import Issuer
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.permissions import jobs_visible_to
from bitewise.repurposing.services import intake
from bitewise.repurposing.services.intake import repurpose_jobs_from_feed
from bitewise.repurposing.tests.test_feeds import feed_xml
from bitewise.testing import make_user, run_at_once

FEED = feed_xml("https://pod.example.org", [("ep1", "Dues"), ("ep2", "Volunteers")])


def staff_of(issuer: Issuer) -> User:
    user = make_user(role=Role.AUTHOR)
    issuer.staff.add(user)
    return user


@pytest.fixture
def organisations() -> tuple[Issuer, Issuer]:
    return (
        Issuer.objects.create(name="Finance Society", slug="finance-society"),
        Issuer.objects.create(name="Nursing Board", slug="nursing-board"),
    )


def episodes_of(user: User) -> list[str]:
    jobs = RepurposeJob.objects.filter(created_by=user)
    return sorted(jobs.values_list("episode_guid", flat=True))


@pytest.mark.django_db
def test_each_organisation_queues_the_same_feed_for_itself(
    organisations: tuple[Issuer, Issuer],
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    ours, theirs = staff_of(organisations[0]), staff_of(organisations[1])
    colleague, loner = staff_of(organisations[0]), make_user(role=Role.AUTHOR)

    with django_capture_on_commit_callbacks(execute=False):
        first = repurpose_jobs_from_feed(by=ours, data=FEED)
        second = repurpose_jobs_from_feed(by=theirs, data=FEED)
        again = repurpose_jobs_from_feed(by=ours, data=FEED)
        colleagues = repurpose_jobs_from_feed(by=colleague, data=FEED)
        alone = repurpose_jobs_from_feed(by=loner, data=FEED)
        admins = repurpose_jobs_from_feed(by=make_user(role=Role.ADMIN), data=FEED)

    assert (len(first.jobs), first.already_queued) == (2, 0)
    assert (len(second.jobs), second.already_queued) == (2, 0)
    assert episodes_of(ours) == episodes_of(theirs) == ["ep1", "ep2"]
    assert (again.jobs, again.already_queued) == ([], 2)
    assert (colleagues.jobs, colleagues.already_queued) == ([], 2)
    assert (len(alone.jobs), alone.already_queued) == (2, 0)  # an author in no organisation
    assert (admins.jobs, admins.already_queued) == ([], 2)  # an admin sees every job
    assert RepurposeJob.objects.count() == 6
    assert set(jobs_visible_to(theirs)) == set(second.jobs)


@pytest.mark.django_db
def test_the_upload_page_tells_nothing_of_another_organisations_upload(
    client: Client, organisations: tuple[Issuer, Issuer]
) -> None:
    def upload(user: User) -> str:
        client.force_login(user)
        feed = SimpleUploadedFile("feed.xml", FEED, "application/rss+xml")
        response = client.post(reverse("repurposing_staff:feed"), {"feed": feed})
        assert response.status_code == 302
        *_, message = get_messages(response.wsgi_request)  # the latest
        return str(message)

    ours, theirs = staff_of(organisations[0]), staff_of(organisations[1])

    told = (
        "Queued {} episodes (already queued by you or your colleagues: {}; without a recording: 1)."
    )
    assert upload(ours) == told.format(2, 0)
    assert upload(theirs) == told.format(2, 0)  # nothing of the first organisation's upload
    assert upload(staff_of(organisations[0])) == told.format(0, 2)
    page = client.get(reverse("repurposing_staff:new")).content.decode()
    assert page.count("Volunteers") == 1  # their own job only, not the other organisation's


@pytest.mark.django_db(transaction=True)
def test_colleagues_uploading_the_same_feed_at_once_queue_each_episode_once(
    organisations: tuple[Issuer, Issuer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "_enqueue_all", lambda job_ids: None)  # no worker here
    uploaders = iter([staff_of(organisations[0]), staff_of(organisations[0])])
    outsider = staff_of(organisations[1])
    repurpose_jobs_from_feed(by=outsider, data=FEED)
    # Each upload, having read which episodes are queued, waits for the other to have read
    # too before it writes: two uploads not kept apart would both find nothing queued. Kept
    # apart, the other cannot read until this one commits; the wait gives up and it goes on.
    both_read = threading.Barrier(2)
    bulk_create = RepurposeJob.objects.bulk_create

    def after_both_read(*args: Any, **kwargs: Any) -> list[RepurposeJob]:
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=2)
        return bulk_create(*args, **kwargs)

    monkeypatch.setattr(RepurposeJob.objects, "bulk_create", after_both_read)

    errors = run_at_once(lambda: repurpose_jobs_from_feed(by=next(uploaders), data=FEED), times=2)

    assert errors == []
    ours = RepurposeJob.objects.exclude(created_by=outsider)
    assert sorted(ours.values_list("episode_guid", flat=True)) == ["ep1", "ep2"]
    assert episodes_of(outsider) == ["ep1", "ep2"]
