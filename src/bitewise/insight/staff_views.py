"""Staff dashboards: funnel, item analysis, retention, lift, credentials and CE. Every
figure is a chart with its table beside it and ``?csv=<table>`` for the download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from bitewise.accounts.access import staff_required
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.engines.insight.retention import GroupRecall, busiest_groups
from bitewise.engines.text.numbers import whole_number
from bitewise.insight import charts, tables
from bitewise.insight.cache import LIVE_SECONDS, STORED_SECONDS, page_key
from bitewise.insight.forms import PeriodForm
from bitewise.insight.report import event_report_pdf
from bitewise.insight.selectors import activity, learning, retention
from bitewise.insight.selectors.periods import Period
from bitewise.insight.services.rollups import rollup_read
from bitewise.insight.tables import Table
from bitewise.reinforcement.models import Event

Build = Callable[[], tuple[dict[str, Any], list[Table]]]


def _page(
    request: HttpRequest,
    template: str,
    build: Build,
    *,
    live: bool,
    shell: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page's body from the cache, or built, rendered and kept (insight.cache); the
    layout around it is rendered for each request. ``shell``: what the layout needs (the
    title's subject). ``?csv=<table>`` builds and downloads that table."""
    shell = shell or {}
    wanted = request.GET.get("csv")
    if wanted and wanted in FULL_TABLES:
        return tables.csv_response(FULL_TABLES[wanted]())
    key = page_key(template, request.path, request.GET)
    body = None if wanted else cache.get(key)
    if body is None:
        context, found = build()
        if wanted:
            for table in found:
                if table.name == wanted:
                    return tables.csv_response(table)
            raise Http404("No such table")
        status = context.pop("status", 200)
        context["tables"] = {t.name.replace("-", "_"): t for t in found}
        if live:
            context["made_at"] = timezone.now()
        body = render_to_string(f"{template}#body", {**shell, **context}, request=request)
        if status != 200:  # a refused filter: shown, not kept
            return render(request, template, {**shell, "body": body}, status=status)
        cache.set(key, body, LIVE_SECONDS if live else STORED_SECONDS)
    return render(request, template, {**shell, "body": body})


def _full_items() -> Table:
    return tables.items_table(rollup_read("items").payload["items"])


def _full_per_credential() -> Table:
    return tables.per_credential_table(rollup_read("retention").payload["per_credential"])


def _full_per_skill() -> Table:
    return tables.per_skill_table(rollup_read("retention").payload.get("per_skill", []))


def _full_per_event() -> Table:
    return tables.per_event_table(rollup_read("retention").payload.get("per_event", []))


# Pages show the first rows of these; the download holds every row.
FULL_TABLES = {
    "item-analysis": _full_items,
    "recall-per-micro-credential": _full_per_credential,
    "recall-per-skill": _full_per_skill,
    "recall-per-event": _full_per_event,
}


def _period(request: HttpRequest) -> tuple[PeriodForm, Period, int]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.period, 200
    return form, Period(), 400 if form.is_bound and form.errors else 200


@staff_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        stored = rollup_read("retention", page=True)
        curve = stored.payload["curve"]
        context = {
            "curve": curve,
            "chart": charts.retention_chart(curve),
            "computed_at": stored.computed_at,
            "checks": stored.payload["checks"],
            "people": stored.payload["people"],
        }
        return context, [tables.curve_table(curve)]

    return _page(request, "insight/overview.html", build, live=False)


