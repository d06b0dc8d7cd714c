"""Staff pages: create, edit, order and publish. Authors edit; admins also publish (the
catalog services check who may)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user, staff_required
from bitewise.catalog import deleting, services
from bitewise.catalog.forms import (
    ChoiceFormSet,
    LessonForm,
    LessonOrderForm,
    MicroCredentialForm,
    PathwayForm,
    QuestionForm,
    SkillForm,
)
from bitewise.catalog.models import Lesson, MicroCredential, Pathway, Question, Skill
from bitewise.catalog.selectors import lessons_of
from bitewise.common.limits import accepts_upload


def _apply_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _render_form(request: HttpRequest, form: BaseForm, title: str, **extra: Any) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(
        request, "staff/form.html", {"form": form, "title": title, **extra}, status=status
    )


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/dashboard.html",
        {
            "skills": Skill.objects.all(),
            "lessons": Lesson.objects.only("id", "title", "kind", "minutes"),
            "micro_credentials": MicroCredential.objects.all(),
            "pathways": Pathway.objects.all(),
        },
    )


@staff_required
def skill_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    skill = get_object_or_404(Skill, pk=pk) if pk else None
    form = SkillForm(request.POST or None, instance=skill)
    if request.method == "POST" and form.is_valid():
        services.skill_save(skill=form.save(commit=False))
        messages.success(request, "Skill saved.")
        return redirect("staff:dashboard")
    return _render_form(request, form, "Edit skill" if skill else "New skill")


@accepts_upload("BITEWISE_MAX_MEDIA_BYTES")
@staff_required
def lesson_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    lesson = get_object_or_404(Lesson, pk=pk) if pk else None
    form = LessonForm(request.POST or None, request.FILES or None, instance=lesson)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.lesson_save(
                lesson=form.save(commit=False),
                skill_ids=[s.pk for s in form.cleaned_data["skills"]],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Lesson saved.")
            return redirect("staff:lesson_edit", pk=saved.pk)
    questions = lesson.questions.prefetch_related("choices") if lesson else []
    return _render_form(
        request,
        form,
        "Edit lesson" if lesson else "New lesson",
        lesson=lesson,
        questions=questions,
        multipart=True,
    )


@staff_required
def question_edit(request: HttpRequest, lesson_pk: int, pk: int | None = None) -> HttpResponse:
    lesson = get_object_or_404(Lesson, pk=lesson_pk)
    question = get_object_or_404(Question, pk=pk, lesson=lesson) if pk else Question(lesson=lesson)
    initial = (
        [
            {"text": c.text, "is_correct": c.is_correct, "explanation": c.explanation}
            for c in question.choices.all()
        ]
        if pk
        else []
    )
    form = QuestionForm(request.POST or None, instance=question)
    formset = ChoiceFormSet(request.POST or None, initial=initial, prefix="choices")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.question_save(
                question=form.save(commit=False),
                choices=[f.cleaned_data for f in formset.forms if f.cleaned_data],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Question saved.")
            return redirect("staff:lesson_edit", pk=lesson.pk)
    return _render_form(request, form, f"Question for “{lesson.title}”", formset=formset)


@staff_required
@require_POST
def question_delete(request: HttpRequest, lesson_pk: int, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk, lesson_id=lesson_pk)
    try:
        deleting.question_delete(question=question, by=request_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Question deleted.")
    return redirect("staff:lesson_edit", pk=lesson_pk)


@staff_required
def micro_credential_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    mc = get_object_or_404(MicroCredential, pk=pk) if pk else None
    # The form gets its own copy: validating writes the posted values into its instance,
    # and the page header must still show (and link to) the saved micro-credential.
    form = MicroCredentialForm(
        request.POST or None, instance=MicroCredential.objects.get(pk=pk) if pk else None
    )
    order_form = LessonOrderForm(request.POST or None, prefix="order")
    if request.method == "POST" and form.is_valid() and order_form.is_valid():
        try:
            with transaction.atomic():
                saved = services.micro_credential_save(
                    micro_credential=form.save(commit=False),
                    skill_ids=[s.pk for s in form.cleaned_data["skills"]],
                )
                lesson_ids = order_form.cleaned_data["lesson_ids"]
                if "order-lesson_ids" in request.POST:
                    services.micro_credential_set_lessons(
                        micro_credential=saved, lesson_ids=lesson_ids
                    )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Saved (version {saved.version}).")
            return redirect("staff:micro_credential_edit", pk=saved.pk)
    chosen = lessons_of(mc) if mc else []
    chosen_ids = {le.pk for le in chosen}
    return _render_form(
        request,
        form,
        "Edit micro-credential" if mc else "New micro-credential",
        mc=mc,
        chosen=chosen,
        available=Lesson.objects.exclude(pk__in=chosen_ids),
        order_value=",".join(str(le.pk) for le in chosen),
    )


@staff_required
@require_POST
def micro_credential_move(request: HttpRequest, pk: int, lesson_id: int) -> HttpResponse:
    mc = get_object_or_404(MicroCredential, pk=pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.micro_credential_move_lesson(
            micro_credential=mc, lesson_id=lesson_id, offset=offset
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("staff:micro_credential_edit", pk=pk)


@staff_required
@require_POST
def micro_credential_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    mc = get_object_or_404(MicroCredential, pk=pk)
    try:
        if action == "publish":
            services.micro_credential_publish(micro_credential=mc, by=request_user(request))
        elif action == "retire":
            services.micro_credential_retire(micro_credential=mc, by=request_user(request))
        else:
            messages.error(request, "Unknown action.")
            return redirect("staff:micro_credential_edit", pk=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{mc.title} is now {mc.get_status_display().lower()}.")
    return redirect("staff:micro_credential_edit", pk=pk)


@staff_required
def pathway_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    pathway = get_object_or_404(Pathway, pk=pk) if pk else None
    form = PathwayForm(request.POST or None, instance=pathway)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = services.pathway_save(
                    pathway=form.save(commit=False),
                    micro_credential_ids=[m.pk for m in form.cleaned_data["micro_credentials"]],
                )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Pathway saved.")
            return redirect("staff:pathway_edit", pk=saved.pk)
    return _render_form(
        request, form, "Edit pathway" if pathway else "New pathway", pathway=pathway
    )


@staff_required
@require_POST
def pathway_publish(request: HttpRequest, pk: int) -> HttpResponse:
    pathway = get_object_or_404(Pathway, pk=pk)
    try:
        services.pathway_publish(pathway=pathway, by=request_user(request))
        messages.success(request, "Pathway published.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("staff:pathway_edit", pk=pk)
