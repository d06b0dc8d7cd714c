"""`bitewise credentials issue|issue-missing|export`: award and issue a credential by hand,
issue the credentials of awards still waiting for one, or write one out in a download format."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.exports import FORMATS, JWT_ALGORITHMS, credential_export
from bitewise.credentials.services.issuers import IssuingRefused, issuing_check
from bitewise.credentials.services.issuing import credential_issue
from bitewise.credentials.urls_abs import credential_url
from bitewise.learning.models import Award
from bitewise.learning.services import LearningError, award_grant


class Command(BaseCommand):
    help = "Award and issue a credential to a learner, or export an issued credential."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="award an achievement and issue its credential")
        issue.add_argument("--learner", required=True, metavar="EMAIL")
        issue.add_argument("--achievement", required=True, metavar="SLUG")
        issue.add_argument("--pathway", action="store_true", help="SLUG names a pathway")
        actions.add_parser(
            "issue-missing",
            help="issue the credential of every award that has none (e.g. made while the "
            "site URL was an IP address)",
        )
        export = actions.add_parser("export", help="write a credential in a download format")
        export.add_argument("id", metavar="ID")
        export.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        export.add_argument("--out", metavar="FILE", help="default: standard output")
        export.add_argument("--alg", choices=JWT_ALGORITHMS, help="the VC-JWT's (default RS256)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "issue":
                self._issue(
                    options["learner"], options["achievement"], is_pathway=options["pathway"]
                )
            elif options["action"] == "issue-missing":
                self._issue_missing()
            else:
                self._export(options["id"], options["fmt"], options["out"], options["alg"])
        except IssuingRefused as refused:
            raise CommandError(str(refused)) from refused

    def _issue_missing(self) -> None:
        issuing_check()
        waiting = Award.objects.filter(credential__isnull=True).select_related(
            "learner", "micro_credential", "pathway"
        )
        count = 0
        for award in waiting.iterator():
            credential_issue(award=award)
            count += 1
        self.stdout.write(f"Issued {count} credential{'s' if count != 1 else ''}.")

    def _issue(self, email: str, slug: str, *, is_pathway: bool) -> None:
        learner = User.objects.filter(email__iexact=email.strip()).first()
        if learner is None:
            raise CommandError(f"No account with the email address {email!r}.")
        if not learner.is_active:
            raise CommandError(f"The account {learner.email} is deactivated.")
        micro_credential: MicroCredential | None = None
        pathway: Pathway | None = None
        achievement: MicroCredential | Pathway | None
        if is_pathway:
            achievement = pathway = Pathway.objects.filter(slug=slug).first()
        else:
            achievement = micro_credential = MicroCredential.objects.filter(slug=slug).first()
        if achievement is None:
            kind = "pathway" if is_pathway else "micro-credential (add --pathway for a pathway)"
            raise CommandError(f"No {kind} with the slug {slug!r}.")
        issuing_check()  # before the award: it would wait for a credential otherwise
        try:
            award = award_grant(
                learner=learner, micro_credential=micro_credential, pathway=pathway, granted_by=None
            )
        except LearningError as exc:
            raise CommandError(str(exc)) from exc
        if award is None:
            self.stderr.write(f"{learner.email} already holds {achievement.title!r}.")
            award = Award.objects.get(
                learner=learner, micro_credential=micro_credential, pathway=pathway
            )
        # Normally the worker issues it from the event; here the operator waits for it.
        credential = credential_issue(award=award)
        self.stdout.write(f"{credential_url(credential.pk)}\n{credential.pk}")

    def _export(self, credential_id: str, fmt: str, out: str | None, alg: str | None) -> None:
        try:
            pk = uuid.UUID(credential_id)
        except ValueError as exc:
            raise CommandError(f"Not a credential id: {credential_id!r}.") from exc
        found = IssuedCredential.objects.select_related("award", "issuer").filter(pk=pk).first()
        if found is None:
            raise CommandError(f"No credential with the id {credential_id}.")
        if found.is_revoked:
            self.stderr.write(f"Note: this credential was revoked: {found.revoked_reason}")
        data = credential_export(found, fmt, alg=alg)
        if out:
            Path(out).write_bytes(data)
            self.stderr.write(f"Wrote {len(data)} bytes to {out}")
        elif fmt == "png":
            if sys.stdout.isatty():
                raise CommandError("A PNG is binary: use --out FILE or redirect the output.")
            sys.stdout.buffer.write(data)
        else:
            self.stdout.write(data.decode(), ending="\n")
