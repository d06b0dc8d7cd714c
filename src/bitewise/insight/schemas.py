from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class IntervalOut(Schema):
    estimate: float
    low: float
    high: float


class CurvePointOut(Schema):
    delay_days: int
    people: int
    checks: int
    is_shown: bool
    observed: IntervalOut | None
    predicted: float | None


class CalibrationBinOut(Schema):
    low: float
    high: float
    checks: int
    predicted: float | None
    observed: float | None


class CalibrationOut(Schema):
    bins: list[CalibrationBinOut]
    checks: int
    brier: float | None
    calibration_error: float | None


class CredentialRecallOut(Schema):
    title: str
    delay_days: int
    people: int
    checks: int
    is_shown: bool
    observed: IntervalOut | None


class GroupRecallOut(Schema):
    # the skill's name, "Learned in YYYY-MM" for a cohort, "Title · YYYY-MM-DD" for an event
    title: str
    delay_days: int
    people: int
    checks: int
    is_shown: bool
    observed: IntervalOut | None


class RetentionFiguresOut(Schema):
    computed_at: datetime
    checks: int
    people: int
    curve: list[CurvePointOut]
    calibration: CalibrationOut
    per_credential: list[CredentialRecallOut]
    per_skill: list[GroupRecallOut]
    per_cohort: list[GroupRecallOut]
    per_event: list[GroupRecallOut]


class ItemOut(Schema):
    question_id: int
    prompt: str
    lesson: str
    is_drafted: bool
    people: int
    is_shown: bool
    difficulty: float | None
    discrimination: float | None
    top_distractor_id: int | None
    distractor: str
    top_distractor_share: float | None
    flags: list[str]
    flag_labels: list[str]


class ItemsOut(Schema):
    computed_at: datetime
    items: list[ItemOut]


class StageOut(Schema):
    label: str
    people: int | None  # None: fewer than 5 people
    share_of_enrolled: float | None
    lost_from_previous: int | None


class FunnelOut(Schema):
    title: str
    enrolled: int | None  # None: fewer than 5 people
    unsubscribed: int | None
    median_days_to_complete: float | None
    biggest_drop: str | None
    stages: list[StageOut]


class GroupOut(Schema):
    people: int
    checks: int
    correct: int


class CampaignLiftOut(Schema):
    campaign_id: int
    title: str
    holdout_percent: int
    verdict: str  # too_small, better, worse, unclear, no_control_group
    sentence: str
    reinforced: GroupOut | None  # None when too small to tell (it could single people out)
    holdout: GroupOut | None
    difference: IntervalOut | None


class FigureOut(Schema):
    label: str
    value: int


class CeProgramOut(Schema):
    program_code: str
    body: str
    unit: str
    credit: float
    awards: int
    people: int


class CeMonthOut(Schema):
    month: date
    credit: float
    awards: int


class WebinarTurnoutOut(Schema):
    webinar_id: str
    title: str
    starts_at: datetime
    registered: int
    attended: int


class CeOut(Schema):
    programs: list[CeProgramOut]
    months: list[CeMonthOut]
    webinars: list[WebinarTurnoutOut]
