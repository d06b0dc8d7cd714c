"""Uploaded files: who may fetch one, decided in one place from the objects that use it.

Each app that stores files says who may see one of its own in a function listed in
``settings.BITEWISE_MEDIA_ACCESS`` (``(*, stored, user) -> bool``); a file is served when one of
them says yes. The kernel knows no app."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils._os import safe_join
from django.utils.module_loading import import_string

from bitewise.engines.uploads import HEAD_BYTES, Content, identify


@dataclass(frozen=True)
class MediaFile:
    path: Path
    content: Content  # what the bytes are, whatever the name says


def access_media_file(*, name: str, user: AbstractBaseUser | None) -> MediaFile:
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


def _may_see(stored: str, user: AbstractBaseUser | None) -> bool:
    return any(
        import_string(path)(stored=stored, user=user) for path in settings.BITEWISE_MEDIA_ACCESS
    )
