"""CE credit from the evidence: live sessions, checks, series, recordings, rule versions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bitewise.catalog.models import LessonKind, Question
from bitewise.learning.services import question_answer
from bitewise.testing import correct_choice_ids, make_lesson, make_question, make_user
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import CheckAnswer, CreditAward, Registration, Series, Webinar
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.checks import check_answer, check_open
from bitewise.webinars.services.credit import credits_evaluate, series_credits_evaluate
from bitewise.webinars.services.programs import credit_program_update
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.services.viewing import viewing_heartbeat
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def live(webinar: Webinar, learner, minutes: float) -> None:  # type: ignore[no-untyped-def]
    start = webinar.starts_at
    data = attendance_csv([(learner.email, start, start + timedelta(minutes=minutes))])
    attendance_import(webinar=webinar, by=None, filename="a.csv", data=data)


def seat(webinar: Webinar, learner) -> None:  # type: ignore[no-untyped-def]
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")


def test_ama_credit_starts_at_15_minutes_and_keeps_its_reasons() -> None:
    webinar = make_webinar(starts_at=DAY, duration_minutes=15, credit_program=program("ama-pra-1"))
    short, full = make_user(), make_user()
    seat(webinar, short)
    seat(webinar, full)
    live(webinar, short, 14)
    live(webinar, full, 15)

    assert not CreditAward.objects.filter(learner=short).exists()
    award = CreditAward.objects.get(learner=full)
    assert (award.credit, award.program_code, award.rule_version) == (
        Decimal("0.25"),
        "ama-pra-1",
        1,
    )
    evidence = award.evidence
    assert evidence["rule"]["code"] == "ama-pra-1"
    assert evidence["sessions"][0]["intervals"][0][0].startswith("2026-11-02T15:00")
    [assessed] = credits_evaluate(webinar=webinar, learners=[short])
    assert not assessed.decision.eligible
    assert any("15" in reason for reason in assessed.decision.reasons)


def _series_of_four(checks_answered: list[bool], attended: list[float]):  # type: ignore[no-untyped-def]
    series = Series.objects.create(
        title="Lease accounting, four parts", credit_program=program("nasba-group-internet")
    )
    learner = make_user()
    sessions = []
    for index, (answered, minutes) in enumerate(zip(checks_answered, attended, strict=True)):
        starts = DAY + timedelta(days=index)
        webinar = make_webinar(starts_at=starts, series=series, checks_planned=1)
        seat(webinar, learner)
        check = check_open(webinar=webinar, now=starts + timedelta(minutes=5))
        if answered:
            check_answer(
                learner=learner,
                webinar=webinar,
                code=check.code.lower(),
                now=starts + timedelta(minutes=6),
            )
        if minutes:
            live(webinar, learner, minutes)
        sessions.append(webinar)
    return series, learner, sessions


def test_four_15_minute_sessions_in_a_series_earn_nasba_credit_that_one_alone_cannot() -> None:
    series, learner, _ = _series_of_four([True] * 4, [15] * 4)
    award = CreditAward.objects.get(learner=learner)
    assert (award.series, award.mode, award.credit) == (series, "series", Decimal("1.2"))
    assert len(award.evidence["sessions"]) == 4
    assert all(s["checks_answered"] == 1 for s in award.evidence["sessions"])


def test_a_series_missing_a_session_or_checks_earns_nothing_and_says_why() -> None:
    series, learner, _ = _series_of_four([True, True, True, True], [15, 15, 15, 0])
    assert not CreditAward.objects.exists()
    [assessed] = series_credits_evaluate(series=series)
    assert assessed.decision.credit == 0
    assert any("50" in reason for reason in assessed.decision.reasons)

    series, learner, _ = _series_of_four([True, False, False, False], [15] * 4)
    assert not CreditAward.objects.filter(learner=learner).exists()
    [assessed] = series_credits_evaluate(series=series)
    assert any("check" in reason.lower() for reason in assessed.decision.reasons)


def test_a_series_is_only_credited_once_its_last_session_is_over() -> None:
    series = Series.objects.create(title="Upcoming", credit_program=program("nasba-group-internet"))
    make_webinar(starts_at=DAY, series=series)
    make_webinar(starts_at=timezone.now() + timedelta(days=5), series=series)
    assert series_credits_evaluate(series=series) == []


def test_attendance_checks_open_only_during_the_session_and_only_for_registrants() -> None:
    webinar = make_webinar(starts_at=DAY, checks_planned=1)
    learner, stranger = make_user(), make_user()
    seat(webinar, learner)
    with pytest.raises(WebinarError, match="while the session is on"):
        check_open(webinar=webinar, now=DAY - timedelta(minutes=30))
    check = check_open(webinar=webinar, now=DAY + timedelta(minutes=2))
    with pytest.raises(WebinarError, match="registered"):
        check_answer(
            learner=stranger, webinar=webinar, code=check.code, now=DAY + timedelta(minutes=3)
        )
    with pytest.raises(WebinarError, match="does not match"):
        check_answer(
            learner=learner, webinar=webinar, code="ZZZZZ9", now=DAY + timedelta(minutes=3)
        )
    with pytest.raises(WebinarError, match="closed"):
        check_answer(
            learner=learner, webinar=webinar, code=check.code, now=DAY + timedelta(minutes=9)
        )
    with pytest.raises(WebinarError, match="Type the code"):
        check_answer(learner=learner, webinar=webinar, code="  ", now=DAY + timedelta(minutes=3))
    spaced = " ".join(check.code.lower())
    check_answer(learner=learner, webinar=webinar, code=spaced, now=DAY + timedelta(minutes=3))
    check_answer(learner=learner, webinar=webinar, code=check.code, now=DAY + timedelta(minutes=4))
    assert CheckAnswer.objects.filter(learner=learner).count() == 1


def test_a_rule_edit_raises_the_version_and_new_credit_says_so_while_old_credit_keeps_its_own() -> (
    None
):
    ama = program("ama-pra-1")
    first = make_webinar(starts_at=DAY, credit_program=ama)
    learner = make_user()
    seat(first, learner)
    live(first, learner, 15)

    credit_program_update(program=ama, rule={**ama.rule, "minimum_minutes": "10"})
    ama.refresh_from_db()
    assert ama.version == 2
    credit_program_update(program=ama, rule={**ama.rule})  # unchanged: same version
    ama.refresh_from_db()
    assert ama.version == 2
    with pytest.raises(WebinarError, match="increment"):
        credit_program_update(program=ama, rule={**ama.rule, "increment": "0"})

    second = make_webinar(starts_at=DAY + timedelta(days=1), credit_program=ama)
    seat(second, learner)
    live(second, learner, 15)
    versions = dict(CreditAward.objects.values_list("webinar", "rule_version"))
    assert versions == {first.pk: 1, second.pk: 2}


def test_watching_the_recording_with_a_passed_assessment_earns_nano_learning_credit() -> None:
    quiz = make_lesson(kind=LessonKind.QUIZ)
    make_question(quiz)
    make_question(quiz)
    webinar = make_webinar(
        starts_at=DAY,
        self_study_program=program("nasba-nano"),
        self_study_percent=90,
        assessment=quiz,
    )
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_url="https://media.example/rec.mp4", recording_seconds=900
    )
    webinar.refresh_from_db()
    learner = make_user()
    clock = timezone.now()
    for start in range(0, 900, 60):  # all 15 minutes (nano-learning counts whole pieces)
        clock += timedelta(seconds=60)
        viewing_heartbeat(learner=learner, webinar=webinar, start=start, end=start + 60, now=clock)
    assert not CreditAward.objects.exists(), "no credit before the assessment"

    for question in Question.objects.filter(lesson=quiz):
        question_answer(learner=learner, question=question, choice_ids=correct_choice_ids(question))
    clock += timedelta(seconds=60)
    viewing_heartbeat(learner=learner, webinar=webinar, start=890, end=900, now=clock)

    award = CreditAward.objects.get(learner=learner)
    assert (award.mode, award.credit, award.delivery_method) == (
        "self_study",
        Decimal("0.2"),
        "Self-study",
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(-1, 10, "Positions"), (10, 10, "Positions"), (0, 2000, "Positions"), (0, 500, "at most")],
)
def test_heartbeats_outside_the_recording_or_too_long_are_refused(
    start: int, end: int, message: str
) -> None:
    webinar = make_webinar(starts_at=DAY)
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_url="https://m.example/r.mp4", recording_seconds=900
    )
    webinar.refresh_from_db()
    with pytest.raises(WebinarError, match=message):
        viewing_heartbeat(learner=make_user(), webinar=webinar, start=start, end=end)


def test_heartbeats_faster_than_playback_are_refused() -> None:
    webinar = make_webinar(starts_at=DAY)
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_url="https://m.example/r.mp4", recording_seconds=900
    )
    webinar.refresh_from_db()
    learner = make_user()
    now = timezone.now()
    viewing_heartbeat(learner=learner, webinar=webinar, start=0, end=60, now=now)
    with pytest.raises(WebinarError, match="faster"):
        viewing_heartbeat(
            learner=learner, webinar=webinar, start=60, end=120, now=now + timedelta(seconds=5)
        )
    with pytest.raises(WebinarError, match="no recording"):
        viewing_heartbeat(learner=learner, webinar=make_webinar(), start=0, end=10)


def test_registration_is_needed_before_registering_is_closed(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    # The learner-facing path that gives a seat also lets them answer checks.
    webinar = make_webinar(starts_at=timezone.now() - timedelta(minutes=5))
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=learner, webinar=webinar)
    check = check_open(webinar=webinar)
    check_answer(learner=learner, webinar=webinar, code=check.code)
    assert CheckAnswer.objects.filter(learner=learner).exists()


def test_revoking_credit_needs_a_reason_and_happens_once(admin) -> None:  # type: ignore[no-untyped-def]
    from bitewise.webinars.services.ce_credentials import credit_award_revoke

    webinar = make_webinar(starts_at=DAY, credit_program=program("ama-pra-1"))
    learner = make_user()
    seat(webinar, learner)
    live(webinar, learner, 15)
    award = CreditAward.objects.get()
    with pytest.raises(WebinarError, match="reason"):
        credit_award_revoke(award=award, by=admin, reason=" ")
    award = credit_award_revoke(award=award, by=admin, reason="Attendance was misreported")
    assert award.revoked_at is not None and award.revoked_reason == "Attendance was misreported"
    with pytest.raises(WebinarError, match="already"):
        credit_award_revoke(award=award, by=admin, reason="again")
    live(webinar, learner, 20)  # new evidence does not bring revoked credit back
    award.refresh_from_db()
    assert award.revoked_at is not None
