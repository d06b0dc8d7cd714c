"""The burst's database: the follow-up micro-credential (a lesson, then a quiz lesson whose
questions form its assessment) and the attendees, all with one password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.burst.journey import Plan

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "conference-morning-2026"
EMAIL = "attendee-{n}@burst.example"
BATCH = 2000


def migrate(env: dict[str, str]) -> None:
    bitewise = Path(sys.executable).parent / "bitewise"
    subprocess.run([str(bitewise), "migrate", "--verbosity", "0"], check=True, cwd=ROOT, env=env)


def setup(env: dict[str, str]) -> None:
    """Django in this process, against the burst's database."""
    os.environ.update(env)
    import django

    django.setup()


def follow_up() -> Plan:
    """The lesson the campaign links to, published with its quiz."""
    from bitewise.catalog.models import Question
    from bitewise.testing import correct_choice_ids, make_micro_credential

    mc = make_micro_credential(lessons=1, title="Conference follow-up: safe handoffs")
    lesson_ids = tuple(mc.memberships.order_by("position").values_list("lesson_id", flat=True))
    questions = Question.objects.filter(lesson_id__in=lesson_ids)
    return Plan(
        slug=mc.slug,
        lesson_ids=lesson_ids,
        correct={q.pk: correct_choice_ids(q) for q in questions},
        password=PASSWORD,
    )


def attendees(first: int, count: int) -> list[str]:
    """``count`` learners from number ``first`` on, all with the same password hash (one
    Argon2 hash computed here; every log-in still checks it in full)."""
    from django.contrib.auth.hashers import make_password

    from bitewise.accounts.models import User

    hashed = make_password(PASSWORD)
    emails = [EMAIL.format(n=n) for n in range(first, first + count)]
    for at in range(0, len(emails), BATCH):
        User.objects.bulk_create(
            [
                User(email=email, password=hashed, display_name=email.split("@")[0])
                for email in emails[at : at + BATCH]
            ]
        )
    return emails
