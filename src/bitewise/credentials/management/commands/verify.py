"""`bitewise verify FILE` as a management command (``call_command("verify", …)``); the
`bitewise` entry point runs the same code without starting Django (verify_cli.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bitewise.credentials import verify_cli
from bitewise.credentials.services.local_issuers import database_issuers


class Command(BaseCommand):
    help = "Verify an Open Badges 3.0 credential: JSON-LD, VC-JWT, or a baked PNG/SVG."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.epilog = verify_cli.EPILOG
        verify_cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = verify_cli.run(options, self.stdout, local=database_issuers)
        except verify_cli.UsageError as error:
            raise CommandError(str(error), returncode=verify_cli.EXIT_ERROR) from error
        if code:
            raise SystemExit(code)
