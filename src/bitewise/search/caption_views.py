"""A lesson's captions as a WebVTT file for its player's <track>."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from bitewise.accounts.models import User
from bitewise.engines.transcripts.captions import write_webvtt
from bitewise.search.captions import access_lesson_captions


def lesson_captions_vtt(request: HttpRequest, lesson_id: int) -> HttpResponse:
    user = request.user if isinstance(request.user, User) else None
    cues = access_lesson_captions(lesson_id=lesson_id, user=user)
    response = HttpResponse(write_webvtt(cues), content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"  # a staff correction shows at once
    patch_vary_headers(response, ["Cookie"])
    return response
