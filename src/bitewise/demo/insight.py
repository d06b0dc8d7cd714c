"""Demo insight data: a past workshop whose follow-up campaign held back 30% of its 160
registrants, their quiz answers, enrolments with lesson-by-lesson drop-off, and delayed
retention checks at 7, 30 and 90 days whose outcomes fall off with time (less for the
reinforced learners) while FSRS predicts from each learner's memory. Plus two months of
credential activity, and one check due today for the demo learner.

The cohort accounts have no usable password (nobody logs in as them). Everything is made
once: a second load finds the workshop and leaves it alone."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Question
from bitewise.engines.insight.sampling import is_held_out
from bitewise.engines.spacing import predicted_recall
from bitewise.insight.models import ActivityKind, CredentialActivity, RetentionCheck
from bitewise.insight.services.rollups import rollups_refresh_due
from bitewise.learning.models import Enrollment, LessonCompletion, QuestionAnswer
from bitewise.reinforcement.models import (
    Channel,
    Delivery,
    DeliveryState,
    Event,
    EventRegistration,
    RegistrationSource,
    StepKind,
)
from bitewise.reinforcement.services.events import campaign_create, event_create, step_add

WORKSHOP = "Sepsis Update Workshop (spring)"
COHORT = 160
HOLDOUT_PERCENT = 30
SEED = 2026
# How much better reinforced learners recall, in probability points (what the demo shows).
REINFORCEMENT_GAIN = 0.12


def load_insight(*, learner: User) -> None:
    if not Event.objects.filter(title=WORKSHOP).exists():
        _workshop()
        _credential_activity()
    _check_due_today(learner)
    rollups_refresh_due()


def _cohort(now: datetime) -> list[User]:
    users = [
        User(
            email=f"cohort-{n:03d}@demo.bitewise.test",
            display_name=f"Cohort member {n}",
            password=make_password(None),
            date_joined=now - timedelta(days=140),
        )
        for n in range(1, COHORT + 1)
    ]
    User.objects.bulk_create(users, ignore_conflicts=True)
    return list(
        User.objects.filter(
            email__startswith="cohort-", email__endswith="@demo.bitewise.test"
        ).order_by("email")
    )


def _workshop() -> None:
    rng = random.Random(SEED)
    now = timezone.now()
    starts = (now - timedelta(days=100)).replace(minute=0, second=0, microsecond=0)
    event = event_create(
        title=WORKSHOP,
        starts_at=starts,
        time_zone="America/Chicago",
        kind="training",
        description="A one-day workshop on the 2026 sepsis bundle, with a follow-up campaign.",
    )
    campaign = campaign_create(
        event=event, title="Follow-up practice", holdout_percent=HOLDOUT_PERCENT
    )
    questions = list(Question.objects.prefetch_related("choices").order_by("pk")[:24])
    steps = [
        step_add(
            campaign=campaign,
            offset_days=days,
            kind=StepKind.QUESTION,
            subject=f"Quick question, day {days}",
            question=question,
        )
        for days, question in zip((2, 9, 23), questions, strict=False)
    ]
    learners = _cohort(now)
    EventRegistration.objects.bulk_create(
        [
            EventRegistration(
                event=event,
                learner=person,
                source=RegistrationSource.CSV,
                created_at=starts - timedelta(days=20),
            )
            for person in learners
        ],
        ignore_conflicts=True,
    )
    held = {p.pk for p in learners if is_held_out(campaign.pk, p.pk, percent=HOLDOUT_PERCENT)}
    Delivery.objects.bulk_create(
        [
            Delivery(
                learner=person,
                step=step,
                channel=Channel.EMAIL,
                due_at=starts + timedelta(days=step.offset_days),
                state=DeliveryState.SENT,
                sent_at=starts + timedelta(days=step.offset_days),
            )
            for person in learners
            if person.pk not in held
            for step in steps
        ],
        ignore_conflicts=True,
    )
    _learning(rng, learners, starts)
    answers, checks = [], []
    for person in learners:
        # Each learner's memory: FSRS stability in days, from a spread of abilities.
        stability = rng.lognormvariate(3.0, 0.5)
        gain = 0.0 if person.pk in held else REINFORCEMENT_GAIN
        learned = starts + timedelta(hours=rng.randint(2, 7))
        for question in questions:
            choices = list(question.choices.all())
            right = [c.pk for c in choices if c.is_correct]
            wrong = [c.pk for c in choices if not c.is_correct] or right
            is_correct = rng.random() < 0.8
            answers.append(
                QuestionAnswer(
                    learner=person,
                    question=question,
                    choice_ids=right if is_correct else wrong[:1],
                    is_correct=is_correct,
                    response_ms=rng.randint(4000, 30000),
                    answered_at=learned,
                )
            )
            delay = rng.choice((7, 30, 90))
            asked = learned + timedelta(days=delay, hours=rng.randint(0, 30))
            predicted = predicted_recall(stability=stability, last_review=learned, at=asked)
            # The truth: FSRS's curve, a little flatter at long delays, plus reinforcement.
            truth = min(0.98, predicted + 0.04 * (delay / 90) + gain * (0.5 + delay / 180))
            checks.append(
                RetentionCheck(
                    learner=person,
                    question=question,
                    delay_days=delay,
                    learned_at=learned,
                    due_at=asked,
                    answered_at=asked,
                    is_correct=rng.random() < truth,
                    choice_ids=[],
                    predicted_recall=predicted,
                )
            )
    QuestionAnswer.objects.bulk_create(answers, ignore_conflicts=True, batch_size=2000)
    RetentionCheck.objects.bulk_create(checks, ignore_conflicts=True, batch_size=2000)


def _learning(rng: random.Random, learners: list[User], starts: datetime) -> None:
    """Enrolments in every published micro-credential, each learner going lesson by lesson
    until they stop; one in eight unsubscribes."""
    enrolments, completions = [], []
    for micro_credential in MicroCredential.objects.prefetch_related("lessons"):
        lessons = list(micro_credential.lessons.order_by("memberships__position"))
        for person in learners:
            if rng.random() < 0.35:
                continue
            dropped = rng.random() < 0.125
            enrolments.append(
                Enrollment(
                    learner=person,
                    micro_credential=micro_credential,
                    is_active=not dropped,
                    dropped_at=starts + timedelta(days=20) if dropped else None,
                )
            )
            for index, lesson in enumerate(lessons):
                # The second lesson loses the most people in the demo.
                if rng.random() > (0.6 if index == 1 else 0.88):
                    break
                completions.append(LessonCompletion(learner=person, lesson=lesson))
    Enrollment.objects.bulk_create(enrolments, ignore_conflicts=True)
    LessonCompletion.objects.bulk_create(completions, ignore_conflicts=True)


def _credential_activity() -> None:
    rng = random.Random(SEED + 1)
    today = timezone.localdate()
    scale = {
        ActivityKind.PAGE_VIEW: 40,
        ActivityKind.DOWNLOAD: 6,
        ActivityKind.LINKEDIN: 9,
        ActivityKind.VERIFICATION: 4,
    }
    CredentialActivity.objects.bulk_create(
        [
            CredentialActivity(
                day=today - timedelta(days=back), kind=kind, count=rng.randint(0, top)
            )
            for back in range(60)
            for kind, top in scale.items()
        ],
        ignore_conflicts=True,
    )


def _check_due_today(learner: User) -> None:
    """One of the demo learner's answered questions comes back as a check in Today."""
    if RetentionCheck.objects.filter(learner=learner).exists():
        return
    answer = QuestionAnswer.objects.filter(learner=learner).order_by("pk").first()
    if answer is None:
        return
    now = timezone.now()
    RetentionCheck.objects.create(
        learner=learner,
        question_id=answer.question_id,
        delay_days=7,
        learned_at=min(answer.answered_at, now - timedelta(days=7)),
        due_at=now - timedelta(hours=1),
    )
