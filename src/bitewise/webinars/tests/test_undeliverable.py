"""Registration emails never go to an address that can never receive mail (an LTI
launch's ``…@lti.invalid`` placeholder): the registration stands, nothing reaches the mail
backend; an ordinary address still gets its invite."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from bitewise.testing import make_user
from bitewise.webinars.services.invites import registration_email_send
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.services.webinars import webinar_cancel
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


def test_a_placeholder_address_is_registered_but_gets_no_invite_or_cancellation(
    django_capture_on_commit_callbacks: Any,
) -> None:
    webinar = make_webinar(capacity=5)
    placeholder = make_user(email="lti-1-0f1e2d3c4b@lti.invalid")
    amy = make_user(email="amy@example.org")
    with django_capture_on_commit_callbacks(execute=True) as placeholder_calls:
        registration = registration_create(learner=placeholder, webinar=webinar)
    with django_capture_on_commit_callbacks(execute=True) as ordinary_calls:
        registration_create(learner=amy, webinar=webinar)

    assert registration.status == "registered"
    assert len(placeholder_calls) == len(ordinary_calls) - 1  # no email task queued
    assert [message.to for message in mail.outbox] == [["amy@example.org"]]
    assert registration_email_send(registration_id=registration.pk, kind="confirmation") is False

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        webinar_cancel(webinar=webinar)
    assert [message.to for message in mail.outbox] == [["amy@example.org"]]
