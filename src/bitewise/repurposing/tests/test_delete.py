"""Staff delete a job and its files (recording, clips, transcript) after confirming, through one
service with one permission check; lessons published from it keep their media and keep
working; a worker still running it stops and leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.catalog.services import micro_credential_publish
from bitewise.credentials.models import Issuer
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.delete import repurpose_job_delete
from bitewise.repurposing.services.index import repurpose_job_index
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.publish import repurpose_job_publish
from bitewise.repurposing.services.run import repurpose_job_run, segment_clip_cut
from bitewise.repurposing.tasks import repurpose_job_run_task
from bitewise.repurposing.tests.support import webinar_vtt
from bitewise.search.models import Document, DocumentKind
from bitewise.search.selectors import search
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"repurposing_staff:{name}", args=args)


def files_in(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def job_files(job: RepurposeJob) -> set[str]:
    return {job.media_file.name, *(s.clip.name for s in job.segments.all())}


def test_staff_confirm_then_the_job_and_all_its_files_go(
    client: Client,
    author: User,
    recorded_job: RepurposeJob,
    media_root: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    owned = job_files(recorded_job)
    assert len(owned) == 4 and owned <= files_in(media_root)  # a recording and three clips
    client.force_login(author)

    confirm = client.get(url("delete", recorded_job.pk))
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Delete “Budget webinar”?" in page and "the recording and 3 clips" in page
    assert RepurposeJob.objects.filter(pk=recorded_job.pk).exists()  # asking deletes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("delete", recorded_job.pk), follow=True)

    assert "Deleted “Budget webinar” and its files." in response.content.decode()
    assert not RepurposeJob.objects.filter(pk=recorded_job.pk).exists()
    assert not DraftSegment.objects.exists()  # and its transcript, in the job's row
    assert not owned & files_in(media_root)


def test_an_author_cannot_delete_someone_elses_job_or_a_published_one(
    client: Client, recorded_job: RepurposeJob, author: User, media_root: Path
) -> None:
    other = make_user(role="author")  # a colleague: staff of the same issuer, who sees the job
    Issuer.objects.create(name="Finance Society", slug="finance-society").staff.add(author, other)
    client.force_login(other)

    assert client.get(url("delete", recorded_job.pk)).status_code == 403
    response = client.post(url("delete", recorded_job.pk), follow=True)
    assert "Only an admin can delete" in response.content.decode()
    repurpose_job_publish(job=recorded_job, by=author)
    with pytest.raises(RepurposeError, match="Only an admin"):
        repurpose_job_delete(job=recorded_job, by=author)

    assert RepurposeJob.objects.filter(pk=recorded_job.pk).exists()
    assert job_files(recorded_job) <= files_in(media_root)


def test_learners_cannot_reach_deletion(client: Client, recorded_job: RepurposeJob) -> None:
    client.force_login(make_user())

    assert client.get(url("delete", recorded_job.pk)).status_code == 403
    assert client.post(url("delete", recorded_job.pk)).status_code == 403
    assert RepurposeJob.objects.filter(pk=recorded_job.pk).exists()


def test_deleting_a_published_job_keeps_its_lessons_media_and_search(
    client: Client,
    recorded_job: RepurposeJob,
    author: User,
    admin: User,
    media_root: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    credential = repurpose_job_publish(job=recorded_job, by=author)
    micro_credential_publish(micro_credential=credential, by=None)
    repurpose_job_index(job_id=recorded_job.pk)
    lessons = [s.lesson for s in recorded_job.segments.order_by("position")]
    recording = recorded_job.media_file.name
    placed = Document.objects.filter(kind=DocumentKind.PASSAGE, lesson__isnull=False).count()

    with django_capture_on_commit_callbacks(execute=True):
        files = repurpose_job_delete(job=recorded_job, by=admin)

    assert files.deleted == (recording,)  # the lessons play their clips, not the recording
    assert recording not in files_in(media_root)
    for lesson in lessons:
        assert lesson is not None and lesson.media_file.name in files_in(media_root)
    learner = make_user()
    client.force_login(learner)
    first = lessons[0]
    assert first is not None
    page = client.get(reverse("learning:lesson", args=[credential.slug, first.pk]))
    assert page.status_code == 200 and first.media_file.url in page.content.decode()
    # passages in the lessons are still found; those only the recording held are gone
    assert Document.objects.filter(kind=DocumentKind.PASSAGE).count() == placed
    assert search(query="quokka mnemonic", user=learner, kind=DocumentKind.PASSAGE)


def test_a_published_jobs_recording_that_lessons_play_is_kept(
    recorded_job: RepurposeJob,
    author: User,
    admin: User,
    media_root: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    for segment in recorded_job.segments.all():  # no clips: lessons play ranges of it
        segment.clip.delete(save=True)
    repurpose_job_publish(job=recorded_job, by=author)
    recording = recorded_job.media_file.name

    with django_capture_on_commit_callbacks(execute=True):
        files = repurpose_job_delete(job=recorded_job, by=admin)

    assert files.kept_for_lessons == (recording,) and files.deleted == ()
    assert recording in files_in(media_root)


def test_a_queued_job_deleted_before_its_worker_came_is_skipped(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    upload = SimpleUploadedFile("t.vtt", webinar_vtt().encode())
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(by=author, title="T", transcript=upload)
    repurpose_job_delete(job=job, by=author)

    assert repurpose_job_run_task.call(job.pk) == "deleted"
    assert repurpose_job_run(job_id=job.pk) is None


def test_a_clip_cut_after_its_job_was_deleted_leaves_no_file(
    recorded_job: RepurposeJob,
    author: User,
    media_root: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    segment = recorded_job.segments.get(position=0)  # as a worker still holds it
    with django_capture_on_commit_callbacks(execute=False):  # its files not yet removed
        repurpose_job_delete(job=recorded_job, by=author)
    before = files_in(media_root)

    segment_clip_cut(recorded_job, segment)  # the worker carries on, then finds it gone

    assert files_in(media_root) == before


def test_deleting_an_unknown_job_is_a_404(client: Client, admin: User) -> None:
    client.force_login(admin)

    assert client.post(url("delete", 999_999)).status_code == 404
