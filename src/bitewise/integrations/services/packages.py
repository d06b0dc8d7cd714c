"""A micro-credential exported as a SCORM 1.2, SCORM 2004 or cmi5 package."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from django.conf import settings

from bitewise.catalog.models import Lesson, MicroCredential, Question
from bitewise.engines.packages.course import (
    PackageChoice,
    PackageCourse,
    PackageLesson,
    PackageQuestion,
)
from bitewise.engines.packages.formats import Standard, package_zip
from bitewise.engines.xapi.statements import activity_id

# Media files larger than this are linked, not packed (LMS upload limits are often ~100 MB).
MAX_PACKED_MEDIA_BYTES = 50_000_000


def course_of(micro_credential: MicroCredential) -> PackageCourse:
    """The micro-credential's lessons (and their local media) and its assessment's pool."""
    lessons, media = [], []
    ordered = Lesson.objects.filter(memberships__micro_credential=micro_credential).order_by(
        "memberships__position", "memberships__id"
    )
    for lesson in ordered:
        name, link = "", ""
        if lesson.media_file and lesson.media_file.size <= MAX_PACKED_MEDIA_BYTES:
            suffix = PurePosixPath(str(lesson.media_file.name)).suffix.lower()
            suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
            name = f"lesson-{lesson.pk}{suffix}"
            with lesson.media_file.open("rb") as handle:
                media.append((name, handle.read()))
        elif lesson.media_file or lesson.media_url:
            link = lesson.media_url or str(settings.SITE_URL).rstrip("/") + lesson.media_source
        lessons.append(
            PackageLesson(
                id=lesson.pk,
                title=lesson.title,
                body_html=lesson.body_html,
                media_name=name,
                media_kind=lesson.media_kind,
                media_link=link,
            )
        )
    questions = Question.objects.filter(
        lesson__memberships__micro_credential=micro_credential
    ).prefetch_related("choices")
    return PackageCourse(
        identifier=f"bitewise-{micro_credential.slug}-v{micro_credential.version}",
        activity_id=activity_id(settings.SITE_URL, "micro-credential", micro_credential.pk),
        title=micro_credential.title,
        description=micro_credential.summary,
        lessons=tuple(lessons),
        questions=tuple(
            PackageQuestion(
                id=q.pk,
                prompt=q.prompt,
                choices=tuple(PackageChoice(c.pk, c.text, c.is_correct) for c in q.choices.all()),
                is_multiple=q.kind == "multiple",
            )
            for q in questions
        ),
        pass_percent=micro_credential.pass_percent,
        media=tuple(media),
    )


def package_export(*, micro_credential: MicroCredential, standard: Standard) -> bytes:
    return package_zip(course_of(micro_credential), standard)
