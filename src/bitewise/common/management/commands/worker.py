"""`bitewise worker`: run background tasks from the configured backend."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bitewise.common.events import event_redeliver_stale


class Command(BaseCommand):
    help = "Run the background worker for BITEWISE_TASKS_BACKEND (database or rq)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--burst", action="store_true", help="exit when the queue is empty")
        parser.add_argument(
            "--queue",
            default="all",
            help="queues to serve, comma-separated: default, media (recordings), or all",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = settings.TASKS_BACKEND_KIND
        queues = _queues(options["queue"])
        if kind != "immediate":
            # Events a killed worker left half-done go back in the queue first.
            event_redeliver_stale()
        if kind == "database":
            extra = ["--batch"] if options["burst"] else []
            call_command(
                "db_worker", "--queue-name", ",".join(queues), "--no-startup-delay", *extra
            )
        elif kind == "rq":
            from redis import Redis
            from rq import Queue, Worker

            connection = Redis.from_url(settings.REDIS_URL)
            worker = Worker(
                [Queue(name, connection=connection) for name in queues], connection=connection
            )
            worker.work(burst=options["burst"], with_scheduler=False)
        else:
            raise CommandError(f"The {kind!r} tasks backend runs tasks inline; no worker needed.")


def _queues(value: str) -> list[str]:
    known = list(settings.TASK_QUEUES)
    if value == "all":
        return known
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise CommandError(
            f"Unknown queue {', '.join(unknown) or value!r}: use {', '.join(known)} or all."
        )
    return names
