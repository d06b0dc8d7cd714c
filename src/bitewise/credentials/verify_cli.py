"""`bitewise verify FILE`: is this Open Badges 3.0 credential genuine, current and unrevoked?

Runs without Django's start-up, its system checks or a database: this site's database is
opened only when the credential names a key or status list that could be this site's, and
only if a migrated database is there. Exit status (also in README):

    0  VALID             every check was made and passed
    1  INVALID           a check was made and failed (altered, revoked, expired, malformed…)
    2  error             the command could not run (a missing file, a bad option)
    3  COULD NOT VERIFY  nothing failed, but a check could not be made (a DID or status
                         list out of reach, or --offline)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

EXIT_CODES = {"VALID": 0, "INVALID": 1, "COULD_NOT_VERIFY": 3}
EXIT_ERROR = 2
MARKS = {"passed": "ok", "failed": "FAIL", "not_checked": "UNCHECKED"}
EPILOG = (
    "exit status: 0 VALID, 1 INVALID (a check failed), 3 COULD NOT VERIFY (a check could "
    "not be made), 2 the command could not run"
)


class UsageError(Exception):
    """Bad arguments or an unreadable file; the message says which."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the credential (JSON-LD, VC-JWT, baked PNG/SVG), - for stdin")
    parser.add_argument(
        "--key-document",
        action="append",
        default=[],
        metavar="FILE",
        help="a foreign issuer's controller (DID) document; repeatable",
    )
    parser.add_argument(
        "--status-list",
        action="append",
        default=[],
        metavar="[URL=]FILE",
        help="a status list credential, for the URL it is published at (default: its id); "
        "repeatable",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="fetch nothing: an issuer's DID document or status list not supplied here or "
        "in this site's database leaves the credential COULD NOT VERIFY",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bitewise verify", description=__doc__.split("\n")[0])
    parser.epilog = EPILOG
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    try:
        return run(options, sys.stdout, local=_database_issuers)
    except UsageError as error:
        sys.stderr.write(f"bitewise verify: {error}\n")
        return EXIT_ERROR


def run(options: dict[str, Any], out: IO[str], *, local: Any) -> int:
    """Verify as ``options`` say, print the result to ``out``, return the exit status."""
    from bitewise.credentials.services.verification import (
        MAX_INPUT_BYTES,
        result_json,
        verify_bytes,
    )
    from bitewise.settings.env import env_bool

    data = _read(options["file"], MAX_INPUT_BYTES + 1)
    documents = {}
    for path in options["key_document"]:
        document = _document(path, "a controller document")
        documents[str(document["id"])] = document
    lists = {}
    for spec in options["status_list"]:
        url, path = "", spec
        if spec.startswith(("https://", "http://")) and "=" in spec:
            url, path = spec.rsplit("=", 1)
        document = _document(path, "a status list credential")
        lists[url or str(document["id"])] = document
    kind, result = verify_bytes(
        data,
        key_documents=documents,
        status_lists=lists,
        local=local,
        fetch=not options["offline"],
        allow_private=env_bool("BITEWISE_FETCH_PRIVATE_ADDRESSES", False),
    )
    if options["json"]:
        out.write(json.dumps(result_json(kind, result)) + "\n")
    else:
        out.write(f"{result.status.replace('_', ' ')} ({kind})\n")
        for check in result.checks:
            reason = f": {check.reason}" if check.reason else ""
            out.write(f"  {MARKS[check.outcome]:<9} {check.name}{reason}\n")
    return EXIT_CODES[result.status]


def _read(path: str, limit: int) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(limit)
    try:
        with Path(path).open("rb") as handle:
            return handle.read(limit)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from error


def _document(path: str, what: str) -> dict[str, Any]:
    try:
        document = json.loads(_read(path, 1_000_000))
    except (ValueError, RecursionError) as error:
        raise UsageError(f"{path}: not {what} with an id") from error
    if not isinstance(document, dict) or not isinstance(document.get("id"), str):
        raise UsageError(f"{path}: not {what} with an id")
    return document


def _database_issuers() -> Any:
    """This site's issuers from its database, set up only now and only if a migrated
    database exists (a missing SQLite file is not created)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.base")
    import django
    from django.apps import apps
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not Path(str(database["NAME"])).exists():
        return None
    if not apps.ready:
        django.setup()
    from bitewise.credentials.services.local_issuers import database_issuers

    return database_issuers()
