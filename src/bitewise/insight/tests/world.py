"""A small cohort with every kind of record the dashboards read: enrolments, completions,
answers, answered retention checks, an event whose campaign (a question step and a lesson
step) holds back a control group, credential activity and a CE award. Rows are made
directly: the services that make them have their own tests, and these tests are about
reading them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway, Question, Skill
from bitewise.engines.insight.sampling import is_held_out
from bitewise.insight.models import ActivityKind, RetentionCheck
from bitewise.insight.services.counters import (
    credential_activity_count,
    credential_activity_flush,
)
from bitewise.learning.models import Award, Enrollment, LessonCompletion, QuestionAnswer
from bitewise.reinforcement.models import Campaign, Event, RegistrationSource
from bitewise.reinforcement.services.events import (
    campaign_create,
    event_create,
    registration_add,
    step_add,
)
from bitewise.testing import make_micro_credential, make_pathway, make_skill, make_user
from bitewise.webinars.models import Attendance, CreditAward, Registration
from bitewise.webinars.tests.api_support import make_webinar


@dataclass
class World:
    micro_credential: MicroCredential
    pathway: Pathway
    learners: list[User]
    event: Event
    campaign: Campaign
    questions: list[Question]


def build_world(*, learners: int = 12, seed: int = 7, holdout_percent: int = 30) -> World:
    rng = random.Random(seed)
    now = timezone.now()
    micro_credential = make_micro_credential(title="Safe Handoffs")
    pathway = make_pathway([micro_credential])
    lessons = list(micro_credential.lessons.order_by("memberships__position"))
    questions = list(Question.objects.filter(lesson__in=lessons).prefetch_related("choices"))
    # Every lesson teaches handoffs; the first quizzed one teaches medication safety too.
    handoffs, medication = (
        Skill.objects.filter(name=name).first() or make_skill(name)
        for name in ("Handoff communication", "Medication safety")
    )
    for lesson in lessons:
        lesson.skills.add(handoffs)
    questions[0].lesson.skills.add(medication)
    event = event_create(
        title="Spring congress",
        starts_at=now - timedelta(days=60),
        time_zone="UTC",
        kind="conference",
    )
    campaign = campaign_create(
        event=event, title="After the congress", holdout_percent=holdout_percent
    )
    # The campaign reinforces the first question and the quiz lesson (both questions): the
    # checks of those count as the event's.
    step_add(
        campaign=campaign,
        offset_days=2,
        kind="question",
        subject="One question",
        question=questions[0],
    )
    step_add(
        campaign=campaign,
        offset_days=9,
        kind="lesson",
        subject="Look again",
        lesson=questions[-1].lesson,
    )
    people = []
    for n in range(learners):
        learner = make_user()
        people.append(learner)
        Enrollment.objects.create(
            learner=learner, micro_credential=micro_credential, is_active=n % 6 != 5
        )
        reached = rng.randint(0, len(lessons))
        for lesson in lessons[:reached]:
            LessonCompletion.objects.create(learner=learner, lesson=lesson)
        if reached == len(lessons):
            Award.objects.create(
                learner=learner, micro_credential=micro_credential, snapshot={"title": "x"}
            )
        registration_add(
            event=event,
            learner=learner,
            source=RegistrationSource.STAFF,
            now=now - timedelta(days=70),
        )
        held = is_held_out(campaign.pk, learner.pk, percent=holdout_percent)
        for question in questions:
            choices = list(question.choices.all())
            right = [c.pk for c in choices if c.is_correct]
            wrong = [c.pk for c in choices if not c.is_correct]
            is_correct = rng.random() < 0.7
            QuestionAnswer.objects.create(
                learner=learner,
                question=question,
                choice_ids=right if is_correct else wrong[:1],
                is_correct=is_correct,
                answered_at=now - timedelta(days=95),
            )
            # One check per item, staggered over the delays as the sampler does.
            delay = (7, 30, 90)[(n + question.pk) % 3]
            recall = {7: 0.85, 30: 0.7, 90: 0.55}[delay] - (0.15 if held else 0)
            RetentionCheck.objects.create(
                learner=learner,
                question=question,
                delay_days=delay,
                learned_at=now - timedelta(days=95),
                due_at=now - timedelta(days=95 - delay),
                answered_at=now - timedelta(days=94 - delay),
                is_correct=rng.random() < recall,
                choice_ids=[],
                predicted_recall=recall + rng.uniform(-0.05, 0.05),
            )
    for kind in ActivityKind:
        credential_activity_count(kind=kind, now=now)
    credential_activity_flush(now=now + timedelta(minutes=3))
    webinar = make_webinar(starts_in=timedelta(days=-3), publish=False)
    for learner in people[:3]:
        Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    Attendance.objects.create(webinar=webinar, learner=people[0], minutes=Decimal(55))
    CreditAward.objects.create(
        learner=people[0],
        webinar=webinar,
        mode="live",
        title="Ethics hour",
        activity_date=now.date(),
        program_code="nasba-ethics",
        rule_version=1,
        credit=Decimal("1.0"),
        unit="CPE credit",
        provider_name="Bitewise Society",
        evidence={},
    )
    return World(micro_credential, pathway, people, event, campaign, questions)
