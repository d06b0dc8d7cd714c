"""People and their roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    LEARNER = "learner", "Learner"
    AUTHOR = "author", "Author"  # creates and edits lessons, credentials, pathways
    ADMIN = "admin", "Admin"  # also publishes/retires and manages people


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", Role.ADMIN)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=120, blank=True)
    # The learner's own DID, if they have a wallet: badges name it as credentialSubject.id.
    did = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.LEARNER)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self) -> str:
        return self.email

    # Not stored: set on the user of a request made with an API token that lacks the `staff`
    # scope, which then has a learner's rights whatever the role (accounts.api_auth).
    acts_as_learner = False

    @property
    def is_staff(self) -> bool:  # type: ignore[override]
        """Staff (author or admin) may use the staff pages and the Django admin."""
        return (
            self.is_active and self.role in (Role.AUTHOR, Role.ADMIN) and not self.acts_as_learner
        )

    @property
    def is_staff_admin(self) -> bool:
        return (
            self.is_active
            and (self.role == Role.ADMIN or self.is_superuser)
            and not self.acts_as_learner
        )

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@", 1)[0]

    def has_perm(self, perm: str, obj: object = None) -> bool:
        if not self.is_active:
            return False
        if self.is_staff_admin:
            return True
        # Authors edit the catalog; everything else is for admins.
        return self.role == Role.AUTHOR and perm.startswith("catalog.")

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_staff_admin:
            return True
        return self.is_active and self.role == Role.AUTHOR and app_label == "catalog"
