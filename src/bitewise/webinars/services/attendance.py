"""Import a platform's attendance report: rows matched to registrants by email, several
visits merged, everyone else kept for staff to resolve; then credit is worked out."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.attendance import (
    AttendanceFileError,
    PersonAttendance,
    Platform,
    match_registrants,
    normalize_email,
    parse_attendance,
)
from bitewise.integrations.services import learning_records
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import (
    Attendance,
    AttendanceImport,
    Registration,
    RegistrationStatus,
    UnmatchedAttendee,
    UnmatchedStatus,
    Webinar,
)
from bitewise.webinars.services import intervals as iv
from bitewise.webinars.services.credit import credits_evaluate

MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def attendance_import(
    *,
    webinar: Webinar,
    by: User | None,
    filename: str,
    data: bytes,
    time_zone: str = "",
    platform: str = "",
) -> AttendanceImport:
    """Read the report and record it whole, or (for a file that cannot be read at all)
    raise WebinarError and record nothing. Importing the same report twice changes
    nothing: visits merge with what is already known."""
    if len(data) > MAX_BYTES:
        raise WebinarError(f"The file is over {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        report = parse_attendance(
            data,
            default_tz=time_zone or webinar.time_zone,
            platform=Platform(platform) if platform else None,
        )
    except AttendanceFileError as exc:
        raise WebinarError(str(exc)) from exc
    except ValueError as exc:  # an unknown time zone or platform
        raise WebinarError(f"Cannot read this report: {exc}") from exc
    # Only people holding a seat are matched; someone who was on the waiting list or had
    # cancelled and joined anyway is listed for staff to decide.
    registrants = {
        normalize_email(r.learner.email): r.learner
        for r in Registration.objects.filter(
            webinar=webinar, status=RegistrationStatus.REGISTERED
        ).select_related("learner")
    }
    match = match_registrants(report, registrants)
    record = AttendanceImport.objects.create(
        webinar=webinar,
        uploaded_by=by,
        filename=filename[:255],
        platform=report.platform.value,
        encoding=report.encoding,
        data_rows=len(report.data_rows),
        matched=len(match.matched),
        unmatched=len(match.unmatched),
        never_joined=list(match.never_joined),
        rejected=[
            {"row": r.row_number, "raw": r.raw, "reason": r.reason, "email": r.email}
            for r in report.rejected
        ],
        notes=list(report.notes),
    )
    _unmatched_record(record, match.unmatched)
    learners = [registrants[email] for email in match.matched]
    attendance_merge(webinar=webinar, visits={registrants[e]: p for e, p in match.matched.items()})
    credits_evaluate(webinar=webinar, learners=learners)
    return record


def _unmatched_record(record: AttendanceImport, people: tuple[PersonAttendance, ...]) -> None:
    """Keep everyone who is not a registrant for staff to resolve; someone still open
    from an earlier import of this webinar gets the new visits added, not a second row."""
    webinar = record.webinar
    open_rows = {
        row.email: row
        for row in UnmatchedAttendee.objects.filter(
            webinar=webinar, status=UnmatchedStatus.OPEN
        ).exclude(email="")
    }
    fresh, changed = [], []
    for person in people:
        row = open_rows.get(person.email) if person.email else None
        if row is None:
            fresh.append(_unmatched(record, person))
            continue
        merged = iv.merged(row.intervals, person.intervals)
        row.intervals, row.minutes = iv.to_json(merged), iv.minutes_in(webinar, merged)
        changed.append(row)
    UnmatchedAttendee.objects.bulk_create(fresh)
    UnmatchedAttendee.objects.bulk_update(changed, ["intervals", "minutes"])


def _unmatched(record: AttendanceImport, person: PersonAttendance) -> UnmatchedAttendee:
    return UnmatchedAttendee(
        attendance_import=record,
        webinar=record.webinar,
        email=person.email,
        name=person.name[:200],
        intervals=iv.to_json(person.intervals),
        minutes=iv.minutes_in(record.webinar, person.intervals),
    )


def attendance_merge(*, webinar: Webinar, visits: dict[User, PersonAttendance]) -> None:
    """Add visits to each learner's attendance (merged with earlier imports)."""
    existing = {
        a.learner_id: a for a in Attendance.objects.filter(webinar=webinar, learner__in=visits)
    }
    fresh, changed = [], []
    for learner, person in visits.items():
        attendance = existing.get(learner.pk)
        stored = attendance.intervals if attendance else []
        merged = iv.merged(stored, person.intervals)
        intervals, minutes = iv.to_json(merged), iv.minutes_in(webinar, merged)
        if attendance is None:
            fresh.append(
                Attendance(webinar=webinar, learner=learner, intervals=intervals, minutes=minutes)
            )
        elif intervals != attendance.intervals:
            attendance.intervals, attendance.minutes = intervals, minutes
            attendance.updated_at = timezone.now()  # bulk_update does not touch auto_now
            changed.append(attendance)
    Attendance.objects.bulk_create(fresh)
    learning_records.webinars_attended(attendances=fresh)
    Attendance.objects.bulk_update(changed, ["intervals", "minutes", "updated_at"])


@transaction.atomic
def unmatched_resolve(
    *, unmatched: UnmatchedAttendee, learner: User, by: User
) -> UnmatchedAttendee:
    """Staff say who this was: the visits become that learner's attendance."""
    unmatched = UnmatchedAttendee.objects.select_for_update().get(pk=unmatched.pk)
    if unmatched.status != UnmatchedStatus.OPEN:
        raise WebinarError("This row has been resolved already.")
    webinar = unmatched.webinar
    person = PersonAttendance(
        email=learner.email,
        name=unmatched.name,
        intervals=tuple(iv.from_json(unmatched.intervals)),
        visits=len(unmatched.intervals),
        source_rows=(),
    )
    attendance_merge(webinar=webinar, visits={learner: person})
    unmatched.status = UnmatchedStatus.MATCHED
    unmatched.resolved_to, unmatched.resolved_by = learner, by
    unmatched.note = f"Matched by {by.email} on {timezone.now():%Y-%m-%d %H:%M} UTC"
    unmatched.save()
    credits_evaluate(webinar=webinar, learners=[learner])
    return unmatched


@transaction.atomic
def unmatched_dismiss(*, unmatched: UnmatchedAttendee, by: User, note: str) -> UnmatchedAttendee:
    if not note.strip():
        raise WebinarError("Say why this row is dismissed (kept for the audit).")
    updated = UnmatchedAttendee.objects.filter(pk=unmatched.pk, status=UnmatchedStatus.OPEN).update(
        status=UnmatchedStatus.DISMISSED, resolved_by=by, note=note.strip()[:300]
    )
    if not updated:
        raise WebinarError("This row has been resolved already.")
    unmatched.refresh_from_db()
    return unmatched
