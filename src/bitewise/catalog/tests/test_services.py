from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bitewise.catalog import services
from bitewise.catalog.models import Lesson, MicroCredential, Pathway, Question, Status
from bitewise.catalog.selectors import CatalogFilters, catalog_list
from bitewise.testing import make_lesson, make_micro_credential, make_skill

pytestmark = pytest.mark.django_db


def test_markdown_is_sanitized_when_a_lesson_is_saved() -> None:
    lesson = make_lesson(
        body_markdown='Hi <script>steal()</script><a href="javascript:x()" onclick="y()">z</a>'
    )
    assert "<script" not in lesson.body_html
    assert "javascript:" not in lesson.body_html
    assert "onclick" not in lesson.body_html
    assert "Hi" in lesson.body_html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "media", "media_kind": "audio"}, "needs a file or a URL"),
        ({"kind": "media", "media_url": "https://example.org/a.mp3"}, "audio or video"),
        ({"start_seconds": 90, "end_seconds": 30}, "end must come after"),
        ({"minutes": 1}, "greater than or equal to 2"),
        ({"minutes": 11}, "less than or equal to 10"),
    ],
    ids=["media-without-source", "media-without-kind", "backwards-range", "too-short", "too-long"],
)
def test_invalid_lessons_are_refused_and_not_saved(fields: dict[str, object], message: str) -> None:
    lesson = Lesson(title="Bad", **fields)
    with pytest.raises(ValidationError, match=message):
        services.lesson_save(lesson=lesson)
    assert not Lesson.objects.exists()


def test_a_media_lesson_plays_a_range_of_a_longer_recording() -> None:
    lesson = make_lesson(
        kind="media",
        media_kind="video",
        media_url="https://example.org/talk.mp4",
        start_seconds=120,
        end_seconds=300,
    )
    assert lesson.media_fragment == "#t=120,300"


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [{"text": "a", "is_correct": True}], "at least two"),
        ("single", [{"text": "a"}, {"text": "b"}], "at least one"),
        (
            "single",
            [{"text": "a", "is_correct": True}, {"text": "b", "is_correct": True}],
            "exactly one",
        ),
        (
            "true_false",
            [{"text": "T", "is_correct": True}, {"text": "F"}, {"text": "?"}],
            "exactly two",
        ),
    ],
    ids=["one-choice", "none-correct", "two-correct-single", "three-true-false"],
)
def test_malformed_questions_are_refused(
    kind: str, choices: list[dict[str, object]], message: str
) -> None:
    lesson = make_lesson()
    with pytest.raises(ValidationError, match=message):
        services.question_save(
            question=Question(lesson=lesson, kind=kind, prompt="?"), choices=choices
        )
    assert not Question.objects.exists()


def test_estimated_minutes_follow_the_lessons() -> None:
    mc = make_micro_credential(lessons=2, quiz=False)
    assert mc.estimated_minutes == 6
    lesson = mc.memberships.first().lesson
    lesson.minutes = 9
    services.lesson_save(lesson=lesson)
    mc.refresh_from_db()
    assert mc.estimated_minutes == 12


def test_lesson_order_is_kept_and_duplicates_or_unknown_ids_are_refused() -> None:
    mc = make_micro_credential(lessons=3, quiz=False, publish=False)
    ids = [m.lesson_id for m in mc.memberships.order_by("position")]
    services.micro_credential_set_lessons(micro_credential=mc, lesson_ids=list(reversed(ids)))
    assert [m.lesson_id for m in mc.memberships.order_by("position")] == list(reversed(ids))

    for bad in ([ids[0], ids[0]], [ids[0], 987_654]):
        with pytest.raises(ValidationError):
            services.micro_credential_set_lessons(micro_credential=mc, lesson_ids=bad)
    assert mc.memberships.count() == 3


