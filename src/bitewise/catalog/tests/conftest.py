"""The catalog tests' signed-in author and admin (this ``admin_user`` is a Bitewise admin,
not pytest-django's superuser)."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.models import Role, User
from bitewise.testing import (
    make_user,
)


@pytest.fixture
def author(client: Client) -> User:
    user = make_user(role=Role.AUTHOR)
    client.force_login(user)
    return user


@pytest.fixture
def admin_user(client: Client) -> User:
    user = make_user(role=Role.ADMIN)
    client.force_login(user)
    return user