@staff_required
@require_GET
def funnel(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        form, period, status = _period(request)
        credentials = [
            (f"mc-{pk}", title)
            for pk, title in MicroCredential.objects.order_by("title").values_list("pk", "title")
        ]
        pathways = [
            (f"pathway-{pk}", title)
            for pk, title in Pathway.objects.order_by("title").values_list("pk", "title")
        ]
        chosen = request.GET.get("of", "")
        context: dict[str, Any] = {
            "form": form,
            "period": period,
            "credentials": credentials,
            "pathways": pathways,
            "chosen": chosen,
            "status": status,
        }
        found: list[Table] = []
        kind, _, text = chosen.partition("-")
        pk = whole_number(text)
        if chosen and (kind not in ("mc", "pathway") or pk is None):
            context["status"] = 400
            context["choice_error"] = "Choose a micro-credential or a pathway from the list."
        elif chosen:
            subject: MicroCredential | Pathway
            if kind == "mc":
                credential = get_object_or_404(MicroCredential, pk=pk)
                subject, result = credential, learning.micro_credential_funnel(credential, period)
            else:
                pathway = get_object_or_404(Pathway, pk=pk)
                subject, result = pathway, learning.pathway_funnel(pathway, period)
            title = f"Funnel: {subject.title} ({period.label})"
            context.update(
                subject=subject,
                result=result,
                chart=charts.funnel_chart(result, chart_id="chart-funnel", title=title),
            )
            found.append(tables.funnel_table("funnel", title, result))
        return context, found

    return _page(request, "insight/funnel.html", build, live=True)


@staff_required
@require_GET
def items(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        stored = rollup_read("items", page=True)
        rows = stored.payload["items"]
        context = {
            "rows": rows,
            "flagged": stored.payload["flagged"],
            "hidden": stored.payload["hidden"],
            "total": stored.payload["total"],
            "computed_at": stored.computed_at,
        }
        return context, [tables.items_table(rows)]

    return _page(request, "insight/items.html", build, live=False)


@staff_required
@require_GET
def retention_page(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        stored = rollup_read("retention", page=True)
        # A rollup stored before skills, cohorts and events were added has none of them
        # until the scheduler recomputes it.
        payload = {
            "per_skill": [],
            "per_cohort": [],
            "per_event": [],
            "skill_rows": 0,
            "event_rows": 0,
            **stored.payload,
        }
        skills, cohorts = _groups(payload["per_skill"]), _groups(payload["per_cohort"])
        cohorts = sorted(cohorts)[-charts.GROUP_LINES :]  # the latest cohorts
        context = {
            "payload": payload,
            "curve_chart": charts.retention_chart(payload["curve"]),
            "calibration_chart": charts.calibration_chart(payload["calibration"]["bins"]),
            "skill_chart": charts.group_recall_chart(
                payload["per_skill"],
                skills[: charts.GROUP_LINES],
                chart_id="chart-skills",
                title="Recall over time per skill (the skills with the most checks)",
            ),
            "cohort_chart": charts.group_recall_chart(
                payload["per_cohort"],
                cohorts,
                chart_id="chart-cohorts",
                title="Recall over time per learning cohort (the latest cohorts)",
            ),
            "event_chart": charts.group_recall_chart(
                payload["per_event"],
                _groups(payload["per_event"])[: charts.GROUP_LINES],
                chart_id="chart-events",
                title="Recall over time per event (the events with the most checks)",
            ),
            "computed_at": stored.computed_at,
        }
        return context, [
            tables.curve_table(payload["curve"]),
            tables.calibration_table(payload["calibration"]["bins"]),
            tables.per_credential_table(payload["per_credential"]),
            tables.per_skill_table(payload["per_skill"]),
            tables.per_cohort_table(payload["per_cohort"]),
            tables.per_event_table(payload["per_event"]),
        ]

    return _page(request, "insight/retention.html", build, live=False)


def _groups(rows: list[dict[str, Any]]) -> list[str]:
    """Groups with a figure shown, most checks first."""
    return busiest_groups(
        [
            GroupRecall(r["title"], r["delay_days"], r["people"], r["checks"], r["is_shown"], None)
            for r in rows
        ],
        limit=len(rows),
    )


@staff_required
@require_GET
def lift_events(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        events = Event.objects.order_by("-starts_at").prefetch_related("campaigns")[:100]
        return {"events": events}, []

    return _page(request, "insight/lift_events.html", build, live=True)


def _lift_context(event: Event) -> tuple[dict[str, Any], list[Table]]:
    lifts = retention.event_lift(event)
    context = {
        "event": event,
        "lifts": [
            (lift, charts.lift_chart(lift, chart_id=f"chart-lift-{lift.campaign_id}"))
            for lift in lifts
        ],
        "registered": event.registrations.count(),
    }
    return context, [tables.lift_table(lifts)]


@staff_required
@require_GET
def lift(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=event_id)
    return _page(
        request,
        "insight/lift.html",
        lambda: _lift_context(event),
        live=True,
        shell={"event": event},
    )


@staff_required
@require_GET
def lift_pdf(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=event_id)
    context, found = _lift_context(event)
    stored = rollup_read("retention", page=True)
    pdf = event_report_pdf(
        event=event,
        registered=context["registered"],
        lift=found[0],
        curve=tables.curve_table(stored.payload["curve"]),
        made_on=timezone.localdate(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-report.pdf"'
    return response


@staff_required
@require_GET
def credentials(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        form, period, status = _period(request)
        figures = activity.credential_figures(period)
        title = f"Credentials, {period.label}"
        context = {
            "form": form,
            "period": period,
            "figures": figures,
            "chart": charts.figures_chart(figures, chart_id="chart-credentials", title=title),
            "status": status,
        }
        return context, [tables.figures_table("credentials", title, figures)]

    return _page(request, "insight/credentials.html", build, live=True)


@staff_required
@require_GET
def ce(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict[str, Any], list[Table]]:
        form, period, status = _period(request)
        programs = activity.ce_by_program(period)
        months = activity.ce_by_month(period)
        turnout = activity.webinar_turnout(period)
        month_figures = [activity.Figure(_month(m["month"]), int(m["credit"])) for m in months]
        turnout_figures = [activity.Figure(f"{w['title']}", w["attended"]) for w in turnout]
        found = [
            Table(
                "ce-by-program",
                f"CE credit per program and body, {period.label}",
                ["Program", "Accrediting body", "Unit", "Credit", "Awards", "People"],
                [
                    [r["program_code"], r["body"], r["unit"], r["credit"], r["awards"], r["people"]]
                    for r in programs
                ],
            ),
            Table(
                "ce-by-month",
                f"CE credit per month, {period.label}",
                ["Month", "Credit", "Awards"],
                [[_month(m["month"]), m["credit"], m["awards"]] for m in months],
            ),
            Table(
                "webinar-turnout",
                "Webinar attendance vs registration (latest 30)",
                ["Webinar", "Starts", "Registered", "Attended", "Turnout"],
                [
                    [
                        w["title"],
                        w["starts_at"].date().isoformat(),
                        w["registered"],
                        w["attended"],
                        tables.percent(w["attended"] / w["registered"]) if w["registered"] else "",
                    ]
                    for w in turnout
                ],
            ),
        ]
        context = {
            "form": form,
            "period": period,
            "month_chart": charts.figures_chart(
                month_figures, chart_id="chart-ce-months", title="CE credit per month"
            )
            if month_figures
            else None,
            "turnout_chart": charts.figures_chart(
                turnout_figures, chart_id="chart-turnout", title="People who attended each webinar"
            )
            if turnout_figures
            else None,
            "status": status,
        }
        return context, found

    return _page(request, "insight/ce.html", build, live=True)


def _month(value: Any) -> str:
    return value.strftime("%Y-%m") if isinstance(value, date) else str(value)[:7]
