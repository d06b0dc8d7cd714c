"""The throttle module: counting, locking, windows, clearing; and which client address counts."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connections
from django.test import RequestFactory
from django.utils import timezone

from bitewise.accounts.addresses import client_address
from bitewise.accounts.models import Throttle, ThrottleKind
from bitewise.accounts.throttle import (
    Limit,
    Rule,
    Throttled,
    throttle_attempt,
    throttle_check,
    throttle_clear,
    throttle_count,
    throttle_hit,
)

MINUTE = timedelta(minutes=1)
RULE = Rule(
    name="test",
    what="test attempts",
    per_account=Limit(3, 10 * MINUTE, 15 * MINUTE),
    per_address=Limit(5, 10 * MINUTE, 15 * MINUTE),
)
NOW = timezone.now().replace(microsecond=0)


@pytest.mark.django_db
class TestCounting:
    def test_a_subject_below_the_limit_is_not_locked(self) -> None:
        with time_machine.travel(NOW, tick=False):
            for _ in range(2):
                assert throttle_count(RULE, address="192.0.2.1", account="a@example.org") == []
            throttle_check(RULE, address="192.0.2.1", account="a@example.org")
        counter = Throttle.objects.get(kind=ThrottleKind.ACCOUNT)
        assert counter.count == 2 and counter.locked_until is None

    def test_reaching_the_account_limit_locks_the_account_with_a_time_to_retry(self) -> None:
        with time_machine.travel(NOW, tick=False):
            for _ in range(2):
                throttle_count(RULE, address="192.0.2.1", account="a@example.org")
            [locked] = throttle_count(RULE, address="192.0.2.1", account="a@example.org")
            assert locked.kind == ThrottleKind.ACCOUNT
            assert locked.locked_until == NOW + 15 * MINUTE

            with pytest.raises(Throttled) as refused:
                throttle_check(RULE, address="198.51.100.7", account="a@example.org")
        assert refused.value.retry_after == 15 * 60
        assert "Too many test attempts for this account. Try again in 15 minutes" in str(
            refused.value
        )
        # Another account from the same address is not locked (its address has 3 of 5).
        throttle_check(RULE, address="192.0.2.1", account="b@example.org")

    def test_reaching_the_address_limit_locks_every_account_from_it(self) -> None:
        with time_machine.travel(NOW, tick=False):
            for n in range(5):
                throttle_count(RULE, address="192.0.2.1", account=f"user{n}@example.org")
            with pytest.raises(Throttled) as refused:
                throttle_check(RULE, address="192.0.2.1", account="fresh@example.org")
        assert "from your network" in str(refused.value)

    def test_the_lock_ends_at_its_time_and_the_count_starts_again(self) -> None:
        with time_machine.travel(NOW, tick=False):
            for _ in range(3):
                throttle_count(RULE, address="192.0.2.1", account="a@example.org")
        with (
            time_machine.travel(NOW + 15 * MINUTE - timedelta(seconds=1), tick=False),
            pytest.raises(Throttled),
        ):
            throttle_check(RULE, address="192.0.2.1", account="a@example.org")
        with time_machine.travel(NOW + 15 * MINUTE, tick=False):
            throttle_check(RULE, address="192.0.2.1", account="a@example.org")
            assert throttle_count(RULE, address="192.0.2.1", account="a@example.org") == []
        assert Throttle.objects.get(kind=ThrottleKind.ACCOUNT).count == 1

    def test_attempts_spread_wider_than_the_window_never_lock(self) -> None:
        for step in range(6):
            with time_machine.travel(NOW + step * 6 * MINUTE, tick=False):
                assert throttle_count(RULE, address="192.0.2.1", account="a@example.org") == []
        assert not Throttle.objects.filter(locked_until__isnull=False).exists()

    def test_clearing_forgets_the_count_and_ends_the_lock(self) -> None:
        for _ in range(3):
            throttle_count(RULE, address="192.0.2.1", account="a@example.org")
        assert throttle_clear(RULE, account="a@example.org") == 1
        throttle_check(RULE, address="192.0.2.1", account="a@example.org")
        # The address keeps its own count.
        assert Throttle.objects.get(kind=ThrottleKind.ADDRESS).count == 3

    def test_a_rate_limit_lets_the_last_allowed_attempt_through_and_refuses_the_next(
        self,
    ) -> None:
        for _ in range(3):
            throttle_hit(RULE, address="192.0.2.1", account="a@example.org")
        with pytest.raises(Throttled):
            throttle_hit(RULE, address="192.0.2.1", account="a@example.org")
        assert Throttle.objects.get(kind=ThrottleKind.ACCOUNT).count == 3

    def test_an_attempt_counts_only_when_it_fails(self) -> None:
        with throttle_attempt(RULE, address="192.0.2.1", failing=ValueError):
            pass
        assert not Throttle.objects.exists()
        with (
            pytest.raises(ValueError),
            throttle_attempt(RULE, address="192.0.2.1", failing=ValueError),
        ):
            raise ValueError("wrong code")
        assert Throttle.objects.get().count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_are_all_counted_and_lock_exactly_once() -> None:
    """Twelve requests at once, each on its own connection: no count is lost."""
    rule = Rule(name="race", what="races", per_address=Limit(10, 10 * MINUTE, 15 * MINUTE))
    barrier = threading.Barrier(12)
    locks: list[int] = []
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            barrier.wait()
            locks.append(len(throttle_count(rule, address="203.0.113.9")))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    counter = Throttle.objects.get(rule="race")
    assert counter.count == 12
    assert sum(locks) == 1 and counter.locked_until is not None


class TestClientAddress:
    def test_it_is_remote_addr_and_a_forwarded_header_is_ignored_by_default(
        self, rf: RequestFactory
    ) -> None:
        request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
        assert client_address(request) == "198.51.100.7"

    def test_behind_a_trusted_proxy_the_nearest_untrusted_forwarded_address_counts(
        self, rf: RequestFactory, settings
    ) -> None:  # type: ignore[no-untyped-def]
        settings.BITEWISE_TRUSTED_PROXIES = ["10.0.0.0/8"]
        # The client wrote the first hop itself; our proxies appended the rest.
        forwarded = "6.6.6.6, 198.51.100.7, 10.0.0.3"
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        assert client_address(request) == "198.51.100.7"

    def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(
        self, rf: RequestFactory, settings
    ) -> None:  # type: ignore[no-untyped-def]
        settings.BITEWISE_TRUSTED_PROXIES = ["10.0.0.0/8"]
        request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.1.1.1")
        assert client_address(request) == "198.51.100.7"

    def test_a_garbled_forwarded_hop_stops_at_the_last_trusted_proxy(
        self, rf: RequestFactory, settings
    ) -> None:  # type: ignore[no-untyped-def]
        settings.BITEWISE_TRUSTED_PROXIES = ["10.0.0.0/8"]
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nonsense, 10.0.0.5")
        assert client_address(request) == "10.0.0.5"

    def test_ipv6_addresses_count_by_their_64_bit_prefix(self, rf: RequestFactory) -> None:
        one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
        other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
        assert client_address(one) == client_address(other) == "2001:db8:1:2::/64"


@pytest.mark.django_db
def test_the_scheduler_drops_counters_whose_window_and_lock_are_over_and_old_sign_ups() -> None:
    from bitewise.accounts.models import SignupRequest
    from bitewise.accounts.services.housekeeping import accounts_prune

    with time_machine.travel(NOW, tick=False):
        throttle_count(RULE, address="192.0.2.1")  # window ends in 10 minutes
        for _ in range(3):
            throttle_count(RULE, address="192.0.2.2", account="a@example.org")  # locked 15
        SignupRequest.objects.create(email="new@example.org", password="x", token_hash="1" * 64)
    with time_machine.travel(NOW + 12 * MINUTE, tick=False):
        accounts_prune()
        # Only the locked account is kept; both addresses' windows are over, unlocked.
        assert list(Throttle.objects.values_list("subject", flat=True)) == ["a@example.org"]
    with time_machine.travel(NOW + 2 * timedelta(days=1) + MINUTE, tick=False):
        accounts_prune()
    assert not Throttle.objects.exists()
    assert not SignupRequest.objects.exists()
