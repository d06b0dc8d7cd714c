"""The event report PDF: who registered, the reinforcement lift and the retention curve."""

from __future__ import annotations

from datetime import date

from bitewise.engines.insight.report import Section, render_report
from bitewise.insight.tables import Table
from bitewise.reinforcement.models import Event


def event_report_pdf(
    *, event: Event, registered: int, lift: Table, curve: Table, made_on: date
) -> bytes:
    return render_report(
        title=f"{event.title}: what stuck",
        subtitle=f"{event.get_kind_display()} on {event.starts_at.date().isoformat()} · "
        f"{registered} registered · report of {made_on.isoformat()}",
        sections=[
            Section(
                "Reinforcement lift",
                [
                    "Delayed recall is the share of unscored retention checks answered right "
                    "after the event. Groups under 20 people are too small to tell."
                ],
                lift.header,
                lift.rows,
            ),
            Section(
                "Retention across all learners",
                ["Observed in unscored checks; predicted by the FSRS review scheduler."],
                curve.header,
                curve.rows,
            ),
        ],
    )
