"""`bitewise` — one command for operators: serve, worker, demo, createadmin, and every
Django management command (migrate, shell, …)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.base")
    from bitewise.settings.env import ConfigError

    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["verify"]:
            # Verifying needs neither Django's start-up nor a database: it opens them itself
            # only when the credential may be this site's.
            from bitewise.credentials.verify_cli import main as verify

            raise SystemExit(verify(args[1:]))
        if args[:1] == ["repurpose"]:
            # Repurposing a file needs the settings, not the apps: no models, no URLs
            from django.conf import settings
            from django.utils.log import configure_logging

            from bitewise.repurposing.management.commands.repurpose import Command

            configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)  # as django.setup() does
            Command().run_from_argv(["bitewise", *args])
            return
        from django.core.management import execute_from_command_line

        execute_from_command_line(["bitewise", *args])
    except ConfigError as exc:
        sys.stderr.write(f"bitewise: configuration error: {exc}\n")
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
