"""Each dashboard figure as a table: shown under its chart and downloaded as CSV, so the
two never disagree."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse

from bitewise.engines.insight.funnel import Funnel
from bitewise.engines.text.spreadsheet import defused
from bitewise.insight.selectors.activity import Figure
from bitewise.insight.selectors.retention import CampaignLift

HIDDEN = "fewer than 5"


@dataclass(frozen=True)
class Table:
    name: str  # the CSV file name and the ?csv= value
    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]

    @property
    def labelled_rows(self) -> list[list[tuple[str, Any]]]:
        """Each cell with its column's name: a phone shows a row as "name: value" lines."""
        return [list(zip(self.header, row, strict=False)) for row in self.rows]


def csv_response(table: Table) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([defused(cell) for cell in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.name}.csv"'
    return response


def _blank_if_none(value: int | None) -> int | str:
    return "" if value is None else value


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def funnel_table(name: str, caption: str, result: Funnel) -> Table:
    return Table(
        name,
        caption,
        ["Stage", "People", "Share of enrolled", "Lost since the previous stage"],
        [
            [s.label, s.people, percent(s.share_of_enrolled), _blank_if_none(s.lost_from_previous)]
            if s.is_shown
            else [s.label, HIDDEN, "", ""]
            for s in result.stages
        ],
    )


def items_table(rows: Sequence[dict[str, Any]]) -> Table:
    return Table(
        "item-analysis",
        "Every question, questions that look broken first",
        [
            "Question",
            "Lesson",
            "From a recording",
            "People",
            "Share correct",
            "Discrimination",
            "Wrong choice chosen most",
            "Chosen by",
            "Looks broken because",
        ],
        [
            [
                r["prompt"],
                r["lesson"],
                "yes" if r["is_drafted"] else "no",
                r["people"] if r["is_shown"] else HIDDEN,
                percent(r["difficulty"]),
                "" if r["discrimination"] is None else f"{r['discrimination']:.2f}",
                r["distractor"],
                percent(r["top_distractor_share"]),
                "; ".join(r["flag_labels"]),
            ]
            for r in rows
        ],
    )


def curve_table(curve: Sequence[dict[str, Any]]) -> Table:
    rows = []
    for p in curve:
        observed = p["observed"]
        rows.append(
            [
                p["delay_days"],
                p["people"] if p["is_shown"] else HIDDEN,
                p["checks"],
                percent(observed["estimate"]) if observed else "",
                f"{percent(observed['low'])} to {percent(observed['high'])}" if observed else "",
                percent(p["predicted"]),
            ]
        )
    return Table(
        "retention-curve",
        "Recall at each delay: observed in unscored checks, predicted by FSRS",
        ["Days after learning", "People", "Checks", "Observed", "95% interval", "Predicted"],
        rows,
    )


def calibration_table(bins: Sequence[dict[str, Any]]) -> Table:
    return Table(
        "calibration",
        "Predicted recall against observed, by predicted band",
        ["Predicted band", "Checks", "Mean predicted", "Observed"],
        [
            [
                f"{b['low'] * 100:.0f} to {b['high'] * 100:.0f}%",
                b["checks"],
                percent(b["predicted"]),
                percent(b["observed"]),
            ]
            for b in bins
            if b["checks"]
        ],
    )


def recall_table(name: str, caption: str, group: str, rows: Sequence[dict[str, Any]]) -> Table:
    """Observed recall per group (micro-credential, skill, cohort) and delay."""
    return Table(
        name,
        caption,
        [group, "Days after learning", "People", "Checks", "Observed", "95% interval"],
        [
            [
                r["title"],
                r["delay_days"],
                r["people"] if r["is_shown"] else HIDDEN,
                r["checks"],
                percent(r["observed"]["estimate"]) if r["observed"] else "",
                f"{percent(r['observed']['low'])} to {percent(r['observed']['high'])}"
                if r["observed"]
                else "",
            ]
            for r in rows
        ],
    )


def per_credential_table(rows: Sequence[dict[str, Any]]) -> Table:
    return recall_table(
        "recall-per-micro-credential",
        "Observed recall per micro-credential and delay",
        "Micro-credential",
        rows,
    )


def per_skill_table(rows: Sequence[dict[str, Any]]) -> Table:
    return recall_table("recall-per-skill", "Observed recall per skill and delay", "Skill", rows)


def per_cohort_table(rows: Sequence[dict[str, Any]]) -> Table:
    return recall_table(
        "recall-per-cohort",
        "Observed recall per learning cohort (the month the item was learned) and delay",
        "Cohort",
        rows,
    )


def per_event_table(rows: Sequence[dict[str, Any]]) -> Table:
    return recall_table(
        "recall-per-event",
        "Observed recall per event (its registrants, on the content its campaigns reinforce) "
        "and delay",
        "Event",
        rows,
    )


def lift_table(lifts: Sequence[CampaignLift]) -> Table:
    rows: list[list[Any]] = []
    for c in lifts:
        if c.lift is None:
            rows.append([c.title, "0%", "", "", "", "", "", "No control group"])
            continue
        result = c.lift
        d = result.difference
        rows.append(
            [
                c.title,
                f"{c.holdout_percent}%",
                result.reinforced.people,
                percent(result.reinforced_recall.estimate if result.reinforced_recall else None),
                result.holdout.people,
                percent(result.holdout_recall.estimate if result.holdout_recall else None),
                ""
                if d is None
                else f"{d.estimate * 100:+.1f} ({d.low * 100:+.1f} to {d.high * 100:+.1f})",
                result.sentence,
            ]
        )
    return Table(
        "reinforcement-lift",
        "Delayed recall of reinforced learners vs the control group",
        [
            "Campaign",
            "Control share",
            "Reinforced people",
            "Reinforced recall",
            "Control people",
            "Control recall",
            "Difference, points (95% CI)",
            "Verdict",
        ],
        rows,
    )


def figures_table(name: str, caption: str, figures: Sequence[Figure]) -> Table:
    return Table(name, caption, ["Measure", "Count"], [[f.label, f.value] for f in figures])
