"""The CE credit programs: any staff member sees each rule; admins edit a program (a
changed rule raises its version) and start new ones from the ``custom`` template."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bitewise.accounts.access import admin_required, staff_required
from bitewise.webinars import staff_selectors
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.services.programs import (
    credit_program_create,
    credit_program_details_update,
    credit_program_update,
)
from bitewise.webinars.staff_forms.programs import NewProgramForm, ProgramForm


@staff_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = staff_selectors.credit_programs_for_staff()
    return render(request, "webinars/staff/programs.html", {"programs": programs})


@admin_required
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = staff_selectors.access_credit_program(program_id=program_id)
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            # One form, one save: a refused rule leaves the details unchanged too.
            with transaction.atomic():
                credit_program_update(program=program, rule=form.rule())
                credit_program_details_update(program=program, **form.details())
        except WebinarError as exc:
            form.add_error(None, str(exc))
            program.refresh_from_db()
        else:
            messages.success(request, f"Saved {program.code}: rule version {program.version}.")
            return redirect("webinars_staff:programs")
    return render(
        request,
        "webinars/staff/program_form.html",
        {"form": form, "program": program},
        status=400 if request.method == "POST" else 200,
    )


@admin_required
def program_new(request: HttpRequest) -> HttpResponse:
    """A copy of the ``custom`` template under a new code, to edit; offered once ticked."""
    form = NewProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = credit_program_create(code=form.cleaned_data["code"], copy_of="custom")
        except WebinarError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(
                request,
                "Program created from the custom template. Set its numbers, then tick "
                "“Offered for new webinars”.",
            )
            return redirect("webinars_staff:program_edit", program_id=program.pk)
    return render(
        request,
        "webinars/staff/program_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
