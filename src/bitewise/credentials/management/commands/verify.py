"""`bitewise verify FILE`: VALID or INVALID with each check; exit 0 when valid, 1 when not."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bitewise.credentials.services.verification import MAX_INPUT_BYTES, verify_bytes


class Command(BaseCommand):
    help = "Verify an Open Badges 3.0 credential: JSON-LD, VC-JWT, or a baked PNG/SVG."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the credential file, or - for standard input")
        parser.add_argument(
            "--key-document",
            action="append",
            default=[],
            metavar="FILE",
            help="a foreign issuer's controller (DID) document; repeatable",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        data = self._read(options["file"])
        documents = {}
        for path in options["key_document"]:
            try:
                document = json.loads(self._read(path))
                documents[str(document["id"])] = document
            except (ValueError, KeyError, TypeError, RecursionError) as exc:
                raise CommandError(f"{path}: not a controller document with an id") from exc
        kind, result = verify_bytes(data, key_documents=documents)
        if options["json"]:
            checks = [{"name": c.name, "ok": c.ok, "reason": c.reason} for c in result.checks]
            self.stdout.write(
                json.dumps({"status": result.status, "format": kind, "checks": checks})
            )
        else:
            self.stdout.write(f"{result.status} ({kind})")
            for check in result.checks:
                mark = "ok  " if check.ok else "FAIL"
                self.stdout.write(
                    f"  {mark} {check.name}{': ' + check.reason if check.reason else ''}"
                )
        if not result.is_valid:
            raise SystemExit(1)

    def _read(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        try:
            with Path(path).open("rb") as handle:
                return handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
