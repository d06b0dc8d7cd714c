from __future__ import annotations

import pytest

from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import Lesson, LessonKind, MicroCredential, Question
from bitewise.common.events import event_dispatch
from bitewise.common.models import DomainEvent
from bitewise.learning import services
from bitewise.learning.models import Award, Enrollment, LessonCompletion, QuestionAnswer
from bitewise.learning.selectors import learner_progress
from bitewise.testing import (
    correct_choice_ids,
    make_lesson,
    make_micro_credential,
    make_pathway,
    make_question,
    make_user,
    run_at_once,
    take_assessment,
    wrong_choice_ids,
)

pytestmark = pytest.mark.django_db


def lessons(mc: MicroCredential) -> list[Lesson]:
    return [m.lesson for m in mc.memberships.order_by("position")]


def read_lessons(learner, mc: MicroCredential) -> None:  # type: ignore[no-untyped-def]
    for lesson in lessons(mc):
        services.lesson_complete(learner=learner, lesson=lesson)


def finish(learner, mc: MicroCredential, *, correctly: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Read every lesson, then take the assessment answering right or wrong."""
    read_lessons(learner, mc)
    if Enrollment.objects.filter(learner=learner, micro_credential=mc, is_active=True).exists():
        take_assessment(learner, mc, correctly=correctly)


def loose_quiz() -> Lesson:
    """A quiz lesson in no micro-credential (a webinar's assessment, say)."""
    quiz = make_lesson(kind=LessonKind.QUIZ)
    make_question(quiz)
    make_question(quiz, kind="multiple", correct=(0, 2))
    return quiz


def earned_events() -> list[DomainEvent]:
    return list(DomainEvent.objects.filter(name="credential_earned"))


def test_subscribing_then_completing_everything_awards_once_with_one_event(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)

    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, mc)

    award = Award.objects.get(learner=learner, micro_credential=mc)
    assert award.score == 100
    assert award.snapshot["title"] == mc.title
    [event] = earned_events()
    assert event.payload["award_id"] == award.pk
    assert event.payload["kind"] == "micro_credential"
    assert event.dispatched_at is not None  # the immediate backend ran the dispatch task


def test_it_does_not_award_below_the_pass_mark() -> None:
    learner, mc = make_user(), make_micro_credential(pass_percent=80)
    services.enrollment_subscribe(learner=learner, micro_credential=mc)

    finish(learner, mc, correctly=False)

    assert not Award.objects.exists()
    assert earned_events() == []


def test_completing_lessons_without_a_subscription_does_not_award() -> None:
    learner, mc = make_user(), make_micro_credential(quiz=False)

    read_lessons(learner, mc)

    assert not Award.objects.exists()


def test_the_assessment_needs_a_subscription() -> None:
    learner, mc = make_user(), make_micro_credential()
    read_lessons(learner, mc)

    with pytest.raises(services.LearningError, match="Subscribe"):
        services.attempt_start(learner=learner, micro_credential=mc)


def test_unsubscribing_keeps_progress_and_resubscribing_resumes_and_awards() -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    first, *rest = lessons(mc)
    services.lesson_complete(learner=learner, lesson=first)

    services.enrollment_unsubscribe(learner=learner, micro_credential=mc)
    for lesson in rest[:-1]:  # learning on while unsubscribed still records completions
        services.lesson_complete(learner=learner, lesson=lesson)
    assert not Enrollment.objects.get().is_active
    assert LessonCompletion.objects.filter(learner=learner).count() == len(lessons(mc)) - 1

    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    assert Enrollment.objects.get().is_active
    assert Enrollment.objects.count() == 1
    finish(learner, mc)
    assert Award.objects.filter(learner=learner).count() == 1


def test_subscribing_again_awards_when_the_work_was_already_done() -> None:
    learner, mc = make_user(), make_micro_credential(quiz=False)
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    services.enrollment_unsubscribe(learner=learner, micro_credential=mc)
    read_lessons(learner, mc)
    assert not Award.objects.exists()

    services.enrollment_subscribe(learner=learner, micro_credential=mc)

    assert Award.objects.filter(learner=learner, micro_credential=mc).count() == 1


def test_an_attempt_passed_while_unsubscribed_awards_on_subscribing_again() -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    read_lessons(learner, mc)
    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=question.pk,
            choice_ids=correct_choice_ids(question),
        )
    services.enrollment_unsubscribe(learner=learner, micro_credential=mc)
    services.attempt_submit(learner=learner, attempt_id=attempt.pk)
    assert not Award.objects.exists()

    services.enrollment_subscribe(learner=learner, micro_credential=mc)

    assert Award.objects.get(learner=learner, micro_credential=mc).score == 100


