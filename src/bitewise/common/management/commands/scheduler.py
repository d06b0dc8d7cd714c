"""`bitewise scheduler`: the clock process. Every BITEWISE_SCHEDULER_SECONDS it runs the
functions listed in BITEWISE_SCHEDULED, which find due work (a due-date column) and claim
each item atomically before queueing it, so two schedulers never do a thing twice."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def run_due() -> dict[str, int]:
    """Run every scheduled function once; one that fails is logged, the others still run."""
    done = {}
    for path in settings.BITEWISE_SCHEDULED:
        try:
            done[path] = int(import_string(path)() or 0)
        except Exception:
            logger.exception("scheduled work failed", extra={"job": path})
            done[path] = -1
    return done


class Command(BaseCommand):
    help = "Run the scheduler: reminders and other due work, every few seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run due work once and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["once"]:
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            signal.signal(signal.SIGINT, lambda *_: stop.set())
        while True:
            done = run_due()
            logger.info("scheduler tick", extra={"done": done})
            if options["once"]:
                self.stdout.write(
                    ", ".join(f"{k.rsplit('.', 1)[-1]}: {v}" for k, v in done.items())
                )
                return
            if stop.wait(settings.BITEWISE_SCHEDULER_SECONDS):
                return
            close_old_connections()  # a long-lived process: drop broken or aged connections
