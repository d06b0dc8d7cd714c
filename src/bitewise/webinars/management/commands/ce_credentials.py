"""`bitewise ce_credentials issue-missing`: give every CE credit award that has no verifiable
credential yet (awarded before CE credit had one) its Open Badges 3.0 credential. Safe to run
again: an award that has one is skipped, and issuing is exactly once per award."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bitewise.webinars.services.ce_credentials import (
    credit_credential_issue,
    credit_credentials_missing,
)
from bitewise.webinars.tasks import credit_credential_issue_task


class Command(BaseCommand):
    help = "Issue the Open Badges 3.0 credential of CE credit awards that have none yet."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue-missing", help="queue (or issue) the missing ones")
        issue.add_argument(
            "--now", action="store_true", help="sign them in this process instead of queueing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = credit_credentials_missing()
        for award_id in missing:
            if options["now"]:
                credit_credential_issue(award_id=award_id)
            else:
                credit_credential_issue_task.enqueue(str(award_id))
        done = "issued" if options["now"] else "queued for the worker"
        self.stdout.write(f"{len(missing)} CE credential{'s' * (len(missing) != 1)} {done}.")
