"""Direction overrides and invisible characters in names never reach public pages: refused
at sign-up (stripped by the one service that writes the name) and neutralized on output for
names stored before."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.test import Client

from bitewise.accounts.models import User
from bitewise.credentials.keystore import reset_cache
from bitewise.credentials.models import IssuedCredential
from bitewise.testing import earn, make_micro_credential, make_user
from bitewise.webinars.models import CreditAward, Registration
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

pytestmark = pytest.mark.django_db

# Shown as "Ana Admin (verified)" with the tail reversed, and zero-width characters between.
SPOOF = "Ana \u202e)deifirev( nimdA\u202c\u200b\u2066x\u2069"
HIDDEN = ["\u202e", "\u202c", "\u200b", "\u2066", "\u2069"]


def test_sign_up_keeps_the_name_but_not_its_hidden_characters(
    client: Client, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://learn.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "ana@example.org", "display_name": SPOOF, "password": "a-long-passphrase-9"},
        )
    assert response.status_code == 302
    link = re.search(r"https://learn\.example\.org(/accounts/signup/[\w-]+/)", mail.outbox[0].body)
    assert link is not None

    client.post(link.group(1))

    name = User.objects.get(email="ana@example.org").display_name
    assert name == "Ana )deifirev( nimdAx"
    assert not any(char in name for char in HIDDEN)


def test_a_stored_spoofed_name_is_neutralized_on_the_public_credential_page(
    client: Client, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    reset_cache()
    learner = make_user()
    User.objects.filter(pk=learner.pk).update(display_name=SPOOF)  # stored before the check
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential())
    credential = IssuedCredential.objects.get()

    page = client.get(f"/credentials/{credential.pk}").content.decode()

    assert "Earned by <strong>Ana )deifirev( nimdAx</strong>" in page
    assert not any(char in page for char in HIDDEN)


def test_a_stored_spoofed_name_is_neutralized_on_the_public_certificate_page(
    client: Client,
) -> None:
    learner = make_user()
    User.objects.filter(pk=learner.pk).update(display_name=SPOOF)
    day = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    webinar = make_webinar(starts_at=day, credit_program=program("ama-pra-1"))
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    data = attendance_csv([(learner.email, day, day + timedelta(minutes=15))])
    attendance_import(webinar=webinar, by=None, filename="a.csv", data=data)
    award = CreditAward.objects.get(learner=learner)

    page = client.get(f"/ce/certificates/{award.pk}/").content.decode()

    assert "Ana )deifirev( nimdAx" in page
    assert not any(char in page for char in HIDDEN)
