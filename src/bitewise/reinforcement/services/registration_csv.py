"""Register learners for an event from a CSV of email addresses: good rows are imported,
bad rows are listed with the reason (the file reading is the bulk-award one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.common.email_csv import BulkUploadError, csv_decode, csv_plan
from bitewise.reinforcement.models import Event, RegistrationSource
from bitewise.reinforcement.services.events import registering_others_check, registration_add

__all__ = ["BadRow", "BulkUploadError", "CsvReport", "registrations_import_csv"]


@dataclass(frozen=True)
class BadRow:
    row: int
    value: str
    reason: str


@dataclass
class CsvReport:
    imported: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


def registrations_import_csv(
    *, event: Event, data: bytes, filename: str, by: User | None, now: datetime | None = None
) -> CsvReport:
    """Raises BulkUploadError when the file as a whole is unusable (not CSV, too big), and
    PermissionDenied unless ``by`` is an admin (``registering_others_check``)."""
    registering_others_check(by=by)
    planned = csv_plan(csv_decode(data=data, filename=filename))
    now = now or timezone.now()
    emails = [row.email for row in planned if not row.outcome]
    learners = {u.email: u for u in User.objects.filter(email__in=emails)}
    report = CsvReport()
    for row in planned:
        if row.outcome:
            report.bad.append(BadRow(row.row, row.value, row.reason))
            continue
        learner = learners.get(row.email)
        if learner is None or not learner.is_active:
            report.bad.append(BadRow(row.row, row.value, "No active Bitewise account uses it."))
            continue
        done = registration_add(
            event=event, learner=learner, source=RegistrationSource.CSV, now=now
        )
        (report.imported if done.is_new else report.already).append(row.email)
    return report
