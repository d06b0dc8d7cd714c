"""`bitewise serve`: the production server (gunicorn), not Django's runserver."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication

from bitewise.settings.env import env_int, env_str

ACCESS_LOG_FORMAT = (
    '{"time": "%(t)s", "level": "INFO", "logger": "access", "remote": "%(h)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "ms": %(M)s}'
)


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from bitewise.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve Bitewise with gunicorn (BITEWISE_BIND, BITEWISE_WEB_WORKERS, _THREADS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=env_str("BITEWISE_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("BITEWISE_WEB_WORKERS", (os.cpu_count() or 1) + 1),
        )
        parser.add_argument("--threads", type=int, default=env_int("BITEWISE_WEB_THREADS", 4))
        parser.add_argument("--no-migrate", action="store_true", help="skip `migrate` at start")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Bitewise serving on http://{options['bind']}")
        _Gunicorn(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "worker_class": "gthread",
                "accesslog": "-",
                # One JSON object per request, like the application's own log lines.
                "access_log_format": ACCESS_LOG_FORMAT,
                "timeout": 60,
            }
        ).run()
