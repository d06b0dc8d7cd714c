"""Staff pages under /staff/reinforcement/: events, their campaigns and steps, and who is
registered (one by one or from a CSV, with a per-row report)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user, staff_required
from bitewise.accounts.audit import personal_data_read
from bitewise.common.email_csv import MAX_BYTES as MAX_CSV_BYTES
from bitewise.common.limits import accepts_upload
from bitewise.engines.insight.sampling import is_held_out
from bitewise.reinforcement import selectors
from bitewise.reinforcement.forms import (
    CampaignForm,
    CsvForm,
    EventForm,
    HoldoutForm,
    RegisterForm,
    StepForm,
)
from bitewise.reinforcement.models import Campaign, Delivery, Event
from bitewise.reinforcement.services.events import (
    campaign_create,
    campaign_holdout_set,
    event_create,
    registration_add_by_email,
    step_add,
)
from bitewise.reinforcement.services.registration_csv import (
    BulkUploadError,
    registrations_import_csv,
)


def _errors_into(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@staff_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        naive: datetime = data["starts_at"].replace(tzinfo=None)
        try:
            event = event_create(
                title=data["title"],
                kind=data["kind"],
                starts_at=naive.replace(tzinfo=ZoneInfo(data["time_zone"])),
                time_zone=data["time_zone"],
                description=data["description"],
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            return redirect("reinforcement_staff:event", event_id=event.pk)
    events = Event.objects.annotate(registered=Count("registrations")).order_by("-starts_at")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "reinforcement/staff/events.html", {"events": events, "form": form}, status=status
    )


def _event_page(
    request: HttpRequest, event: Event, *, status: int = 200, **extra: Any
) -> HttpResponse:
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Delivery.objects.filter(step__campaign__event=event)
        .values("step_id", "state")
        .annotate(n=Count("pk"))
    ):
        counts.setdefault(row["step_id"], {})[row["state"]] = row["n"]
    campaigns = list(event.campaigns.prefetch_related("steps"))
    if any(c.holdout_percent for c in campaigns):
        learner_ids = list(event.registrations.values_list("learner_id", flat=True))
        for campaign in campaigns:
            campaign.held_out = sum(  # type: ignore[attr-defined]
                is_held_out(campaign.pk, pk, percent=campaign.holdout_percent) for pk in learner_ids
            )
    planned = set(
        Delivery.objects.filter(step__campaign__event=event)
        .values_list("step__campaign_id", flat=True)
        .distinct()
    )
    for campaign in campaigns:
        campaign.is_holdout_fixed = campaign.pk in planned  # type: ignore[attr-defined]
        for step in campaign.steps.all():
            step.outbox = counts.get(step.pk, {})  # type: ignore[attr-defined]
    # Who registered is for admins; other staff run the campaigns and see the count.
    registrations_shown = getattr(request.user, "is_staff_admin", False)
    if registrations_shown:
        personal_data_read(request, target="reinforcement.registrations", record=event.pk)
    context = {
        "event": event,
        "campaigns": campaigns,
        "registrations": (
            event.registrations.select_related("learner").order_by("-created_at")[:50]
            if registrations_shown
            else []
        ),
        "registrations_shown": registrations_shown,
        "registered_count": event.registrations.count(),
        "campaign_form": CampaignForm(),
        "step_form": StepForm(),
        "register_form": RegisterForm(),
        "csv_form": CsvForm(),
        **extra,
    }
    return render(request, "reinforcement/staff/event.html", context, status=status)


@staff_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    return _event_page(request, selectors.access_event(event_id))


@staff_required
@require_POST
def campaign_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    form = CampaignForm(request.POST)
    if not form.is_valid():
        return _event_page(request, event, status=400, campaign_form=form)
    campaign_create(
        event=event,
        title=form.cleaned_data["title"],
        holdout_percent=form.cleaned_data["holdout_percent"] or 0,
    )
    return redirect("reinforcement_staff:event", event_id=event.pk)


@staff_required
@require_POST
def campaign_holdout(request: HttpRequest, event_id: int, campaign_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    campaign = get_object_or_404(Campaign, pk=campaign_id, event=event)
    form = HoldoutForm(request.POST)
    if form.is_valid():
        try:
            campaign_holdout_set(
                campaign=campaign, holdout_percent=form.cleaned_data["holdout_percent"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return _event_page(request, event, status=400)
        messages.success(request, "Control group saved.")
        return redirect("reinforcement_staff:event", event_id=event.pk)
    messages.error(request, "The control group is a whole percent from 0 to 50.")
    return _event_page(request, event, status=400)


@staff_required
@require_POST
def step_create(request: HttpRequest, event_id: int, campaign_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    campaign = get_object_or_404(Campaign, pk=campaign_id, event=event)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            step_add(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, "Step added.")
            return redirect("reinforcement_staff:event", event_id=event.pk)
    return _event_page(request, event, status=400, step_form=form, step_campaign=campaign)


@staff_required
@require_POST
def registration_create(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    form = RegisterForm(request.POST)
    if form.is_valid():
        try:
            done = registration_add_by_email(
                event=event, email=form.cleaned_data["email"], by=request_user(request)
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            email = done.registration.learner.email
            messages.success(
                request, f"{email} is registered." if done.is_new else "Already registered."
            )
            return redirect("reinforcement_staff:event", event_id=event.pk)
    return _event_page(request, event, status=400, register_form=form)


@accepts_upload(MAX_CSV_BYTES)
@staff_required
@require_POST
def registration_import(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    form = CsvForm(request.POST, request.FILES)
    if not form.is_valid():
        return _event_page(request, event, status=400, csv_form=form)
    upload = form.cleaned_data["file"]
    try:
        report = registrations_import_csv(
            event=event, data=upload.read(), filename=upload.name or "", by=request_user(request)
        )
    except BulkUploadError as exc:
        form.add_error("file", str(exc))
        return _event_page(request, event, status=400, csv_form=form)
    return _event_page(request, event, report=report)
