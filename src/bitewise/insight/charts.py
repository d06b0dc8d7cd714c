"""Dashboard figures drawn as SVG (engines.insight.charts) from the same data as their tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from bitewise.engines.insight.charts import Bar, Point, Series, bar_chart, line_chart
from bitewise.engines.insight.funnel import Funnel
from bitewise.engines.insight.retention import CHECK_DELAYS
from bitewise.insight.selectors.activity import Figure
from bitewise.insight.selectors.retention import CampaignLift


def _safe(svg: str, title: str) -> SafeString:
    """The chart inside a region that scrolls sideways: insight.css keeps the drawing at its
    own width (engines.insight.charts.WIDTH), so on a phone its 12-13 px text stays that size
    instead of shrinking with the picture. The region is focusable, so a keyboard scrolls it;
    its name says it is a chart, so it differs from a section named like the chart's title."""
    return format_html(
        '<div class="chart-scroll" role="region" tabindex="0" aria-label="Chart: {}">{}</div>',
        title,
        mark_safe(svg),  # escaped by the engine
    )


def funnel_chart(result: Funnel, *, chart_id: str, title: str) -> SafeString:
    bars = [
        Bar(s.label, s.people if s.is_shown else 0, str(s.people) if s.is_shown else "< 5")
        for s in result.stages
    ]
    worst = f" The biggest drop is at {result.biggest_drop}." if result.biggest_drop else ""
    return _safe(
        bar_chart(
            bars,
            title=title,
            desc=f"People at each stage, from enrolment to completion.{worst}",
            chart_id=chart_id,
        ),
        title,
    )


def retention_chart(curve: Sequence[dict[str, Any]]) -> SafeString:
    observed = Series(
        "Observed (with 95% interval)",
        [
            Point(
                p["delay_days"],
                p["observed"]["estimate"] if p["observed"] else None,
                p["observed"]["low"] if p["observed"] else None,
                p["observed"]["high"] if p["observed"] else None,
            )
            for p in curve
        ],
    )
    predicted = Series(
        "Predicted by FSRS",
        [Point(p["delay_days"], p["predicted"] if p["is_shown"] else None) for p in curve],
        dashed=True,
    )
    return _safe(
        line_chart(
            [observed, predicted],
            x_labels=[(p["delay_days"], f"{p['delay_days']} days") for p in curve],
            title="Retention curve",
            desc="Share of unscored checks answered right at 7, 30 and 90 days after "
            "learning, beside the recall FSRS predicted for the same moments.",
            chart_id="chart-retention",
            y_label="Share answered right",
        ),
        "Retention curve",
    )


# Lines a group chart draws: the legend holds three names side by side.
GROUP_LINES = 3


def _short(name: str, size: int = 26) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


def group_recall_chart(
    rows: Sequence[dict[str, Any]], groups: Sequence[str], *, chart_id: str, title: str
) -> SafeString | None:
    """Observed recall over the delays, a line per group (a few: the table has them all);
    a hidden figure breaks its line. None when no group has a figure to draw."""
    if not groups:
        return None
    by_group: dict[str, dict[int, Any]] = {g: {} for g in groups}
    for row in rows:
        if row["title"] in by_group and row["observed"]:
            by_group[row["title"]][row["delay_days"]] = row["observed"]["estimate"]
    series = [
        Series(_short(group), [Point(d, by_group[group].get(d)) for d in CHECK_DELAYS])
        for group in groups
    ]
    names = ", ".join(groups)
    return _safe(
        line_chart(
            series,
            x_labels=[(d, f"{d} days") for d in CHECK_DELAYS],
            title=title,
            desc=f"Share of unscored checks answered right at 7, 30 and 90 days for {names}; "
            "the table below holds every group.",
            chart_id=chart_id,
            y_label="Share answered right",
        ),
        title,
    )


def calibration_chart(bins: Sequence[dict[str, Any]]) -> SafeString:
    filled = [b for b in bins if b["checks"]]
    ideal = Series("Perfect calibration", [Point(0, 0), Point(1, 1)], dashed=True)
    observed = Series(
        "Observed", [Point(b["predicted"], b["observed"]) for b in filled if b["predicted"]]
    )
    return _safe(
        line_chart(
            [observed, ideal],
            x_labels=[(x / 4, f"{x * 25}%") for x in range(5)],
            title="Calibration: predicted vs observed recall",
            desc="For each band of predicted recall, the share actually answered right; "
            "points on the dashed diagonal mean the prediction is right.",
            chart_id="chart-calibration",
            y_label="Observed recall (x: predicted)",
        ),
        "Calibration: predicted vs observed recall",
    )


def lift_chart(lift: CampaignLift, *, chart_id: str) -> SafeString | None:
    result = lift.lift
    if result is None or result.reinforced_recall is None or result.holdout_recall is None:
        return None
    bars = [
        Bar(
            "Reinforced",
            result.reinforced_recall.estimate,
            f"{result.reinforced_recall.estimate:.0%}",
        ),
        Bar(
            "Control group", result.holdout_recall.estimate, f"{result.holdout_recall.estimate:.0%}"
        ),
    ]
    title = f"Delayed recall: {lift.title}"
    return _safe(bar_chart(bars, title=title, desc=result.sentence, chart_id=chart_id), title)


def figures_chart(figures: Sequence[Figure], *, chart_id: str, title: str) -> SafeString:
    return _safe(
        bar_chart(
            [Bar(f.label, f.value, str(f.value)) for f in figures],
            title=title,
            desc=", ".join(f"{f.label}: {f.value}" for f in figures),
            chart_id=chart_id,
        ),
        title,
    )
