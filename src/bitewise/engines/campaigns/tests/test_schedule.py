"""Step timing around DST switches, in the learner's zone, outside quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bitewise.engines.campaigns import (
    QuietHours,
    QuietHoursError,
    StepOffset,
    is_for_late_joiner,
    parse_quiet_hours,
    shift_out_of_quiet,
    step_due_at,
)

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
QUIET = QuietHours(time(21), time(8))
NONE = QuietHours(time(0), time(0))


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[arg-type,misc]


@pytest.mark.parametrize(
    ("event_start", "offset", "zone_name", "expected"),
    [
        # New York springs forward on 2026-03-08: -1 d and +1 d both stay 09:00 local.
        pytest.param(
            local(NY, 2026, 3, 9, 10),
            StepOffset(-1),
            "America/New_York",
            local(NY, 2026, 3, 8, 9),
            id="ny-day-before-on-the-spring-forward-day",
        ),
        pytest.param(
            local(NY, 2026, 3, 7, 10),
            StepOffset(1),
            "America/New_York",
            local(NY, 2026, 3, 8, 9),
            id="ny-day-after-across-spring-forward",
        ),
        pytest.param(
            local(NY, 2026, 10, 30, 10),
            StepOffset(7),
            "America/New_York",
            local(NY, 2026, 11, 6, 9),
            id="ny-week-after-across-fall-back",
        ),
        # Berlin: 2026-03-29 forward, 2026-10-25 back.
        pytest.param(
            local(BERLIN, 2026, 4, 1, 9),
            StepOffset(-7),
            "Europe/Berlin",
            local(BERLIN, 2026, 3, 25, 9),
            id="berlin-week-before-across-spring",
        ),
        pytest.param(
            local(BERLIN, 2026, 10, 20, 9),
            StepOffset(14),
            "Europe/Berlin",
            local(BERLIN, 2026, 11, 3, 9),
            id="berlin-two-weeks-after-across-fall",
        ),
        # A Berlin event for a New York learner: the event's date in New York, 09:00 there.
        pytest.param(
            local(BERLIN, 2026, 3, 31, 8, 30),
            StepOffset(-1),
            "America/New_York",
            local(NY, 2026, 3, 30, 9),
            id="berlin-event-new-york-learner",
        ),
        pytest.param(
            local(BERLIN, 2026, 3, 31, 3, 0),
            StepOffset(-1),
            "America/New_York",
            local(NY, 2026, 3, 29, 9),
            id="event-date-is-taken-in-the-learner-zone",
        ),
    ],
)
def test_day_offsets_land_at_nine_local_whatever_the_dst_switch(
    event_start: datetime, offset: StepOffset, zone_name: str, expected: datetime
) -> None:
    due = step_due_at(event_start=event_start, offset=offset, learner_zone=zone_name, quiet=QUIET)
    assert due == expected
    assert due.tzinfo == UTC


def test_hour_offsets_are_elapsed_time_across_a_switch() -> None:
    start = local(NY, 2026, 3, 8, 12)  # noon on the spring-forward day
    due = step_due_at(event_start=start, offset=StepOffset(0, -11), learner_zone="UTC", quiet=NONE)
    assert start - due == (start - start.replace(hour=1))  # 11 real hours
    assert due.astimezone(NY).hour == 0  # midnight EST: the clock skipped an hour


def test_a_step_in_quiet_hours_moves_to_their_end() -> None:
    start = local(BERLIN, 2026, 5, 5, 23, 0)
    due = step_due_at(
        event_start=start, offset=StepOffset(0, 1), learner_zone="Europe/Berlin", quiet=QUIET
    )  # midnight Berlin is quiet
    assert due == local(BERLIN, 2026, 5, 6, 8)


def test_a_pre_event_step_never_moves_past_the_start() -> None:
    start = local(BERLIN, 2026, 5, 6, 7, 30)
    due = step_due_at(
        event_start=start, offset=StepOffset(0, -2), learner_zone="Europe/Berlin", quiet=QUIET
    )  # 05:30 is quiet; 08:00 would be after the start
    assert due == local(BERLIN, 2026, 5, 5, 20, 30)
    assert due < start


def test_quiet_end_skipped_by_spring_forward_moves_by_the_gap() -> None:
    quiet = QuietHours(time(0), time(2, 30))  # 02:30 does not exist on 2026-03-08 in New York
    moment = local(NY, 2026, 3, 8, 1, 0)
    assert shift_out_of_quiet(moment, NY, quiet) == local(NY, 2026, 3, 8, 3, 30)


def test_send_hour_is_configurable() -> None:
    start = local(NY, 2026, 6, 10, 9)
    due = step_due_at(
        event_start=start,
        offset=StepOffset(-14),
        learner_zone="Asia/Tokyo",
        quiet=QUIET,
        send_at=time(12, 15),
    )
    assert due.astimezone(ZoneInfo("Asia/Tokyo")) == local(
        ZoneInfo("Asia/Tokyo"), 2026, 5, 27, 12, 15
    )


@pytest.mark.parametrize(
    ("text", "moment", "quiet"),
    [
        ("21:00-08:00", time(23), True),
        ("21:00-08:00", time(7, 59), True),
        ("21:00-08:00", time(8), False),
        ("12:00-13:00", time(12, 30), True),
        ("", time(3), False),
    ],
    ids=["late-evening", "early-morning", "end-is-open", "same-day-window", "none"],
)
def test_quiet_hours_parse_and_contain(text: str, moment: time, quiet: bool) -> None:
    assert parse_quiet_hours(text).contains(moment) is quiet


@pytest.mark.parametrize("text", ["9-5pm", "25:00-08:00", "21:00"])
def test_bad_quiet_hours_are_refused_with_a_message(text: str) -> None:
    with pytest.raises(QuietHoursError, match="21:00-08:00"):
        parse_quiet_hours(text)


@pytest.mark.parametrize("days", [-15, 31])
def test_offsets_outside_the_range_are_refused(days: int) -> None:
    with pytest.raises(ValueError, match="offset days"):
        StepOffset(days)


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown time zone"):
        step_due_at(
            event_start=local(NY, 2026, 1, 1),
            offset=StepOffset(1),
            learner_zone="Mars/Olympus",
            quiet=QUIET,
        )


def test_a_late_joiner_gets_only_steps_still_ahead() -> None:
    start = local(NY, 2026, 6, 10, 9)
    offsets = [StepOffset(d) for d in (-14, -7, -1, 1, 7)]
    joined = local(NY, 2026, 6, 5, 12)
    dues = [
        step_due_at(event_start=start, offset=o, learner_zone="America/New_York", quiet=QUIET)
        for o in offsets
    ]
    kept = [
        o.days
        for o, d in zip(offsets, dues, strict=True)
        if is_for_late_joiner(due_at=d, registered_at=joined)
    ]
    assert kept == [-1, 1, 7]
