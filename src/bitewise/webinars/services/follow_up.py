"""After the session: the recording, and enrolling attendees in the follow-up."""

from __future__ import annotations

from typing import NamedTuple

from django.core.files import File
from django.db import transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import Status
from bitewise.learning.services import LearningError, enrollment_subscribe
from bitewise.membership.entitlements import AccessRefused
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Webinar

RECORDING_TYPES = (".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".webm", ".mov")
MAX_RECORDING_SECONDS = 4 * 3600


@transaction.atomic
def recording_attach(
    *, webinar: Webinar, seconds: int, upload: File[bytes] | None = None, url: str = ""
) -> Webinar:
    """Keep the session's recording (a file or a URL) with its length; learners can then
    watch it on demand for self-study credit."""
    if (upload is None) == (not url):
        raise WebinarError("Give either a recording file or its URL.")
    if not 0 < seconds <= MAX_RECORDING_SECONDS:
        raise WebinarError("Give the recording's length (1 second to 4 hours).")
    if upload is not None:
        if not (upload.name or "").lower().endswith(RECORDING_TYPES):
            raise WebinarError(f"A recording is one of {', '.join(RECORDING_TYPES)}.")
        webinar.recording_file.save(upload.name or "recording", upload, save=False)
        webinar.recording_url = ""
    else:
        webinar.recording_file = None
        webinar.recording_url = url
    webinar.recording_seconds = seconds
    webinar.save()
    return webinar


class FollowUpEnrolment(NamedTuple):
    enrolled: int  # already subscribed learners count too
    refused: int  # its access rule keeps them out (members only, priced)


def attendees_enroll_follow_up(*, webinar: Webinar) -> FollowUpEnrolment:
    """Subscribe everyone who attended to the webinar's follow-up micro-credential, each as far
    as its access rule lets them (the others are counted, not enrolled)."""
    follow_up = webinar.follow_up
    if follow_up is None:
        raise WebinarError("Choose a follow-up micro-credential first.")
    if follow_up.status != Status.PUBLISHED:
        raise WebinarError(f"“{follow_up.title}” is not published.")
    learners = User.objects.filter(
        webinar_attendances__webinar=webinar, webinar_attendances__minutes__gt=0, is_active=True
    ).distinct()
    enrolled = refused = 0
    for learner in learners:
        try:
            enrollment_subscribe(learner=learner, micro_credential=follow_up)
        except AccessRefused:
            refused += 1
            continue
        except LearningError:
            continue
        enrolled += 1
    return FollowUpEnrolment(enrolled=enrolled, refused=refused)
