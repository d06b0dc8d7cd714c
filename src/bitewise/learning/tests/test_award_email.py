"""The badge email over the real SMTP protocol: once per award, after the credential is
issued, with its link and one-click unsubscribe, and never to a learner who opted out."""

from __future__ import annotations

import re
import socket
from datetime import timedelta
from email.message import Message
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (fixture)
from bitewise.common.events import event_dispatch
from bitewise.common.mail_addresses import UNDELIVERABLE_REASON
from bitewise.common.models import DomainEvent
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.revocation import credential_revoke
from bitewise.learning.handlers import CredentialNotIssued, email_on_earned
from bitewise.learning.models import Award, AwardEmail
from bitewise.learning.services.award_email import award_email_send, award_emails_send_due
from bitewise.reinforcement.models import DeliveryPreferences, UnsubscribeScope
from bitewise.reinforcement.services.unsubscribe import (
    UnsubscribeRequest,
    unsubscribe_apply,
    unsubscribe_read,
)
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings: Any) -> None:
    settings.SITE_URL = "https://learn.example.org"


def body(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def parts(message: Message) -> tuple[str, str]:
    found = {part.get_content_type(): part for part in message.walk()}
    return body(found["text/plain"]), body(found["text/html"])


def earn_now(capture: Any, email: str = "sam@example.org") -> Award:
    """Earn a credit-bearing micro-credential, running what runs after commit (the event
    dispatch: issue the credential, then plan and send the email)."""
    learner = make_user(email=email)
    with capture(execute=True):
        earn(learner, make_micro_credential(title="Safe handoffs"))
    return Award.objects.get(learner=learner)


def test_earning_sends_one_email_with_the_badge_link_after_the_credential_is_issued(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    award = earn_now(django_capture_on_commit_callbacks)

    credential = IssuedCredential.objects.get(award=award)
    [(recipients, message)] = smtp_inbox.messages
    assert recipients == ["sam@example.org"]
    assert message["Subject"] == "Your badge: Safe handoffs"
    text, html = parts(message)
    link = f"https://learn.example.org/credentials/{credential.pk}"
    assert link in text and f'href="{link}"' in html
    assert "linkedin.com/profile/add" in text and "linkedin.com/profile/add" in html
    assert "with a score of 100%" in text
    assert "1.50 CE credits" in text
    assert 'src="https://learn.example.org/achievements/micro-credentials/' in html
    email = AwardEmail.objects.get(award=award)
    assert (email.state, email.attempts) == ("sent", 1)
    assert message["Message-ID"] == email.message_id


def test_the_email_carries_a_one_click_unsubscribe_from_badge_emails(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    award = earn_now(django_capture_on_commit_callbacks)

    [(_, message)] = smtp_inbox.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    match = re.match(
        r"<(https://learn\.example\.org/u/([^>\s]+))>, <mailto:", message["List-Unsubscribe"]
    )
    assert match, message["List-Unsubscribe"]
    url, token = match.groups()
    assert unsubscribe_read(token) == UnsubscribeRequest(award.learner_id, UnsubscribeScope.AWARDS)
    text, html = parts(message)
    assert url in text and f'href="{url}"' in html

    # The mail client's one-click POST, without a session, records it.
    response = Client().post(url.removeprefix("https://learn.example.org"))
    assert response.status_code == 200
    assert "the emails about badges you earn" in response.content.decode()


def test_a_retried_event_or_task_sends_nothing_more(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    award = earn_now(django_capture_on_commit_callbacks)
    [event] = DomainEvent.objects.filter(name="credential_earned")
    email = AwardEmail.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        email_on_earned(event.payload)
        DomainEvent.objects.filter(pk=event.pk).update(dispatched_at=None, handled_at=None)
        event_dispatch(event_id=event.pk)
    assert award_email_send(email_id=email.pk) == "taken"
    assert award_emails_send_due() == 0

    assert len(smtp_inbox.messages) == 1
    assert AwardEmail.objects.filter(award=award).count() == 1


@pytest.mark.parametrize("opt_out", ["awards", "all", "email-off"])
def test_no_email_for_a_learner_who_opted_out(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
    opt_out: str,
) -> None:
    learner = make_user(email="quiet@example.org")
    if opt_out == "email-off":
        DeliveryPreferences.objects.create(learner=learner, is_email_enabled=False)
    else:
        unsubscribe_apply(request=UnsubscribeRequest(learner.pk, opt_out))

    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential())

    assert smtp_inbox.messages == []
    email = AwardEmail.objects.get(award__learner=learner)
    assert email.state == "skipped" and email.error


def test_the_email_waits_for_the_credential(
    settings: Any,
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.BITEWISE_EVENT_HANDLERS = {
        "credential_earned": ["bitewise.learning.handlers.email_on_earned"]
    }
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=False):
        earn(learner, make_micro_credential())
    [event] = DomainEvent.objects.filter(name="credential_earned")

    with pytest.raises(CredentialNotIssued):
        event_dispatch(event_id=event.pk)

    event.refresh_from_db()
    assert event.dispatched_at is None  # released for a retry once the issuer runs
    assert not AwardEmail.objects.exists()
    assert smtp_inbox.messages == []


def test_a_credential_revoked_before_sending_is_not_announced(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=False):
        earn(learner, make_micro_credential())
    [event] = DomainEvent.objects.filter(name="credential_earned")
    with django_capture_on_commit_callbacks(execute=False):
        event_dispatch(event_id=event.pk)  # issues and plans; the send task is not run
    credential = IssuedCredential.objects.get()
    staff = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(staff)
    credential_revoke(credential=credential, by=staff, reason="Issued in error")

    assert award_email_send(email_id=AwardEmail.objects.get().pk) == "skipped"
    assert smtp_inbox.messages == []


def test_an_unreachable_mail_server_is_retried_later_and_then_sends(
    settings: Any,
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    working = settings.MAILERS
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed, "timeout": 2},
        }
    }
    earn_now(django_capture_on_commit_callbacks)
    email = AwardEmail.objects.get()
    assert (email.state, email.attempts) == ("planned", 1)
    assert email.retry_at is not None and "unreachable" in email.error
    assert award_emails_send_due() == 0  # not before the retry time

    settings.MAILERS = working
    with (
        time_machine.travel(email.retry_at + timedelta(seconds=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert award_emails_send_due() == 1

    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 2)
    assert len(smtp_inbox.messages) == 1


def test_a_claim_left_by_a_killed_worker_is_sent_again_unless_it_was_handed_over(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=False):
        earn(learner, make_micro_credential())
    with django_capture_on_commit_callbacks(execute=False):
        event_dispatch(event_id=DomainEvent.objects.get(name="credential_earned").pk)
    email = AwardEmail.objects.get()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    # A worker claimed it and died before opening the connection.
    AwardEmail.objects.filter(pk=email.pk).update(
        state="sending", claimed_at=an_hour_ago, attempts=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert award_emails_send_due() == 1

    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 2)
    assert len(smtp_inbox.messages) == 1


def test_a_placeholder_address_gets_no_badge_email_and_the_row_says_why(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """An LTI launch's account (``…@lti.invalid``): the row is made skipped, nothing is
    queued or handed to the backend, the scheduler never retries it; an ordinary address
    still gets its email."""
    placeholder = earn_now(django_capture_on_commit_callbacks, email="lti-1-0f1e2d3c4b@lti.invalid")
    ordinary = earn_now(django_capture_on_commit_callbacks, email="sam@example.org")

    email = AwardEmail.objects.get(award=placeholder)
    assert (email.state, email.error) == ("skipped", UNDELIVERABLE_REASON)
    assert email.attempts == 0 and email.dispatched_at is None
    assert award_email_send(email_id=email.pk) == "taken"
    assert award_emails_send_due() == 0
    assert AwardEmail.objects.get(award=ordinary).state == "sent"
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]


def test_a_badge_email_still_planned_for_a_placeholder_address_is_skipped_at_sending(
    django_capture_on_commit_callbacks: Any,
) -> None:
    award = earn_now(django_capture_on_commit_callbacks, email="sam@example.org")
    # A row left planned (e.g. planned before the address was a placeholder).
    AwardEmail.objects.filter(award=award).update(state="planned", handed_at=None)
    User.objects.filter(pk=award.learner_id).update(email="lti-1-0f1e2d3c4b@lti.invalid")
    mail.outbox.clear()
    email = AwardEmail.objects.get(award=award)

    assert award_email_send(email_id=email.pk) == "skipped"

    email.refresh_from_db()
    assert (email.state, email.error, email.handed_at) == ("skipped", UNDELIVERABLE_REASON, None)
    assert mail.outbox == []
