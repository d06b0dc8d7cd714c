"""Staff review actions on a job's transcript: find the lessons again with new bounds, and
correct the words (the captions of its lessons follow)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user, staff_required
from bitewise.engines.text.numbers import whole_number
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.review_forms import CorrectionForm, ResegmentForm
from bitewise.repurposing.services.resegment import repurpose_job_resegment
from bitewise.repurposing.services.transcript_edit import job_transcript_correct
from bitewise.repurposing.staff_selectors import access_job


def _errors(form: ResegmentForm | CorrectionForm) -> str:
    return " ".join(f"{form.fields[name].label or name}: {e}" if name != "__all__" else str(e)
                    for name, errors in form.errors.items() for e in errors)  # fmt: skip


@staff_required
@require_POST
def job_resegment(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    url = reverse("repurposing_staff:detail", kwargs={"job_id": job_id})
    form = ResegmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(url)
    try:
        repurpose_job_resegment(
            job=job,
            by=request_user(request),
            min_minutes=form.cleaned_data["min_minutes"],
            max_minutes=form.cleaned_data["max_minutes"],
        )
    except RepurposeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Finding the lessons again with the new lengths.")
    return redirect(url)


@staff_required
@require_POST
def job_transcript_correct_view(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(job_id=job_id, viewer=request_user(request))
    url = reverse("repurposing_staff:detail", kwargs={"job_id": job_id})
    form = CorrectionForm(request.POST)
    page = request.POST.get("page", "")
    back = f"{url}?page={page}" if whole_number(page, digits=6) is not None else url
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(back)
    first, stop = form.cleaned_data["first"], form.cleaned_data["stop"]
    try:
        changed = job_transcript_correct(
            job=job, by=request_user(request), first=first, stop=stop, texts=form.lines()
        )
    except RepurposeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Corrected {changed} caption{'s' if changed != 1 else ''}."
            if changed
            else "Nothing changed.",
        )
    return redirect(f"{back}#transcript-{first}")
