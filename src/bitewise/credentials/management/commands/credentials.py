"""`bitewise credentials issue|export`: award and issue a credential by hand, or write
one out in a download format."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.exports import FORMATS, credential_export
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
        export = actions.add_parser("export", help="write a credential in a download format")
        export.add_argument("id", metavar="ID")
        export.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        export.add_argument("--out", metavar="FILE", help="default: standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "issue":
            self._issue(options["learner"], options["achievement"], is_pathway=options["pathway"])
        else:
            self._export(options["id"], options["fmt"], options["out"])

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

    def _export(self, credential_id: str, fmt: str, out: str | None) -> None:
        try:
            pk = uuid.UUID(credential_id)
        except ValueError as exc:
            raise CommandError(f"Not a credential id: {credential_id!r}.") from exc
        found = IssuedCredential.objects.select_related("award", "issuer").filter(pk=pk).first()
        if found is None:
            raise CommandError(f"No credential with the id {credential_id}.")
        if found.is_revoked:
            self.stderr.write(f"Note: this credential was revoked: {found.revoked_reason}")
        data = credential_export(found, fmt)
        if out:
            Path(out).write_bytes(data)
            self.stderr.write(f"Wrote {len(data)} bytes to {out}")
        elif fmt == "png":
            if sys.stdout.isatty():
                raise CommandError("A PNG is binary: use --out FILE or redirect the output.")
            sys.stdout.buffer.write(data)
        else:
            self.stdout.write(data.decode(), ending="\n")
