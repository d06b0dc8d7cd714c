"""Staff: upload transcripts of recordings so search can land on the right minute."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bitewise.accounts.access import staff_required
from bitewise.accounts.models import User
from bitewise.common.limits import accepts_upload
from bitewise.engines.transcripts import TranscriptError, check_size
from bitewise.search.forms import TranscriptUploadForm
from bitewise.search.limits import transcript_limits
from bitewise.search.models import Transcript
from bitewise.search.services.transcripts import transcript_upload


@accepts_upload("BITEWISE_MAX_TRANSCRIPT_BYTES")
@staff_required
def transcripts(request: HttpRequest) -> HttpResponse:
    form = TranscriptUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            assert isinstance(request.user, User)
            try:
                check_size(upload.size, transcript_limits())  # before reading it into memory
                transcript = transcript_upload(
                    filename=upload.name or "",
                    data=upload.read(),
                    uploaded_by=request.user,
                    lesson=form.cleaned_data.get("lesson"),
                    webinar=form.cleaned_data.get("webinar"),
                )
            except TranscriptError as exc:
                form.add_error("file", str(exc))
            else:
                passages = transcript.passages.count()
                messages.success(
                    request, f"Indexed {transcript.filename}: {passages} passages to search."
                )
                return redirect("search_staff:transcripts")
    recent = Transcript.objects.select_related("lesson", "webinar").annotate(
        passage_count=Count("passages")
    )[:50]
    return render(
        request,
        "search/staff/transcripts.html",
        {"form": form, "transcripts": recent},
        status=status,
    )