def test_publishing_needs_lessons_and_records_version_one() -> None:
    empty = services.micro_credential_save(micro_credential=MicroCredential(title="Empty"))
    with pytest.raises(ValidationError):
        services.micro_credential_publish(micro_credential=empty, by=None)
    assert MicroCredential.objects.get(pk=empty.pk).status == Status.DRAFT

    mc = make_micro_credential()
    assert mc.status == Status.PUBLISHED
    assert [v.number for v in mc.versions.all()] == [1]


def test_editing_a_draft_does_not_bump_the_version() -> None:
    mc = make_micro_credential(publish=False)
    mc.title = "New title"
    services.micro_credential_save(micro_credential=mc)
    assert mc.version == 1


def test_retired_micro_credentials_leave_the_catalog() -> None:
    mc = make_micro_credential()
    services.micro_credential_retire(micro_credential=mc, by=None)
    assert list(catalog_list(filters=CatalogFilters())) == []


def test_catalog_filters_combine() -> None:
    nursing, audit = make_skill("Nursing"), make_skill("Audit")
    short = make_micro_credential(lessons=1, quiz=False, skills=[nursing], level="foundation")
    long = make_micro_credential(lessons=5, skills=[nursing], level="advanced", ce_credits=3)
    old = make_micro_credential(skills=[audit], title="Revenue recognition")
    MicroCredential.objects.filter(pk=old.pk).update(
        published_at=timezone.now() - timedelta(days=90)
    )

    def slugs(**kw: object) -> set[str]:
        return {mc.slug for mc in catalog_list(filters=CatalogFilters(**kw))}  # type: ignore[arg-type]

    assert slugs(skill="skill-x") == set()
    assert slugs(skill=nursing.slug) == {short.slug, long.slug}
    assert slugs(level="advanced") == {long.slug}
    assert slugs(max_minutes=5) == {short.slug}
    assert slugs(min_credits=2) == {long.slug}
    assert slugs(text="revenue") == {old.slug}
    assert slugs(is_new=True) == {short.slug, long.slug}


def test_pathway_cannot_require_more_than_it_lists() -> None:
    mcs = [make_micro_credential() for _ in range(2)]
    with pytest.raises(ValidationError):
        services.pathway_save(
            pathway=Pathway(title="Too many", rule="n_of", required_count=3),
            micro_credential_ids=[m.pk for m in mcs],
        )


def test_moving_a_lesson_reorders_and_clamps_at_the_ends() -> None:
    mc = make_micro_credential(lessons=3, quiz=False, publish=False)
    a, b, c = (m.lesson_id for m in mc.memberships.order_by("position"))

    services.micro_credential_move_lesson(micro_credential=mc, lesson_id=c, offset=-1)
    assert [m.lesson_id for m in mc.memberships.order_by("position")] == [a, c, b]
    services.micro_credential_move_lesson(micro_credential=mc, lesson_id=a, offset=-1)
    assert [m.lesson_id for m in mc.memberships.order_by("position")] == [a, c, b]
    with pytest.raises(ValidationError):
        services.micro_credential_move_lesson(micro_credential=mc, lesson_id=987_654, offset=1)


def test_saving_a_published_micro_credential_unchanged_keeps_its_version() -> None:
    mc = make_micro_credential()
    services.micro_credential_save(micro_credential=mc)
    services.micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[m.lesson_id for m in mc.memberships.order_by("position")]
    )
    assert MicroCredential.objects.get(pk=mc.pk).version == 1


def test_editing_a_question_keeps_the_ids_of_its_choices() -> None:
    lesson = make_lesson()
    question = services.question_save(
        question=Question(lesson=lesson, prompt="?"),
        choices=[{"text": "a", "is_correct": True}, {"text": "b"}, {"text": "c"}],
    )
    ids = list(question.choices.values_list("pk", flat=True))

    services.question_save(
        question=question, choices=[{"text": "A", "is_correct": True}, {"text": "B"}]
    )

    assert list(question.choices.values_list("pk", "text")) == [(ids[0], "A"), (ids[1], "B")]
