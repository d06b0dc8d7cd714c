"""The daily cap with backlog spreading, and the vacation hold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bitewise.engines.spacing import DueItem, Hold, spread

TODAY = date(2026, 6, 15)


def test_a_learner_back_after_weeks_gets_the_cap_today_lowest_recall_first() -> None:
    backlog = [
        DueItem(card_id=i, due_on=TODAY - timedelta(days=30 - i % 30), recall=(i % 97) / 100)
        for i in range(300)
    ]
    plan = spread(backlog, today=TODAY, per_day=40)
    assert len(plan[TODAY]) == 40
    assert sorted(plan) == [TODAY + timedelta(days=d) for d in range(8)]  # 300 = 7 * 40 + 20
    today_recalls = {i.recall for i in backlog if i.card_id in plan[TODAY]}
    later_recalls = {i.recall for i in backlog if i.card_id in plan[TODAY + timedelta(days=1)]}
    assert max(today_recalls) <= min(later_recalls)


def test_cards_due_later_wait_for_their_day_and_share_it_with_the_backlog() -> None:
    items = [
        DueItem(card_id=1, due_on=TODAY - timedelta(days=3), recall=0.5),
        DueItem(card_id=2, due_on=TODAY - timedelta(days=1), recall=0.7),
        DueItem(card_id=3, due_on=TODAY + timedelta(days=1), recall=0.2),
        DueItem(card_id=4, due_on=TODAY + timedelta(days=5), recall=0.9),
    ]
    assert spread(items, today=TODAY, per_day=1) == {
        TODAY: [1],
        TODAY + timedelta(days=1): [3],  # lower recall than the carried-over card 2
        TODAY + timedelta(days=2): [2],
        TODAY + timedelta(days=5): [4],
    }


def test_reviews_done_today_leave_less_room_today() -> None:
    items = [DueItem(card_id=i, due_on=TODAY, recall=i / 10) for i in range(5)]
    assert spread(items, today=TODAY, per_day=3, left_today=1) == {
        TODAY: [0],
        TODAY + timedelta(days=1): [1, 2, 3],
        TODAY + timedelta(days=2): [4],
    }


def test_ties_in_recall_are_broken_by_card_id() -> None:
    items = [DueItem(card_id=i, due_on=TODAY, recall=0.5) for i in (5, 3, 9)]
    assert spread(items, today=TODAY, per_day=2) == {
        TODAY: [3, 5],
        TODAY + timedelta(days=1): [9],
    }


def test_a_cap_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="per_day"):
        spread([], today=TODAY, per_day=0)


items = st.lists(
    st.builds(
        DueItem,
        card_id=st.integers(0, 10_000),
        due_on=st.dates(TODAY - timedelta(days=90), TODAY + timedelta(days=30)),
        recall=st.floats(0, 1),
    ),
    max_size=300,
    unique_by=lambda item: item.card_id,
)


@given(items=items, per_day=st.integers(1, 60), done_today=st.integers(0, 70))
def test_the_cap_is_never_exceeded_and_every_card_is_kept(
    items: list[DueItem], per_day: int, done_today: int
) -> None:
    plan = spread(items, today=TODAY, per_day=per_day, left_today=per_day - done_today)
    assert all(1 <= len(ids) <= per_day for ids in plan.values())
    assert len(plan.get(TODAY, [])) <= max(0, per_day - done_today)
    planned = [card_id for ids in plan.values() for card_id in ids]
    assert sorted(planned) == sorted(item.card_id for item in items)
    due_on = {item.card_id: max(item.due_on, TODAY) for item in items}
    assert all(due_on[card_id] <= day for day, ids in plan.items() for card_id in ids)
    again = spread(
        list(reversed(items)), today=TODAY, per_day=per_day, left_today=per_day - done_today
    )
    assert again == plan


HOLD = Hold(starts=datetime(2026, 7, 1, tzinfo=UTC), ends=datetime(2026, 7, 15, tzinfo=UTC))


@pytest.mark.parametrize(
    ("due", "at", "is_due"),
    [
        pytest.param(
            datetime(2026, 6, 28, tzinfo=UTC),
            datetime(2026, 6, 30, tzinfo=UTC),
            True,
            id="before-the-hold",
        ),
        pytest.param(
            datetime(2026, 6, 28, tzinfo=UTC),
            datetime(2026, 7, 3, tzinfo=UTC),
            False,
            id="nothing-during-the-hold",
        ),
        pytest.param(
            datetime(2026, 6, 28, tzinfo=UTC),
            datetime(2026, 7, 15, tzinfo=UTC),
            True,
            id="overdue-before-comes-back-first",
        ),
        pytest.param(
            datetime(2026, 7, 10, tzinfo=UTC),
            datetime(2026, 7, 15, tzinfo=UTC),
            False,
            id="due-during-moves-by-the-length",
        ),
        pytest.param(
            datetime(2026, 7, 10, tzinfo=UTC),
            datetime(2026, 7, 24, tzinfo=UTC),
            True,
            id="and-is-due-two-weeks-later",
        ),
        pytest.param(
            datetime(2026, 7, 20, tzinfo=UTC),
            datetime(2026, 7, 20, tzinfo=UTC),
            True,
            id="due-after-is-untouched",
        ),
    ],
)
def test_a_hold_offers_nothing_and_moves_what_fell_due_by_its_length(
    due: datetime, at: datetime, is_due: bool
) -> None:
    assert HOLD.is_due(due, at) is is_due


def test_a_hold_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="ends after"):
        Hold(starts=HOLD.ends, ends=HOLD.starts)
