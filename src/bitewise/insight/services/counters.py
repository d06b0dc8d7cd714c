"""Credential activity counters: counted in a shared cache, flushed to the database by the
scheduler. Called by the credentials app's public page, downloads, LinkedIn link and
/api/verify; nothing about the visitor is stored anywhere, the cache included.

A count goes to the cache key of its minute (``slot``) and kind, so a page view costs no
database query. ``credential_activity_flush`` (in BITEWISE_SCHEDULED) adds the closed
minutes to the day's CredentialActivity rows and moves the flush mark past them in the same
transaction, with a conditional UPDATE on the mark: two schedulers never add a minute twice,
and a flush that fails before its commit leaves the minute in the cache for the next run.
The keys are deleted after the commit; one left behind by a crash is past the mark and
never read again (it expires).

The counts live in the "counters" cache (settings.CACHES): the same Redis in scale-out, a
folder of their own in the embedded mode, where the shared folder would drop entries at
random once it holds 300. Redis increments atomically; so does the in-memory cache. The
file cache does not (its ``incr`` is a ``get`` then a ``set``, decision record 0005), so
there the increment holds an exclusive file lock in the counters folder, which every
``bitewise serve`` process of the machine shares. A cache that forgets (``cache.clear()``,
Redis restarted without persistence) loses the minutes not yet flushed: these are analytics
counters, not limits."""

from __future__ import annotations

import fcntl
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bitewise.insight.cache import insight_changed
from bitewise.insight.models import ActivityKind, CounterFlush, CredentialActivity

SLOT_SECONDS = 60
# The current minute and the one before may still be counted into (a request that read the
# clock just before the minute turned); a flush takes the minutes before those.
OPEN_SLOTS = 2
KEEP_SECONDS = 86_400  # a minute not flushed by then is lost (the scheduler was down a day)
CHUNK = 500  # keys per cache round trip
PREFIX = "insight:activity:"
CACHE = "counters"  # settings.CACHES: a cache that does not cull, shared by every process
MARK = "credential-activity"


def slot_of(moment: datetime) -> int:
    return int(moment.timestamp()) // SLOT_SECONDS


def _key(slot: int, kind: str) -> str:
    return f"{PREFIX}{slot}:{kind}"


@contextmanager
def _file_lock(folder: str) -> Iterator[None]:
    Path(folder).mkdir(parents=True, exist_ok=True)
    with open(Path(folder) / "insight-counters.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def credential_activity_count(*, kind: ActivityKind | str, now: datetime | None = None) -> None:
    """Count one view, download, LinkedIn click or verification: no database query
    (credentials.activity names the kind by value; an unknown one is a ValueError)."""
    key = _key(slot_of(now or timezone.now()), ActivityKind(kind).value)
    backend = caches[CACHE]
    if isinstance(backend, FileBasedCache):
        with _file_lock(str(getattr(backend, "_dir", "."))):
            backend.set(key, int(backend.get(key, 0)) + 1, timeout=KEEP_SECONDS)
        return
    backend.add(key, 0, timeout=KEEP_SECONDS)
    try:
        backend.incr(key)
    except ValueError:  # expired between add() and incr(): start it again
        backend.add(key, 1, timeout=KEEP_SECONDS)


def _add(day: date, kind: str, n: int) -> None:
    if CredentialActivity.objects.filter(day=day, kind=kind).update(count=F("count") + n):
        return
    try:
        with transaction.atomic():
            CredentialActivity.objects.create(day=day, kind=kind, count=n)
    except IntegrityError:  # another flush made the day's row first
        CredentialActivity.objects.filter(day=day, kind=kind).update(count=F("count") + n)


def credential_activity_flush(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: add the closed minutes' counts to the day rows; returns
    how many views, downloads, clicks and verifications it added."""
    now = now or timezone.now()
    last = slot_of(now) - OPEN_SLOTS
    kept = KEEP_SECONDS // SLOT_SECONDS  # the oldest minute still in the cache
    mark, _ = CounterFlush.objects.get_or_create(name=MARK, defaults={"slot": last - kept - 1})
    first = max(mark.slot + 1, last - kept)
    if first > last:
        return 0
    backend = caches[CACHE]
    keys = {_key(s, k.value): (s, k.value) for s in range(first, last + 1) for k in ActivityKind}
    names = list(keys)
    found: dict[str, int] = {}
    for start in range(0, len(names), CHUNK):
        found.update(backend.get_many(names[start : start + CHUNK]))
    totals: Counter[tuple[date, str]] = Counter()
    zone = timezone.get_default_timezone()
    for name, value in found.items():
        slot, kind = keys[name]
        moment = datetime.fromtimestamp(slot * SLOT_SECONDS, tz=zone)
        totals[(moment.date(), kind)] += int(value)
    with transaction.atomic():
        # The claim: a concurrent flush that read the same mark finds it moved and adds nothing.
        if not CounterFlush.objects.filter(pk=mark.pk, slot=mark.slot).update(slot=last):
            return 0
        for (day, kind), n in sorted(totals.items()):
            if n:
                _add(day, kind, n)
        if any(totals.values()):
            insight_changed()  # the credentials dashboard kept in the cache is out of date
        transaction.on_commit(lambda: backend.delete_many(list(found)))
    return sum(totals.values())