def test_it_refuses_to_subscribe_to_a_draft() -> None:
    learner, mc = make_user(), make_micro_credential(publish=False)
    with pytest.raises(services.LearningError):
        services.enrollment_subscribe(learner=learner, micro_credential=mc)
    assert not Enrollment.objects.exists()


def test_unsubscribing_without_a_subscription_is_refused() -> None:
    with pytest.raises(services.LearningError):
        services.enrollment_unsubscribe(
            learner=make_user(), micro_credential=make_micro_credential()
        )


def test_a_micro_credential_lesson_with_questions_completes_once_read() -> None:
    learner, mc = make_user(), make_micro_credential()
    quiz = lessons(mc)[-1]

    services.lesson_complete(learner=learner, lesson=quiz)

    assert LessonCompletion.objects.filter(learner=learner, lesson=quiz).exists()
    assert not QuestionAnswer.objects.exists()


def test_a_loose_quiz_completes_only_when_all_are_answered() -> None:
    learner, quiz = make_user(), loose_quiz()
    first_question = quiz.questions.first()
    services.question_answer(
        learner=learner, question=first_question, choice_ids=[first_question.choices.first().pk]
    )

    with pytest.raises(services.LearningError, match="Answer every question"):
        services.lesson_complete(learner=learner, lesson=quiz)
    assert not LessonCompletion.objects.filter(lesson=quiz).exists()


def test_a_question_of_a_micro_credential_cannot_be_answered_outside_an_attempt() -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    question = lessons(mc)[-1].questions.first()

    with pytest.raises(services.LearningError, match="answer it in an attempt"):
        services.question_answer(
            learner=learner, question=question, choice_ids=wrong_choice_ids(question)
        )
    with pytest.raises(services.LearningError, match="start a new attempt"):
        services.quiz_retake(learner=learner, lesson=lessons(mc)[-1])
    assert not QuestionAnswer.objects.exists()


@pytest.mark.parametrize(
    ("kind_index", "pick", "expected"),
    [(0, "correct", True), (0, "wrong", False), (1, "correct", True), (1, "partial", False)],
    ids=["single-right", "single-wrong", "multiple-all", "multiple-partial"],
)
def test_loose_answers_are_marked_with_feedback(kind_index: int, pick: str, expected: bool) -> None:
    learner = make_user()
    question = list(loose_quiz().questions.all())[kind_index]
    correct = correct_choice_ids(question)
    ids = {"correct": correct, "wrong": wrong_choice_ids(question), "partial": correct[:1]}[pick]

    feedback = services.question_answer(learner=learner, question=question, choice_ids=ids)

    assert feedback.answer.is_correct is expected
    assert feedback.correct_choice_ids == sorted(correct)
    assert all(text.startswith("Because") for text in feedback.explanations.values())


def test_answering_a_loose_quiz_twice_is_a_conflict_until_a_retake() -> None:
    learner, quiz = make_user(), loose_quiz()
    question = quiz.questions.first()
    services.question_answer(
        learner=learner, question=question, choice_ids=wrong_choice_ids(question)
    )

    with pytest.raises(services.ConflictError):
        services.question_answer(
            learner=learner, question=question, choice_ids=correct_choice_ids(question)
        )

    services.quiz_retake(learner=learner, lesson=quiz)
    feedback = services.question_answer(
        learner=learner, question=question, choice_ids=correct_choice_ids(question)
    )
    assert feedback.answer.is_correct
    assert QuestionAnswer.objects.count() == 1


