"""A webinar's people (registrants, attendance reports, credit) are shown to admins and to
its host, who created it, and each read is audited; other authors see counts only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import AuditEntry, Role, User
from bitewise.testing import make_user
from bitewise.webinars.models import AttendanceImport, Webinar
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.staff_support import make_webinar

pytestmark = pytest.mark.django_db


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def host() -> User:
    return make_user(role=Role.AUTHOR)


@pytest.fixture
def webinar(host: User) -> Webinar:
    webinar = make_webinar(publish=True, by=host)
    registration_create(learner=make_user(email="ana@example.org"), webinar=webinar)
    return webinar


def test_the_host_sees_who_registered_and_the_read_is_audited(host: User, webinar: Webinar) -> None:
    page = as_user(host).get(reverse("webinars_staff:detail", args=[webinar.pk]))

    assert "ana@example.org" in page.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.target, entry.record) == (
        host,
        "webinars.registrations",
        str(webinar.pk),
    )


def test_another_author_sees_the_counts_but_not_who(webinar: Webinar) -> None:
    page = as_user(make_user(role=Role.AUTHOR)).get(
        reverse("webinars_staff:detail", args=[webinar.pk])
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert "1 registered" in text and "ana@example.org" not in text
    assert "shown to the webinar's host" in text
    assert not AuditEntry.objects.exists()


def test_an_admin_sees_who_registered(webinar: Webinar) -> None:
    page = as_user(make_user(role=Role.ADMIN)).get(
        reverse("webinars_staff:detail", args=[webinar.pk])
    )
    assert "ana@example.org" in page.content.decode()


@pytest.fixture
def report(host: User, webinar: Webinar) -> AttendanceImport:
    csv = (
        "Email,Join Time,Leave Time\n"
        f"bo@example.org,{webinar.starts_at.isoformat()},{webinar.ends_at.isoformat()}\n"
    )
    return attendance_import(
        webinar=webinar,
        by=host,
        filename="zoom.csv",
        data=csv.encode(),
        time_zone="",
        platform="generic",
    )


@pytest.mark.parametrize(
    ("name", "method"),
    [("import", "get"), ("credit", "get"), ("credit", "post"), ("import_new", "post")],
)
def test_other_authors_get_403_on_the_people_pages(
    webinar: Webinar, report: AttendanceImport, name: str, method: str
) -> None:
    kwargs = {"webinar_id": webinar.pk} | ({"import_id": report.pk} if name == "import" else {})
    url = reverse(f"webinars_staff:{name}", kwargs=kwargs)

    response = getattr(as_user(make_user(role=Role.AUTHOR)), method)(url)

    assert response.status_code == 403
    assert AttendanceImport.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_other_authors_cannot_resolve_unmatched_attendees(
    webinar: Webinar, report: AttendanceImport
) -> None:
    row = report.unmatched_people.get()
    url = reverse("webinars_staff:unmatched_resolve", args=[webinar.pk, row.pk])

    response = as_user(make_user(role=Role.AUTHOR)).post(url, {"email": "ana@example.org"})

    assert response.status_code == 403
    row.refresh_from_db()
    assert row.resolved_to is None


@pytest.mark.parametrize(
    ("name", "target"),
    [("import", "webinars.attendance_import"), ("credit", "webinars.credit_report")],
)
def test_the_host_opens_the_people_pages_and_each_read_is_audited(
    host: User, webinar: Webinar, report: AttendanceImport, name: str, target: str
) -> None:
    kwargs = {"webinar_id": webinar.pk} | ({"import_id": report.pk} if name == "import" else {})

    page = as_user(host).get(reverse(f"webinars_staff:{name}", kwargs=kwargs))

    assert page.status_code == 200
    assert AuditEntry.objects.get().target == target


def test_the_admin_registration_list_is_for_admins_and_audited(webinar: Webinar) -> None:
    url = "/admin/webinars/registration/"
    assert as_user(make_user(role=Role.AUTHOR)).get(url).status_code == 403
    assert "ana@example.org" in as_user(make_user(role=Role.ADMIN)).get(url).content.decode()
    assert AuditEntry.objects.get().target == "admin:webinars.registration"
