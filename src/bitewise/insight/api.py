"""Staff-token API for the insight figures: the same selectors as the dashboards."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from bitewise.accounts.api_auth import STAFF_AUTH, Error
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.engines.insight.funnel import Funnel
from bitewise.insight.schemas import (
    CampaignLiftOut,
    CeOut,
    FigureOut,
    FunnelOut,
    ItemsOut,
    RetentionFiguresOut,
)
from bitewise.insight.selectors import activity, learning, retention
from bitewise.insight.selectors.periods import Period, period_problem
from bitewise.insight.services.rollups import rollup_read
from bitewise.reinforcement.models import Event

router = Router(tags=["insight"], auth=STAFF_AUTH)


def _period(start: date | None, end: date | None) -> Period:
    problem = period_problem(start, end)
    if problem:
        raise HttpError(400, problem)
    return Period(start, end)


@router.get("/insight/retention", response={200: RetentionFiguresOut, 403: Error})
def retention_figures(request: HttpRequest) -> Any:
    """Observed recall at 7, 30 and 90 days beside FSRS's prediction, the calibration and
    recall per micro-credential, skill, learning cohort (the month the item was learned) and
    event (its registrants' checks on the content its campaigns reinforce) at each delay;
    groups under 5 people carry counts but no figures."""
    stored = rollup_read("retention")
    empty: dict[str, list[Any]] = {"per_skill": [], "per_cohort": [], "per_event": []}
    return {"computed_at": stored.computed_at, **empty, **stored.payload}


@router.get("/insight/items", response={200: ItemsOut, 403: Error})
def item_figures(request: HttpRequest) -> Any:
    """Every question's difficulty, discrimination, most chosen distractor and flags."""
    stored = rollup_read("items")
    return {"computed_at": stored.computed_at, "items": stored.payload["items"]}


def _funnel_out(title: str, result: Funnel) -> dict[str, Any]:
    return {
        "title": title,
        "enrolled": result.enrolled,
        "unsubscribed": result.unsubscribed,
        "median_days_to_complete": result.median_days_to_complete,
        "biggest_drop": result.biggest_drop,
        "stages": [
            {
                "label": s.label,
                "people": s.people if s.is_shown else None,
                "share_of_enrolled": s.share_of_enrolled if s.is_shown else None,
                "lost_from_previous": s.lost_from_previous if s.is_shown else None,
            }
            for s in result.stages
        ],
    }


@router.get(
    "/insight/micro-credentials/{micro_credential_id}/funnel",
    response={200: FunnelOut, 400: Error, 403: Error},
)
def micro_credential_funnel(
    request: HttpRequest,
    micro_credential_id: int,
    start: date | None = None,
    end: date | None = None,
) -> Any:
    """Learners who enrolled between start and end (inclusive), lesson by lesson."""
    subject = get_object_or_404(MicroCredential, pk=micro_credential_id)
    result = learning.micro_credential_funnel(subject, _period(start, end))
    return _funnel_out(subject.title, result)


@router.get(
    "/insight/pathways/{pathway_id}/funnel", response={200: FunnelOut, 400: Error, 403: Error}
)
def pathway_funnel(
    request: HttpRequest, pathway_id: int, start: date | None = None, end: date | None = None
) -> Any:
    """Learners enrolled in any part between start and end, each part earned, the pathway."""
    subject = get_object_or_404(Pathway, pk=pathway_id)
    return _funnel_out(subject.title, learning.pathway_funnel(subject, _period(start, end)))


@router.get("/insight/events/{event_id}/lift", response={200: list[CampaignLiftOut], 403: Error})
def event_lift(request: HttpRequest, event_id: int) -> Any:
    """Per campaign: delayed recall of reinforced learners vs its control group."""
    event = get_object_or_404(Event, pk=event_id)
    found = []
    for c in retention.event_lift(event):
        result = c.lift
        # Groups too small to tell keep their figures back, as on the page.
        told = result is not None and result.verdict != "too_small"
        found.append(
            {
                "campaign_id": c.campaign_id,
                "title": c.title,
                "holdout_percent": c.holdout_percent,
                "verdict": result.verdict if result else "no_control_group",
                "sentence": result.sentence if result else "No control group.",
                "reinforced": asdict(result.reinforced) if result and told else None,
                "holdout": asdict(result.holdout) if result and told else None,
                "difference": asdict(result.difference) if result and result.difference else None,
            }
        )
    return found


@router.get("/insight/credentials", response={200: list[FigureOut], 400: Error, 403: Error})
def credential_figures(
    request: HttpRequest, start: date | None = None, end: date | None = None
) -> Any:
    """Badges issued and revoked, public-page views, downloads, LinkedIn clicks and
    verifications in the period (counted without recording who)."""
    return [asdict(f) for f in activity.credential_figures(_period(start, end))]


@router.get("/insight/ce", response={200: CeOut, 400: Error, 403: Error})
def ce_figures(request: HttpRequest, start: date | None = None, end: date | None = None) -> Any:
    """CE credit per program, body and month; webinar attendance vs registration."""
    period = _period(start, end)
    return {
        "programs": activity.ce_by_program(period),
        "months": activity.ce_by_month(period),
        "webinars": [{**w, "webinar_id": str(w["pk"])} for w in activity.webinar_turnout(period)],
    }
