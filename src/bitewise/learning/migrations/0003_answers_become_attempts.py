"""Answers given before assessments had attempts become each learner's first attempt.

For every micro-credential with questions and every learner who answered some of them:
- a learner who holds the award, or who answered every question, gets a submitted first
  attempt scored over those answers (submitted when the award was made, or at the last
  answer), so the award keeps its score and a learner below the pass mark sees a failed
  attempt and the retake rules from then on;
- a learner part-way through gets an open first attempt holding the answers given so far
  and the questions still to answer, and carries on where they were.
The learners' graded answers (and the review cards made from them) stay as they were.
"""

from django.db import migrations
from django.db.models import Max, Min


def answers_become_attempts(apps, schema_editor):
    MicroCredential = apps.get_model("catalog", "MicroCredential")
    MicroCredentialLesson = apps.get_model("catalog", "MicroCredentialLesson")
    Question = apps.get_model("catalog", "Question")
    Choice = apps.get_model("catalog", "Choice")
    QuestionAnswer = apps.get_model("learning", "QuestionAnswer")
    Award = apps.get_model("learning", "Award")
    Attempt = apps.get_model("learning", "Attempt")
    AttemptAnswer = apps.get_model("learning", "AttemptAnswer")

    for mc in MicroCredential.objects.all().iterator():
        lesson_ids = list(
            MicroCredentialLesson.objects.filter(micro_credential=mc)
            .order_by("position", "id")
            .values_list("lesson_id", flat=True)
        )
        questions = sorted(
            Question.objects.filter(lesson_id__in=lesson_ids),
            key=lambda q: (lesson_ids.index(q.lesson_id), q.position, q.pk),
        )
        pool = [q.pk for q in questions]
        if not pool:
            continue
        choices: dict[int, list[int]] = {q: [] for q in pool}
        for question_id, choice_id in (
            Choice.objects.filter(question_id__in=pool)
            .order_by("question_id", "position", "id")
            .values_list("question_id", "id")
        ):
            choices[question_id].append(choice_id)
        by_learner: dict[int, dict[int, object]] = {}
        for answer in QuestionAnswer.objects.filter(question_id__in=pool):
            by_learner.setdefault(answer.learner_id, {})[answer.question_id] = answer
        awards = dict(
            Award.objects.filter(micro_credential=mc).values_list("learner_id", "awarded_at")
        )
        for learner_id, answers in by_learner.items():
            if Attempt.objects.filter(learner_id=learner_id, micro_credential=mc).exists():
                continue
            awarded_at = awards.get(learner_id)
            is_complete = set(pool) <= set(answers)
            drawn = [q for q in pool if q in answers] if awarded_at else pool
            times = QuestionAnswer.objects.filter(
                learner_id=learner_id, question_id__in=pool
            ).aggregate(first=Min("answered_at"), last=Max("answered_at"))
            attempt = Attempt(
                learner_id=learner_id,
                micro_credential=mc,
                number=1,
                question_ids=drawn,
                choice_order={str(q): choices[q] for q in drawn},
                feedback_mode=mc.feedback_mode,
                pass_percent=mc.pass_percent,
                started_at=times["first"],
            )
            if awarded_at or is_complete:
                correct = sum(1 for q in drawn if answers[q].is_correct)
                attempt.submitted_at = awarded_at or times["last"]
                attempt.question_count = len(drawn)
                attempt.correct_count = correct
                attempt.score = (correct * 100) // len(drawn)
            attempt.save()
            AttemptAnswer.objects.bulk_create(
                AttemptAnswer(
                    attempt=attempt,
                    question_id=q,
                    choice_ids=answers[q].choice_ids,
                    is_correct=answers[q].is_correct,
                    response_ms=answers[q].response_ms,
                    answered_at=answers[q].answered_at,
                )
                for q in drawn
                if q in answers
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_microcredential_assessment"),
        ("learning", "0002_attempts"),
    ]

    operations = [
        migrations.RunPython(answers_become_attempts, migrations.RunPython.noop),
    ]
