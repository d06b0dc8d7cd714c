"""One burst: ``clients`` browsers at once, each taking the next attendee until none is
left; then the queue's lag, read from the database once the workers have caught up."""

from __future__ import annotations

import asyncio
import resource
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from benchmarks.burst.browser import Browser, BrowserError
from benchmarks.burst.journey import Plan, attendee


def percentile(values: list[float], pct: float) -> float:
    """Nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, round(pct / 100 * len(ordered)))) - 1]


@dataclass
class Burst:
    attendees: int
    seconds: float = 0.0
    loadgen_cpu_s: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: int = 0  # failed requests
    failures: list[str] = field(default_factory=list)  # journeys that stopped, and why
    lag_s: list[float] = field(default_factory=list)  # per credential_earned event
    drain_s: float = float("nan")  # from the last response to the last event handled
    unhandled: int = 0
    cards: int = 0
    credentials: int = 0
    server_errors: list[str] = field(default_factory=list)
    failed_jobs: int = 0

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def all_latencies(self) -> list[float]:
        return [ms for values in self.latencies.values() for ms in values]

    @property
    def journeys_per_s(self) -> float:
        done = self.attendees - len(self.failures)
        return done / self.seconds if self.seconds else 0.0

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def total_errors(self) -> int:
        return self.errors + len(self.server_errors) + self.unhandled + self.failed_jobs


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _burst(port: int, plan: Plan, emails: list[str], clients: int, burst: Burst) -> None:
    pending = iter(emails)

    def record(step: str, ms: float, ok: bool) -> None:
        if ok:
            burst.latencies[step].append(ms)
        else:
            burst.errors += 1

    async def client() -> None:
        for email in pending:
            browser = Browser("127.0.0.1", port, record)
            try:
                await attendee(browser, email, plan)
            except (BrowserError, AssertionError) as exc:
                burst.failures.append(f"{email}: {exc}")
            finally:
                await browser.close()

    await asyncio.gather(*(client() for _ in range(clients)))


def replay(*, port: int, plan: Plan, emails: list[str], clients: int) -> Burst:
    burst = Burst(attendees=len(emails))
    cpu, started = _cpu(), time.perf_counter()
    asyncio.run(_burst(port, plan, emails, clients, burst))
    burst.seconds = time.perf_counter() - started
    burst.loadgen_cpu_s = _cpu() - cpu
    return burst


def queue_lag(burst: Burst, emails: list[str], *, ended: datetime, wait_s: float) -> None:
    """Wait (up to ``wait_s``) for every award's ``credential_earned`` event to be handled
    (its credential signed, its email planned); then the lag of each, created to handled."""
    from bitewise.common.models import DomainEvent
    from bitewise.credentials.models import IssuedCredential
    from bitewise.learning.models import Award
    from bitewise.reviews.models import ReviewCard

    keys = [
        f"credential_earned:award:{pk}"
        for pk in Award.objects.filter(learner__email__in=emails).values_list("pk", flat=True)
    ]
    events = DomainEvent.objects.filter(key__in=keys)
    deadline = time.monotonic() + wait_s
    while events.filter(handled_at=None).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    handled = list(events.exclude(handled_at=None).values_list("created_at", "handled_at"))
    burst.lag_s = [(done - made).total_seconds() for made, done in handled]
    burst.unhandled = len(keys) - len(handled)
    if handled and not burst.unhandled:
        burst.drain_s = max(0.0, (max(done for _, done in handled) - ended).total_seconds())
    burst.cards = ReviewCard.objects.filter(learner__email__in=emails).count()
    burst.credentials = IssuedCredential.objects.filter(award__learner__email__in=emails).count()


def failed_jobs(redis_url: str) -> int:
    """Tasks that raised, as RQ keeps them (a handler that raises is also retried)."""
    from redis import Redis
    from rq import Queue
    from rq.registry import FailedJobRegistry

    connection = Redis.from_url(redis_url)
    return FailedJobRegistry(queue=Queue("default", connection=connection)).count


def median_of(bursts: list[Burst], value: str) -> float:
    return statistics.median(getattr(b, value) for b in bursts)
