"""Registration: seats, the waiting list, cancelling, and the invites that go with them."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from bitewise.testing import make_user, run_at_once
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Registration, Webinar
from bitewise.webinars.services.registration import registration_cancel, registration_create
from bitewise.webinars.services.webinars import webinar_cancel, webinar_update
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


def event_of(message) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    [(name, content, mimetype)] = message.attachments
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    [event] = calendar.events
    return str(calendar["METHOD"]), event


def test_registering_gives_a_seat_and_an_invite_in_the_event_time_zone(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar(capacity=2, time_zone="Europe/Berlin")
    learner = make_user(email="amy@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(learner=learner, webinar=webinar)

    assert registration.status == "registered"
    [message] = mail.outbox
    assert message.to == ["amy@example.org"] and message.subject.startswith("Registered")
    method, event = event_of(message)
    assert method == "REQUEST"
    assert event.DTSTART.tzinfo.key == "Europe/Berlin"  # type: ignore[attr-defined]
    assert webinar.starts_at.replace(microsecond=0) == event.DTSTART  # type: ignore[attr-defined]
    assert str(event["UID"]) == f"webinar-{webinar.pk}@localhost"  # the site URL's host
    assert "/join" in str(event["LOCATION"])
    html = message.alternatives[0][0]
    assert "Join the session" in html


def test_a_full_session_puts_people_on_the_waiting_list_and_a_cancellation_seats_the_first(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar(capacity=1)
    first, second, third = (make_user() for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        seated = registration_create(learner=first, webinar=webinar)
        waiting = registration_create(learner=second, webinar=webinar)
        later = registration_create(learner=third, webinar=webinar)
    assert [seated.status, waiting.status, later.status] == [
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    assert not mail.outbox[1].attachments, "no invite while waiting"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=seated)

    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (waiting.status, later.status) == ("registered", "waitlisted")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[first.email].startswith("Registration cancelled")
    assert subjects[second.email].startswith("A seat opened")
    method, event = event_of(next(m for m in mail.outbox if m.to == [first.email]))
    assert method == "CANCEL" and str(event["STATUS"]) == "CANCELLED"


def test_registering_twice_is_harmless_and_coming_back_after_cancelling_outranks_the_cancel(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar()
    learner = make_user()
    # Each step's email goes out before the next step, as with a prompt worker.
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(learner=learner, webinar=webinar)
    with django_capture_on_commit_callbacks(execute=True) as again:
        assert registration_create(learner=learner, webinar=webinar).pk == registration.pk
    assert again == []
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=learner, webinar=webinar)

    methods = [event_of(m)[0] for m in mail.outbox]
    sequences = [int(event_of(m)[1]["SEQUENCE"]) for m in mail.outbox]
    assert methods == ["REQUEST", "CANCEL", "REQUEST"]
    assert sequences[0] < sequences[1] < sequences[2]
    assert Registration.objects.get(pk=registration.pk).status == "registered"


def test_an_overtaken_email_is_not_sent(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar()
    learner = make_user()
    # A slow worker: cancelling and registering again before any email went out.
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(learner=learner, webinar=webinar)
        registration_cancel(registration=registration)
        registration_create(learner=learner, webinar=webinar)

    assert [event_of(m)[0] for m in mail.outbox] == ["REQUEST", "REQUEST"]
    webinar.refresh_from_db()
    assert {int(event_of(m)[1]["SEQUENCE"]) for m in mail.outbox} == {webinar.sequence}


def test_an_update_keeps_the_uid_and_raises_the_sequence_for_every_registrant(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar()
    learners = [make_user() for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        for learner in learners:
            registration_create(learner=learner, webinar=webinar)
    _, before = event_of(mail.outbox[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        webinar_update(webinar=webinar, starts_at=webinar.starts_at + timedelta(hours=1))
        webinar_update(webinar=webinar, presenter="Someone else")  # not in the invite: no mail

    assert len(mail.outbox) == 2
    method, after = event_of(mail.outbox[0])
    assert method == "REQUEST"
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert before.DTSTART + timedelta(hours=1) == after.DTSTART  # type: ignore[attr-defined]


def test_cancelling_the_webinar_sends_a_cancel_to_registrants_and_the_waiting_list(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=make_user(), webinar=webinar)
        registration_create(learner=make_user(), webinar=webinar)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        webinar_cancel(webinar=webinar)
    assert len(mail.outbox) == 2
    method, event = event_of(mail.outbox[0])
    assert method == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    with pytest.raises(WebinarError, match="not open"):
        registration_create(learner=make_user(), webinar=webinar)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "draft"}, "not open"),
        ({"starts_at": "past"}, "has ended"),
    ],
)
def test_closed_sessions_refuse_registration(change: dict[str, str], message: str) -> None:
    webinar = make_webinar()
    if change.get("starts_at") == "past":
        Webinar.objects.filter(pk=webinar.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    else:
        Webinar.objects.filter(pk=webinar.pk).update(**change)
    webinar.refresh_from_db()
    with pytest.raises(WebinarError, match=message):
        registration_create(learner=make_user(), webinar=webinar)


@pytest.mark.django_db(transaction=True)
def test_two_learners_racing_for_the_last_seat_get_one_seat_and_one_waiting_place() -> None:
    webinar = make_webinar(capacity=1)
    learners = iter([make_user(), make_user()])
    lock = threading.Lock()

    def register() -> None:
        with lock:
            learner = next(learners)
        registration_create(learner=learner, webinar=webinar)

    errors = run_at_once(register, times=2)

    assert errors == []
    statuses = sorted(Registration.objects.filter(webinar=webinar).values_list("status", flat=True))
    assert statuses == ["registered", "waitlisted"]


def test_a_session_that_is_over_cannot_be_cancelled() -> None:
    webinar = make_webinar(starts_at=timezone.now() - timedelta(hours=3))
    with pytest.raises(WebinarError, match="over"):
        webinar_cancel(webinar=webinar)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("self_study_percent", 0),
        ("self_study_percent", 101),
        ("capacity", -1),
        ("checks_planned", 50),
    ],
)
def test_out_of_range_settings_are_refused_with_a_message(field: str, value: int) -> None:
    with pytest.raises(WebinarError, match="must be"):
        make_webinar(**{field: value})
