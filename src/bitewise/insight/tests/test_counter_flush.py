"""Credential activity is counted in the cache and flushed to the day rows by the
scheduler: no count lost, none added twice, whatever runs at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bitewise.insight.models import ActivityKind, CounterFlush, CredentialActivity
from bitewise.insight.services import counters
from bitewise.insight.services.counters import (
    credential_activity_count,
    credential_activity_flush,
)
from bitewise.testing import run_at_once

NOON = datetime(2026, 3, 10, 12, 0, 30, tzinfo=UTC)


def stored() -> dict[tuple[str, str], int]:
    return {
        (day.isoformat(), kind): n
        for day, kind, n in CredentialActivity.objects.values_list("day", "kind", "count")
    }


@pytest.mark.django_db
def test_counting_reads_and_writes_no_database_row() -> None:
    with CaptureQueriesContext(connection) as captured:
        for kind in ActivityKind:
            credential_activity_count(kind=kind, now=NOON)
    assert len(captured) == 0
    assert CredentialActivity.objects.count() == 0


@pytest.mark.django_db
def test_a_flush_adds_the_closed_minutes_once_and_leaves_the_open_ones(
    django_capture_on_commit_callbacks: Any,
) -> None:
    for _ in range(3):
        credential_activity_count(kind=ActivityKind.PAGE_VIEW, now=NOON)
    credential_activity_count(kind=ActivityKind.DOWNLOAD, now=NOON + timedelta(minutes=1))
    # At 12:02 the 12:01 minute is still open (a request may have read the clock before it
    # turned): only 12:00 is flushed.
    assert credential_activity_flush(now=NOON + timedelta(minutes=2)) == 3
    assert stored() == {("2026-03-10", "view"): 3}
    assert credential_activity_flush(now=NOON + timedelta(minutes=2)) == 0
    credential_activity_count(kind=ActivityKind.PAGE_VIEW, now=NOON + timedelta(minutes=2))
    assert credential_activity_flush(now=NOON + timedelta(minutes=10)) == 2
    assert credential_activity_flush(now=NOON + timedelta(minutes=11)) == 0
    assert stored() == {("2026-03-10", "view"): 4, ("2026-03-10", "download"): 1}
    # The flushed keys are deleted once the flush has committed.
    with django_capture_on_commit_callbacks(execute=True):
        credential_activity_count(kind=ActivityKind.LINKEDIN, now=NOON + timedelta(minutes=12))
        assert credential_activity_flush(now=NOON + timedelta(minutes=20)) == 1
    later = counters.slot_of(NOON + timedelta(minutes=12))
    assert caches[counters.CACHE].get(counters._key(later, "linkedin")) is None


@pytest.mark.django_db
def test_minutes_land_on_their_own_day_in_the_site_zone(settings: Any) -> None:
    settings.TIME_ZONE = "America/New_York"
    # New York is at UTC-4 from 8 March: 03:59 UTC is 23:59 on the 10th, 04:01 UTC is 00:01
    # on the 11th.
    before, after = (
        datetime(2026, 3, 11, 3, 59, tzinfo=UTC),
        datetime(2026, 3, 11, 4, 1, tzinfo=UTC),
    )
    credential_activity_count(kind=ActivityKind.VERIFICATION, now=before)
    credential_activity_count(kind=ActivityKind.VERIFICATION, now=after)
    credential_activity_flush(now=after + timedelta(minutes=5))
    assert stored() == {("2026-03-10", "verify"): 1, ("2026-03-11", "verify"): 1}


@pytest.mark.django_db
def test_a_flush_that_fails_before_its_commit_loses_nothing() -> None:
    credential_activity_count(kind=ActivityKind.LINKEDIN, now=NOON)
    with (
        mock.patch.object(counters, "_add", side_effect=RuntimeError("database gone")),
        pytest.raises(RuntimeError),
    ):
        credential_activity_flush(now=NOON + timedelta(minutes=5))
    assert CredentialActivity.objects.count() == 0
    assert credential_activity_flush(now=NOON + timedelta(minutes=5)) == 1
    assert stored() == {("2026-03-10", "linkedin"): 1}


@pytest.mark.django_db
def test_keys_left_in_the_cache_after_a_commit_are_not_added_again(
    django_capture_on_commit_callbacks: Any,
) -> None:
    credential_activity_count(kind=ActivityKind.PAGE_VIEW, now=NOON)
    # The process dies after the commit, before deleting the keys.
    with django_capture_on_commit_callbacks(execute=False):
        assert credential_activity_flush(now=NOON + timedelta(minutes=5)) == 1
    assert caches[counters.CACHE].get(counters._key(counters.slot_of(NOON), "view")) == 1
    assert credential_activity_flush(now=NOON + timedelta(minutes=9)) == 0
    assert stored() == {("2026-03-10", "view"): 1}


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_all_kept() -> None:
    def count_five() -> None:
        for _ in range(5):
            credential_activity_count(kind=ActivityKind.PAGE_VIEW, now=NOON)

    assert run_at_once(count_five, times=8) == []
    credential_activity_flush(now=NOON + timedelta(minutes=5))
    assert stored() == {("2026-03-10", "view"): 40}


@pytest.mark.django_db(transaction=True)
def test_schedulers_flushing_at_once_add_each_minute_once() -> None:
    CounterFlush.objects.create(name=counters.MARK, slot=counters.slot_of(NOON) - 1)
    for minute in range(4):
        for _ in range(minute + 1):
            credential_activity_count(
                kind=ActivityKind.DOWNLOAD, now=NOON + timedelta(minutes=minute)
            )

    assert (
        run_at_once(lambda: credential_activity_flush(now=NOON + timedelta(minutes=6)), times=4)
        == []
    )
    assert stored() == {("2026-03-10", "download"): 10}
