"""Staff pages: upload a recording, follow its job, review and publish the proposed lessons."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user, staff_required
from bitewise.common.limits import accepts_upload
from bitewise.engines.podcasts import MAX_FEED_BYTES
from bitewise.engines.text.sizes import describe_bytes
from bitewise.repurposing.pipeline import outputs
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.review_forms import ResegmentForm
from bitewise.repurposing.review_transcript import transcript_blocks
from bitewise.repurposing.services import review
from bitewise.repurposing.services.delete import can_delete, job_files, repurpose_job_delete
from bitewise.repurposing.services.intake import (
    repurpose_job_create,
    repurpose_job_retry,
    repurpose_jobs_from_feed,
)
from bitewise.repurposing.services.publish import repurpose_job_publish
from bitewise.repurposing.staff_forms import (
    FeedForm,
    NewJobForm,
    PublishForm,
    TimeForm,
    questions_from_post,
)
from bitewise.repurposing.staff_selectors import access_job, job_list, timeline

EXTRA_QUESTION_ROWS = 1
SEGMENTS_PER_PAGE = 12


@accepts_upload("BITEWISE_MAX_MEDIA_BYTES", "BITEWISE_MAX_TRANSCRIPT_BYTES")
@staff_required
def job_new(request: HttpRequest) -> HttpResponse:
    form = NewJobForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = repurpose_job_create(
                by=request_user(request),
                title=data["title"],
                recording=data["recording"],
                transcript=data["transcript"],
                min_minutes=data["min_minutes"],
                max_minutes=data["max_minutes"],
            )
        except RepurposeError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("repurposing_staff:detail", job_id=job.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "feed_form": FeedForm(),
        "jobs": job_list(viewer=request_user(request)),
    }
    return render(request, "repurposing/staff/new.html", context, status=status)


@accepts_upload(MAX_FEED_BYTES)
@staff_required
@require_POST
def feed_upload(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["feed"]
        try:
            if upload.size > MAX_FEED_BYTES:
                raise RepurposeError(f"The feed file is over {describe_bytes(MAX_FEED_BYTES)}.")
            intake = repurpose_jobs_from_feed(by=request_user(request), data=upload.read())
        except RepurposeError as exc:
            form.add_error("feed", str(exc))
        else:
            messages.success(
                request,
                f"Queued {len(intake.jobs)} episode{'s' if len(intake.jobs) != 1 else ''}"
                f" (already queued by you or your colleagues: {intake.already_queued}; "
                f"without a recording: {intake.without_media}).",
            )
            return redirect("repurposing_staff:new")
    context = {
        "form": NewJobForm(),
        "feed_form": form,
        "jobs": job_list(viewer=request_user(request)),
    }
    return render(request, "repurposing/staff/new.html", context, status=400)


@staff_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    segments = list(job.segments.order_by("position"))
    # a long recording's lessons, each with its edit forms, a page at a time
    page = Paginator(segments, SEGMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "repurposing/staff/detail.html",
        {
            "job": job,
            "segments": [(s, _question_rows(s)) for s in page],
            "page": page,
            "total": len(segments),
            "timeline": timeline(job, segments, per_page=SEGMENTS_PER_PAGE),
            # the transcript beside the page's lessons, with the cut points in it
            "transcript": transcript_blocks(job, segments, list(page)),
            "resegment_form": ResegmentForm(
                initial={"min_minutes": job.min_minutes, "max_minutes": job.max_minutes}
            ),
            "publish_form": PublishForm(initial={"title": job.title}),
            "unanswerable": sum(
                1 for s in segments for q in s.questions if len(q.get("choices", [])) < 2
            ),
            "clips_pending": sum(1 for s in segments if s.clip_pending),
            # merging these into the next lesson drops what staff wrote for that one
            "before_edited": {s.position - 1 for s in segments if s.edited},
        },
    )


def _question_rows(segment: Any) -> list[dict[str, Any]]:
    rows = [
        {"prompt": q["prompt"], "answer": q["answer"], "choices": "\n".join(q["choices"])}
        for q in segment.questions
    ]
    return rows + [{"prompt": "", "answer": "", "choices": ""}] * EXTRA_QUESTION_ROWS


@staff_required
def job_progress(request: HttpRequest, job_id: int) -> JsonResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    return JsonResponse(
        {
            "status": job.status,
            "stage": job.get_stage_display(),
            "percent": round(job.percent, 1),
            "elapsed_seconds": job.elapsed_seconds,
            "remaining_seconds": job.remaining_seconds,
            "stalled": job.is_stalled,
            "error": job.error,
        }
    )


@staff_required
def job_segments_json(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    document = [s.as_document() for s in job.segments.order_by("position")]
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="job-{job.pk}-segments.json"'
    return response


@staff_required
def job_chapters(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    chapters = [(s.start, s.end, s.title) for s in job.segments.order_by("position")]
    response = HttpResponse(outputs.chapters_text(chapters), content_type="text/vtt")
    response["Content-Disposition"] = f'attachment; filename="job-{job.pk}-chapters.vtt"'
    return response


@staff_required
def job_delete(request: HttpRequest, job_id: int) -> HttpResponse:
    """Ask first (GET), then delete the job and its files (POST)."""
    job = access_job(job_id=job_id, viewer=request_user(request))
    if request.method == "POST":
        try:
            repurpose_job_delete(job=job, by=request_user(request))
        except RepurposeError as exc:
            messages.error(request, str(exc))
            return redirect(_detail_url(job_id))
        messages.success(request, f"Deleted “{job.title}” and its files.")
        return redirect("repurposing_staff:new")
    files = job_files(job)
    allowed = can_delete(job, request_user(request))
    return render(
        request,
        "repurposing/staff/delete.html",
        {"job": job, "files": files, "allowed": allowed, "clips": job.segments.exclude(clip="")},
        status=200 if allowed else 403,
    )


@staff_required
@require_POST
def job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    return _act(request, job_id, lambda job: repurpose_job_retry(job=job), "Queued again.")


@staff_required
@require_POST
def segment_action(request: HttpRequest, job_id: int, position: int, action: str) -> HttpResponse:
    """merge / split / move / drop / edit one segment."""
    if action not in ("merge", "split", "move", "drop", "edit"):
        raise Http404("No such action")
    if action in ("split", "move"):
        form = TimeForm(request.POST)
        if not form.is_valid():
            messages.error(request, str(form.errors["at"][0]))
            return redirect(_detail_url(job_id, position))
        at = form.cleaned_data["at"]
        act = review.segment_split if action == "split" else review.segment_move_start
        done = "Split." if action == "split" else "Moved."
        return _act(
            request,
            job_id,
            lambda j: act(job=j, position=position, at_seconds=at),
            done,
            position=position,
        )
    if action == "merge":
        return _act(
            request,
            job_id,
            lambda j: review.segment_merge_next(job=j, position=position),
            "Merged.",
            position=position,
        )
    if action == "drop":
        return _act(
            request,
            job_id,
            lambda j: review.segment_drop(job=j, position=position),
            "Dropped.",
            position=max(0, position - 1),
        )
    try:
        count = int(request.POST.get("question_count", ""))
    except ValueError:
        count = -1
    if not 0 <= count <= review.MAX_QUESTIONS + 2:
        messages.error(request, "The form was incomplete; reload the page and edit again.")
        return redirect(_detail_url(job_id, position))
    return _act(
        request,
        job_id,
        lambda j: review.segment_edit(
            job=j,
            position=position,
            title=request.POST.get("title", ""),
            summary=request.POST.get("summary", ""),
            questions=questions_from_post(request.POST, count),
        ),
        "Saved.",
        position=position,
    )


@staff_required
@require_POST
def job_publish(request: HttpRequest, job_id: int) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_detail_url(job_id))
    data = form.cleaned_data
    existing = data["micro_credential"] if data["target"] == "existing" else None
    job = access_job(job_id=job_id, viewer=request_user(request))
    try:
        credential = repurpose_job_publish(
            job=job, by=request_user(request), micro_credential=existing, title=data["title"]
        )
    except RepurposeError as exc:
        messages.error(request, str(exc))
        return redirect(_detail_url(job_id))
    messages.success(request, f"Published {job.segments.count()} lessons to “{credential.title}”.")
    return redirect("staff:micro_credential_edit", pk=credential.pk)


def _detail_url(job_id: int, position: int | None = None) -> str:
    """The job's page; with ``position``, the page of that segment, at it."""
    from django.urls import reverse

    url = reverse("repurposing_staff:detail", kwargs={"job_id": job_id})
    if position is None:
        return url
    return f"{url}?page={position // SEGMENTS_PER_PAGE + 1}#segment-{position + 1}"


def _act(
    request: HttpRequest,
    job_id: int,
    action: Callable[[Any], object],
    done: str,
    *,
    position: int | None = None,
) -> HttpResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    try:
        action(job)
    except RepurposeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(_detail_url(job_id, position))
