"""Fixtures for the webinar tests."""

from __future__ import annotations

import pytest

from bitewise.accounts.models import Role, User
from bitewise.testing import make_user


@pytest.fixture
def admin() -> User:
    return make_user(role=Role.ADMIN)


@pytest.fixture
def author() -> User:
    return make_user(role=Role.AUTHOR)
