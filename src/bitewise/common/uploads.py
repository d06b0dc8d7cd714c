"""Uploads are held to the kinds they may be, told by content, and stored under names nobody
can guess. A file that passed once is still served by what it is (see ``common/media.py``)."""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from bitewise.engines.text.sizes import size_and_limit
from bitewise.engines.uploads import HEAD_BYTES, Content, Kind, identify

RECORDING_FORMATS = "mp3, m4a, wav, ogg, mp4, webm or mov"
NOT_A_RECORDING = f"This is not an audio or video file: upload {RECORDING_FORMATS}."
TOO_LARGE = "The file is {size}; the limit is {limit}."
MARKUP_REFUSED = (
    "The file is a web page or an SVG/XML image: it does not look like a text {what}; "
    "export it as {export_as}."
)
BINARY_REFUSED = (
    "The file is binary: it does not look like a text {what}; export it as {export_as}."
)


def upload_content(upload: File[Any]) -> Content:
    """What an upload is, from its first bytes; the upload is left at its start."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return identify(head if isinstance(head, bytes) else head.encode())


def recording_upload_check(upload: File[Any]) -> Content:
    """Refuse anything but audio or video, and rename the upload: random, with the extension
    of what it is (``<128 random bits>.<container>``), never the name its sender gave."""
    content = upload_content(upload)
    if content.kind not in (Kind.AUDIO, Kind.VIDEO):
        raise ValidationError(NOT_A_RECORDING, code="not_a_recording")
    upload.name = f"{secrets.token_urlsafe(16)}.{content.format}"
    return content


def text_upload_check(upload: File[Any], *, what: str, export_as: str, max_bytes: int) -> None:
    """Refuse a text upload (CSV, captions, a transcript) that is too large or is markup (an
    HTML page or SVG image renamed .csv), before anything reads it. Binary files are refused
    by each reader with its own message ("an Excel workbook, not CSV"). ``what`` and
    ``export_as`` name it in the message: "attendance report", "CSV"."""
    size = upload.size or 0
    if size > max_bytes:
        said, limit = size_and_limit(size, max_bytes)
        message = TOO_LARGE.format(size=said, limit=limit)
        raise ValidationError(message, code="too_large")
    if upload_content(upload).kind == Kind.MARKUP:
        message = MARKUP_REFUSED.format(what=what, export_as=export_as)
        raise ValidationError(message, code="markup")


@deconstructible
class RecordingContentValidator:
    """A model field validator: a newly uploaded file must be audio or video by content.
    Files stored before are left alone here; they are served by what they are."""

    def __call__(self, value: FieldFile) -> None:
        if not value or getattr(value, "_committed", True):
            return
        recording_upload_check(value.file)
        value.name = value.file.name  # saved under the name of what it is, not what it claims

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecordingContentValidator)

    def __hash__(self) -> int:
        return hash(type(self))


@deconstructible
class UnguessableName:
    """``upload_to`` for user files: ``<folder>/<year>/<month>/<128 random bits>.<ext>``.
    Only a short alphanumeric extension is kept from the sender's name."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        return unguessable_name(self.folder, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnguessableName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash((type(self), self.folder))


def unguessable_name(folder: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    extension = suffix if 1 < len(suffix) <= 6 and suffix[1:].isalnum() else ""
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}{extension}"
