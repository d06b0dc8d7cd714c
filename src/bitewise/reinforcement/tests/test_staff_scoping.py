"""Who registered for an event is shown to admins (and audited); other staff see the count,
and only admins register other people (one by one or from a CSV): registering tells who has
an account and who is registered already."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bitewise.accounts.models import AuditEntry, Role, User
from bitewise.reinforcement.models import EventRegistration
from bitewise.reinforcement.tests.factories import make_event, register
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_author_sees_the_count_but_not_who_registered() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    register(event, make_user(email="ana@example.org"), at=datetime.now(UTC))

    page = as_user(make_user(role=Role.AUTHOR)).get(f"/staff/reinforcement/events/{event.pk}/")

    text = page.content.decode()
    assert page.status_code == 200
    assert "Registered (1)" in text and "ana@example.org" not in text
    assert "Who registered is shown to admins." in text
    assert not AuditEntry.objects.exists()


def test_an_admin_sees_who_registered_and_the_read_is_audited() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    register(event, make_user(email="ana@example.org"), at=datetime.now(UTC))
    admin = make_user(role=Role.ADMIN)

    page = as_user(admin).get(f"/staff/reinforcement/events/{event.pk}/")

    assert "ana@example.org" in page.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.target, entry.record) == (
        admin,
        "reinforcement.registrations",
        str(event.pk),
    )


def test_the_admin_registration_list_is_for_admins_and_audited() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    register(event, make_user(email="ana@example.org"), at=datetime.now(UTC))

    url = "/admin/reinforcement/eventregistration/"
    assert as_user(make_user(role=Role.AUTHOR)).get(url).status_code == 403
    assert "ana@example.org" in as_user(make_user(role=Role.ADMIN)).get(url).content.decode()
    assert AuditEntry.objects.get().target == "admin:reinforcement.eventregistration"


def test_an_author_cannot_register_people_or_learn_who_has_an_account() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    ana = make_user(email="ana@example.org")
    register(event, ana, at=datetime.now(UTC))
    make_user(email="ben@example.org")
    author = as_user(make_user(role=Role.AUTHOR))
    url = f"/staff/reinforcement/events/{event.pk}/registrations"

    page = author.get(f"/staff/reinforcement/events/{event.pk}/").content.decode()
    answers = [
        author.post(url, {"email": email})
        for email in ("ana@example.org", "ben@example.org", "nobody@example.org")
    ]
    upload = SimpleUploadedFile(
        "people.csv", b"email\nben@example.org\nnobody@example.org\n", content_type="text/csv"
    )
    imported = author.post(f"{url}.csv", {"file": upload})

    assert url not in page
    assert [a.status_code for a in answers] == [403, 403, 403]
    assert imported.status_code == 403
    assert "ben@example.org" not in imported.content.decode()
    assert list(EventRegistration.objects.values_list("learner__email", flat=True)) == [
        "ana@example.org"
    ]


def test_registering_someone_needs_their_active_account() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    gone = make_user(email="gone@example.org")
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    answer = as_user(make_user(role=Role.ADMIN)).post(
        f"/staff/reinforcement/events/{event.pk}/registrations", {"email": "Gone@example.org"}
    )

    assert answer.status_code == 400
    assert "No active Bitewise account uses this address." in answer.content.decode()
    assert not EventRegistration.objects.exists()
