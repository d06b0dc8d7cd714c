"""Staff find the LMS packages page from the staff dashboard and get back from it."""

from __future__ import annotations

from typing import Any

import pytest

from bitewise.accounts.models import Role
from bitewise.testing import PASSWORD, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def test_the_staff_dashboard_links_the_packages_page_which_links_back(client: Any) -> None:
    mc = make_micro_credential(lessons=1, title="Hand hygiene")
    staff = make_user(role=Role.AUTHOR)
    client.login(email=staff.email, password=PASSWORD)
    dashboard = client.get("/staff/").content.decode()
    assert 'href="/staff/integrations/packages/"' in dashboard
    page = client.get("/staff/integrations/packages/").content.decode()
    assert 'href="/staff/"' in page
    assert f'href="/staff/integrations/packages/{mc.slug}/cmi5.zip"' in page


def test_learners_neither_see_the_link_nor_reach_the_page(client: Any) -> None:
    learner = make_user()
    client.login(email=learner.email, password=PASSWORD)
    assert client.get("/staff/integrations/packages/").status_code == 403
    assert "/staff/integrations/packages/" not in client.get("/").content.decode()
