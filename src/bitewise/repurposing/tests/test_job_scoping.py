"""Staff of one organisation neither see nor change another's repurposing jobs: not the list,
the review screen, its downloads, the recording and clips, nor any action; their colleagues
(staff of the same issuer) and admins do."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import Role, User
from bitewise.credentials.models import Issuer
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.publish import repurpose_job_publish
from bitewise.repurposing.services.transcript_edit import job_transcript_correct
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"repurposing_staff:{name}", args=args)


@pytest.fixture
def organisations(author: User) -> tuple[Issuer, Issuer]:
    """The author's association, and another one on the same site."""
    ours = Issuer.objects.create(name="Finance Society", slug="finance-society")
    ours.staff.add(author)
    theirs = Issuer.objects.create(name="Nursing Board", slug="nursing-board")
    return ours, theirs


def staff_of(issuer: Issuer) -> User:
    user = make_user(role=Role.AUTHOR)
    issuer.staff.add(user)
    return user


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


READS = ["detail", "progress", "segments_json", "chapters", "delete"]


def test_another_organisations_author_finds_no_trace_of_the_job(
    client: Client, recorded_job: RepurposeJob, organisations: tuple[Issuer, Issuer]
) -> None:
    outsider = signed_in(client, staff_of(organisations[1]))

    for name in READS:
        assert outsider.get(url(name, recorded_job.pk)).status_code == 404, name
    assert recorded_job.title not in outsider.get(url("new")).content.decode()
    clip = recorded_job.segments.exclude(clip="").first()
    assert clip is not None
    assert outsider.get(recorded_job.media_file.url).status_code == 404
    assert outsider.get(clip.clip.url).status_code == 404


def test_another_organisations_author_changes_nothing(
    client: Client, recorded_job: RepurposeJob, organisations: tuple[Issuer, Issuer]
) -> None:
    outsider = signed_in(client, staff_of(organisations[1]))
    cues, segments = list(recorded_job.cues), list(recorded_job.segments.values())

    actions = [
        (url("transcript", recorded_job.pk), {"first": 0, "stop": 1, "text": "Theirs now."}),
        (url("resegment", recorded_job.pk), {"min_minutes": 1, "max_minutes": 3}),
        (url("publish", recorded_job.pk), {"target": "new", "title": "Taken"}),
        (url("segment", recorded_job.pk, 0, "merge"), {}),
        (url("segment", recorded_job.pk, 0, "split"), {"at": "1:00"}),
        (url("segment", recorded_job.pk, 0, "drop"), {}),
        (url("delete", recorded_job.pk), {}),
    ]
    for path, data in actions:
        assert outsider.post(path, data).status_code == 404, path

    recorded_job.refresh_from_db()
    assert recorded_job.status == RepurposeJob.Status.READY
    assert recorded_job.cues == cues
    assert list(recorded_job.segments.values()) == segments


def test_the_services_refuse_another_organisations_author(
    recorded_job: RepurposeJob, organisations: tuple[Issuer, Issuer]
) -> None:
    outsider = staff_of(organisations[1])

    with pytest.raises(PermissionDenied):
        job_transcript_correct(job=recorded_job, by=outsider, first=0, stop=1, texts=["Theirs."])
    with pytest.raises(PermissionDenied):
        repurpose_job_publish(job=recorded_job, by=outsider, title="Taken")

    recorded_job.refresh_from_db()
    assert recorded_job.status == RepurposeJob.Status.READY
    assert recorded_job.cues[0][2] != "Theirs."


def test_colleagues_of_the_same_organisation_and_admins_review_it(
    client: Client, recorded_job: RepurposeJob, organisations: tuple[Issuer, Issuer]
) -> None:
    for user in (staff_of(organisations[0]), make_user(role=Role.ADMIN)):
        reviewer = signed_in(client, user)
        assert reviewer.get(url("detail", recorded_job.pk)).status_code == 200
        assert recorded_job.title in reviewer.get(url("new")).content.decode()
        assert reviewer.get(recorded_job.media_file.url).status_code == 200
        response = reviewer.post(
            url("transcript", recorded_job.pk),
            {"first": 0, "stop": 1, "text": f"Checked by {user.email}."},
        )
        assert response.status_code == 302
        recorded_job.refresh_from_db()
        assert recorded_job.cues[0][2] == f"Checked by {user.email}."


def test_an_author_in_no_organisation_sees_only_their_own_jobs(
    client: Client, recorded_job: RepurposeJob
) -> None:
    loner = signed_in(client, make_user(role=Role.AUTHOR))

    assert loner.get(url("detail", recorded_job.pk)).status_code == 404
    assert recorded_job.title not in loner.get(url("new")).content.decode()
