"""Uploaded files: who may fetch one, decided in one place from the objects that use it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils._os import safe_join

from bitewise.accounts.models import User
from bitewise.catalog.selectors import lessons_visible_to
from bitewise.engines.uploads import HEAD_BYTES, Content, identify
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.webinars.models import Webinar
from bitewise.webinars.selectors import access_webinar


@dataclass(frozen=True)
class MediaFile:
    path: Path
    content: Content  # what the bytes are, whatever the name says


def access_media_file(*, name: str, user: User | None) -> MediaFile:
    """The stored file ``name`` (relative to MEDIA_ROOT) when ``user`` may see something that
    uses it: a lesson they may open, a webinar recording they may watch (signed in), or, for
    staff, a repurposing recording or clip. A file nothing uses is nobody's.
    Raises Http404 for "missing" and "not yours" alike."""
    root = os.path.abspath(settings.MEDIA_ROOT)
    try:
        full = safe_join(root, name)
    except SuspiciousFileOperation as exc:
        raise Http404("No such file") from exc
    stored = Path(os.path.relpath(full, root)).as_posix()  # as the file fields store it
    if not (os.path.isfile(full) and _may_see(stored, user)):
        raise Http404("No such file")
    with open(full, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    return MediaFile(path=Path(full), content=identify(head))


def _may_see(stored: str, user: User | None) -> bool:
    if lessons_visible_to(user).filter(media_file=stored).exists():
        return True
    if user is None or not user.is_authenticated:
        return False
    # The webinar page plays its recording to signed-in visitors only.
    for webinar_id in Webinar.objects.filter(recording_file=stored).values_list("pk", flat=True):
        try:
            access_webinar(webinar_id=webinar_id, user=user)
        except Http404:
            continue
        return True
    if user.is_staff:
        return (
            RepurposeJob.objects.filter(media_file=stored).exists()
            or DraftSegment.objects.filter(clip=stored).exists()
        )
    return False
