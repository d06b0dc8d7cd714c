"""Roster imports from the association management system: a staff CSV upload or the
staff API, each row creating, updating or expiring one membership, idempotently, with a
per-row report like the bulk award's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from django.db import transaction

from bitewise.accounts.models import User
from bitewise.credentials.services.granting import learners_for_emails
from bitewise.engines.access.roster import (
    RosterRow,
    roster_read_csv,
    roster_read_rows,
    roster_text,
)
from bitewise.membership.models import MembershipSource, MembershipTier, RosterImport
from bitewise.membership.services import MembershipError
from bitewise.membership.services.members import membership_set
from bitewise.membership.services.rules import people_permission_check

Outcome = RosterImport.Outcome


def roster_import_csv(*, by: User, filename: str, data: bytes) -> RosterImport:
    """Raises RosterError for a file refused as a whole (nothing is changed then)."""
    rows = roster_read_csv(roster_text(data))
    return _apply(rows, by=by, source="csv", filename=filename, origin=MembershipSource.ROSTER)


def roster_import_rows(*, by: User, rows: Iterable[Mapping[str, object]]) -> RosterImport:
    return _apply(roster_read_rows(rows), by=by, source="api", filename="", origin="api")


def _apply(
    rows: list[RosterRow], *, by: User, source: str, filename: str, origin: str
) -> RosterImport:
    people_permission_check(by=by)
    tiers = {t.slug.lower(): t for t in MembershipTier.objects.all()}
    tiers.update({t.name.lower(): t for t in tiers.values()})
    planned = []
    for row in rows:
        tier = tiers.get(row.tier.lower()) if row.tier else None
        reason = row.error or (
            f"No membership tier called “{row.tier}”." if row.tier and tier is None else ""
        )
        planned.append((row, tier, reason))
    # Accounts only for rows that will be applied (unknown addresses get one, claimed
    # later with "Forgot your password?").
    people = learners_for_emails(emails=[row.email for row, _, reason in planned if not reason])
    report = []
    for row, tier, reason in planned:
        entry = {"row": row.row, "member_id": row.member_id, "email": row.email}
        if reason:
            report.append({**entry, "outcome": Outcome.REFUSED.value, "reason": reason})
            continue
        try:
            # One savepoint per row: a refused row leaves the others applied.
            with transaction.atomic():
                change = membership_set(
                    person=people[row.email][0],
                    tier=tier,
                    expires_on=row.expires,
                    source=origin,
                    member_id=row.member_id,
                    by=by,
                )
        except MembershipError as exc:
            report.append({**entry, "outcome": Outcome.REFUSED.value, "reason": str(exc)})
            continue
        report.append({**entry, "outcome": change.outcome, "reason": ""})
    counts = Counter(entry["outcome"] for entry in report)
    return RosterImport.objects.create(
        created_by=by,
        source=source,
        filename=filename[:255],
        total=len(rows),
        counts=dict(counts),
        report=report,
    )
