"""In-session attendance checks: staff show a short code, learners type it in."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import (
    AttendanceCheck,
    CheckAnswer,
    Registration,
    RegistrationStatus,
    Webinar,
    WebinarStatus,
)
from bitewise.webinars.services.credit import credits_evaluate

# No 0/O, 1/I/L: codes are read off a shared screen.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5
OPEN_FOR = timedelta(minutes=3)


def _live(webinar: Webinar, now: datetime) -> bool:
    start, end = webinar.attendance_window
    return webinar.status == WebinarStatus.PUBLISHED and start <= now <= end


@transaction.atomic
def check_open(*, webinar: Webinar, now: datetime | None = None) -> AttendanceCheck:
    """A new code, open for a few minutes, shown on the staff screen to read out."""
    now = now or timezone.now()
    if not _live(webinar, now):
        raise WebinarError("Attendance checks can only be shown while the session is on.")
    for _ in range(5):
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                return AttendanceCheck.objects.create(
                    webinar=webinar, code=code, opens_at=now, closes_at=now + OPEN_FOR
                )
        except IntegrityError:
            continue
    raise WebinarError("Could not make a fresh code; try again.")


@transaction.atomic
def check_answer(
    *, learner: User, webinar: Webinar, code: str, now: datetime | None = None
) -> CheckAnswer:
    """Record that ``learner`` typed an open check's code; answering twice is harmless."""
    now = now or timezone.now()
    typed = "".join(code.split()).upper()
    if not typed:
        raise WebinarError("Type the code shown in the session.")
    if len(typed) > 16:
        raise WebinarError("That is not a check code.")
    registered = Registration.objects.filter(
        webinar=webinar, learner=learner, status=RegistrationStatus.REGISTERED
    ).exists()
    if not registered:
        raise WebinarError("Only registered attendees can answer attendance checks.")
    check = AttendanceCheck.objects.filter(webinar=webinar, code=typed).first()
    if check is None:
        raise WebinarError("That code does not match any check in this session.")
    if not check.opens_at <= now <= check.closes_at:
        raise WebinarError("That check has closed; codes are open for three minutes.")
    answer, _ = CheckAnswer.objects.get_or_create(attendance_check=check, learner=learner)
    credits_evaluate(webinar=webinar, learners=[learner])
    return answer
