"""Search pages: results, as-you-type suggestions, the recording player, brush up."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from bitewise.accounts.access import request_user_or_none
from bitewise.accounts.models import User
from bitewise.catalog.models import Skill
from bitewise.catalog.selectors import access_lesson
from bitewise.engines.text.clock import clock
from bitewise.membership.entitlements import (
    AccessRefused,
    access_require,
    lesson_access_require,
    lessons_open_to,
)
from bitewise.reviews.selectors import forgotten_first
from bitewise.search import selectors
from bitewise.search.models import DocumentKind, Transcript, TranscriptPassage
from bitewise.search.recordings import passage_placement
from bitewise.webinars.selectors import access_webinar

SUGGESTIONS = 6


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if kind not in DocumentKind.values:
        kind = ""
    hits = (
        selectors.search(query=query, user=request_user_or_none(request), kind=kind, limit=20)
        if query
        else []
    )
    return render(
        request,
        "search/results.html",
        {"query": query, "kind": kind, "hits": hits, "kinds": DocumentKind.choices},
    )


def suggest(request: HttpRequest) -> JsonResponse:
    """Results as the learner types, for the header box's listbox."""
    query = request.GET.get("q", "").strip()
    hits = (
        selectors.search(query=query, user=request_user_or_none(request), limit=SUGGESTIONS)
        if query
        else []
    )
    results = [
        {
            "title": h.title,
            "kind": h.kind,
            "kind_label": DocumentKind(h.kind).label,
            "snippet": h.snippet,
            "url": h.url,
            "at": h.clock,
        }
        for h in hits
    ]
    return JsonResponse({"query": query, "results": results})


def play(request: HttpRequest, passage_id: int) -> HttpResponse:
    """A passage of a recording, playing from ``?t=`` seconds (W3C Media Fragments ``#t=``) of
    the media of the lesson whose range holds it, else of the recording itself."""
    passage = get_object_or_404(
        TranscriptPassage.objects.select_related("transcript__webinar"), pk=passage_id
    )
    transcript, user = passage.transcript, request_user_or_none(request)
    placement, recording = passage_placement(passage)
    context: dict[str, Any] = {"passage": passage, "in_lesson": placement.lesson_id is not None}
    if placement.lesson_id is not None:
        lesson = access_lesson(lesson_id=placement.lesson_id, user=user)
        try:  # members only or priced: as closed as the lesson page
            lesson_access_require(person=user, lesson=lesson)
        except AccessRefused:
            if user is None:
                return redirect_to_login(request.get_full_path())
            raise
        context.update(title=lesson.title, source=lesson.media_source, kind=lesson.media_kind)
        context["lesson_url"] = selectors.lesson_links([lesson.pk]).get(lesson.pk, "")
    elif transcript.webinar is not None:
        if user is None:  # the webinar page shows its recording to signed-in learners only
            return redirect_to_login(request.get_full_path())
        webinar = access_webinar(webinar_id=transcript.webinar.pk, user=user)
        access_require(person=user, target=webinar)  # its recording is what is sold
        context.update(title=webinar.title, source=webinar.recording_source, kind="")
        context["webinar"] = webinar
    else:
        # a part of the recording no lesson plays: for whoever may open a lesson playing it
        if not (selectors.sees_drafts(user) or _opens_any(recording.players, user)):
            raise Http404("No such passage")
        context.update(title=transcript.title, source=_recording_url(transcript), kind="")
    if not context["source"]:
        raise Http404("This recording is no longer available")
    try:
        at = max(0, int(request.GET.get("t", int(placement.at))))
    except ValueError:
        at = int(placement.at)
    if context.get("lesson_url"):
        context["lesson_url"] += f"?t={at}"
    context.update(at=at, clock=clock(at), is_audio=_is_audio(context["source"], context["kind"]))
    return render(request, "search/play.html", context)


def _opens_any(lesson_ids: tuple[int, ...], user: User | None) -> bool:
    return lessons_open_to(user).filter(pk__in=lesson_ids).exists()


def _recording_url(transcript: Transcript) -> str:
    if transcript.recording_file:
        return str(default_storage.url(transcript.recording_file))
    return transcript.recording_url


def _is_audio(source: str, kind: str) -> bool:
    if kind:
        return kind == "audio"
    return source.lower().split("?")[0].endswith((".mp3", ".m4a", ".ogg", ".oga", ".wav", ".aac"))


@login_required
def brush_up(request: HttpRequest, skill_slug: str) -> HttpResponse:
    """Before a task: the items this learner is most likely to have forgotten on a skill, and
    the single most relevant short passage."""
    skill = get_object_or_404(Skill, slug=skill_slug)
    user = request_user_or_none(request)
    assert user is not None
    items = forgotten_first(learner=user, skill_id=skill.pk, limit=5)
    passage = selectors.best_passage(skill=skill, user=user)
    links = selectors.lesson_links([item.lesson_id for item in items])
    rows = [
        {
            "item": item,
            "percent": round(100 * item.predicted_recall),
            "url": links.get(item.lesson_id),
        }
        for item in items
    ]
    return render(
        request, "search/brush_up.html", {"skill": skill, "rows": rows, "passage": passage}
    )