@pytest.mark.parametrize(
    "choice_ids", [[], [999_999], "two-for-single"], ids=["none", "foreign", "two-for-single"]
)
def test_invalid_answers_are_refused_and_not_recorded(choice_ids: object) -> None:
    learner = make_user()
    single = loose_quiz().questions.filter(kind="single").first()
    if choice_ids == "two-for-single":
        choice_ids = list(single.choices.values_list("pk", flat=True)[:2])
    with pytest.raises(services.LearningError):
        services.question_answer(learner=learner, question=single, choice_ids=choice_ids)  # type: ignore[arg-type]
    assert not QuestionAnswer.objects.exists()


def test_earning_the_last_component_awards_the_pathway_once() -> None:
    learner = make_user()
    first, second = make_micro_credential(), make_micro_credential()
    pathway = make_pathway([first, second])
    for mc in (first, second):
        services.enrollment_subscribe(learner=learner, micro_credential=mc)
        finish(learner, mc)

    award = Award.objects.get(learner=learner, pathway=pathway)
    assert {c["slug"] for c in award.snapshot["components"]} == {first.slug, second.slug}
    kinds = sorted(e.payload["kind"] for e in earned_events())
    assert kinds == ["micro_credential", "micro_credential", "pathway"]


def test_n_of_pathway_awards_after_n_components() -> None:
    learner = make_user()
    mcs = [make_micro_credential() for _ in range(3)]
    pathway = make_pathway(mcs, rule="n_of", required_count=2)
    services.enrollment_subscribe(learner=learner, micro_credential=mcs[0])
    finish(learner, mcs[0])
    assert not Award.objects.filter(pathway=pathway).exists()

    services.enrollment_subscribe(learner=learner, micro_credential=mcs[2])
    finish(learner, mcs[2])

    assert Award.objects.filter(pathway=pathway, learner=learner).count() == 1
    progress = learner_progress(learner=learner)
    [row] = progress.pathways
    assert (row.held, row.required, row.award is not None) == (2, 2, True)


def test_editing_a_published_micro_credential_does_not_change_earlier_awards() -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    finish(learner, mc)
    award = Award.objects.get()
    old_titles = [le["title"] for le in award.snapshot["lessons"]]

    mc.title = "Renamed"
    catalog_services.micro_credential_save(micro_credential=mc)
    catalog_services.micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[le.pk for le in lessons(mc)[:2]]
    )

    award.refresh_from_db()
    mc.refresh_from_db()
    assert mc.version == 3
    assert award.micro_credential_version.number == 1
    assert award.snapshot["title"] != "Renamed"
    assert [le["title"] for le in award.snapshot["lessons"]] == old_titles
    assert mc.versions.count() == 3


def test_a_failing_event_handler_releases_the_claim_for_a_retry(
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.BITEWISE_EVENT_HANDLERS = {"credential_earned": ["builtins.int"]}  # int(dict) raises
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    with django_capture_on_commit_callbacks(execute=True):
        finish(learner, mc)

    [event] = earned_events()
    assert event.dispatched_at is None  # the handler failed, so the event stays pending
    settings.BITEWISE_EVENT_HANDLERS = {"credential_earned": []}
    assert event_dispatch(event_id=event.pk) is True
    assert event_dispatch(event_id=event.pk) is False  # a second run dispatches nothing


@pytest.mark.django_db(transaction=True)
def test_two_requests_finishing_the_last_lesson_at_once_award_exactly_once() -> None:
    learner, mc = make_user(), make_micro_credential(quiz=False)
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    *head, last = lessons(mc)
    for lesson in head:
        services.lesson_complete(learner=learner, lesson=lesson)
    errors = run_at_once(lambda: services.lesson_complete(learner=learner, lesson=last), times=4)

    assert errors == []
    assert Award.objects.filter(learner=learner, micro_credential=mc).count() == 1
    assert len(earned_events()) == 1


def test_an_event_left_claimed_by_a_killed_worker_is_delivered_again(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from bitewise.common.events import event_redeliver_stale

    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    finish(learner, mc)  # on_commit callbacks not run: the dispatch task was never queued
    [event] = earned_events()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    DomainEvent.objects.filter(pk=event.pk).update(
        created_at=an_hour_ago, dispatched_at=an_hour_ago
    )

    assert event_redeliver_stale() == 1  # the immediate backend runs it at once

    event.refresh_from_db()
    assert event.handled_at is not None
    assert event_redeliver_stale() == 0
