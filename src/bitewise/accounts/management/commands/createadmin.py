"""`bitewise createadmin --email E`: create (or promote) a staff admin."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from bitewise.accounts.models import Role, User
from bitewise.accounts.services import user_password_set


class Command(BaseCommand):
    help = "Create an admin user; the password comes from BITEWISE_ADMIN_PASSWORD or a prompt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Not an email address: {email!r}") from exc
        password = os.environ.get("BITEWISE_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        if len(password) < 10:
            raise CommandError("Use a password of at least 10 characters.")
        user = User.objects.filter(email=email).first()
        if user is None:
            User.objects.create_superuser(email, password, display_name=options["name"])
            self.stdout.write(f"Created admin {email}")
        else:
            user.role = Role.ADMIN
            user.is_superuser = True
            user.save(update_fields=["role", "is_superuser"])
            user_password_set(user=user, password=password)  # also revokes their API tokens
            self.stdout.write(f"Promoted {email} to admin and set the password")
