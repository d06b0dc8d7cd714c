"""Staff pages: memberships and roster imports, tiers, access rules and prices, plans,
seat pools and their use, orders and refunds. Money (prices, plans, orders) is for admins;
the services check it again, whatever the entry point."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import admin_required, staff_required
from bitewise.accounts.audit import personal_data_read
from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential
from bitewise.engines.access.roster import RosterError
from bitewise.membership.models import (
    AccessRule,
    Membership,
    MembershipTier,
    Order,
    Plan,
    RosterImport,
    SeatAssignment,
    SeatPool,
)
from bitewise.membership.payments.provider import ProviderError
from bitewise.membership.selectors import access_item, lessons_sharing_media
from bitewise.membership.services import MembershipError
from bitewise.membership.services.orders import order_refund
from bitewise.membership.services.roster import roster_import_csv
from bitewise.membership.services.rules import access_rule_set, plan_save, tier_save
from bitewise.membership.services.seats import seat_invites_add, seat_pool_create, seat_release
from bitewise.membership.staff_forms import (
    PlanForm,
    RosterForm,
    RuleForm,
    SeatPoolForm,
    TierForm,
)


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@admin_required
def memberships(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    rows = Membership.objects.select_related("person", "tier").order_by("person__email")
    if query:
        rows = rows.filter(Q(person__email__icontains=query) | Q(member_id=query))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    personal_data_read(request, target="membership.list", detail={"q": query})
    return render(
        request,
        "membership/staff/memberships.html",
        {
            "page": page,
            "q": query,
            "roster_form": RosterForm(),
            "tier_form": TierForm(),
            "tiers": MembershipTier.objects.all(),
            "imports": RosterImport.objects.all()[:10],
        },
    )


@admin_required
@require_POST
def roster_upload(request: HttpRequest) -> HttpResponse:
    form = RosterForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a CSV file to upload.")
        return redirect("membership_staff:memberships")
    upload = form.cleaned_data["file"]
    try:
        result = roster_import_csv(by=_staff(request), filename=upload.name, data=upload.read())
    except RosterError as exc:
        messages.error(request, str(exc))
        return redirect("membership_staff:memberships")
    return redirect("membership_staff:roster", pk=result.pk)


@admin_required
def roster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(RosterImport, pk=pk)
    personal_data_read(request, target="membership.roster", record=result.pk)
    return render(request, "membership/staff/roster.html", {"roster": result})


@admin_required
@require_POST
def tier_add(request: HttpRequest) -> HttpResponse:
    form = TierForm(request.POST)
    if form.is_valid():
        tier_save(by=_staff(request), **form.cleaned_data)
        messages.success(request, "Tier saved.")
    else:
        messages.error(request, "A tier needs a slug, a name and a rank (0 or more).")
    return redirect("membership_staff:memberships")


@staff_required
def rules(request: HttpRequest) -> HttpResponse:
    form = RuleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = access_item(kind=data["kind"], key=data["key"], user=_staff(request))
                access_rule_set(
                    target=target,
                    mode=data["mode"],
                    min_tier=data["min_tier"],
                    price=data["price"],
                    member_price=data["member_price"],
                    currency=data["currency"],
                    by=_staff(request),
                )
            except MembershipError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Access rule saved.")
                shared = (
                    lessons_sharing_media(target)
                    if isinstance(target, MicroCredential) and data["mode"] != "open"
                    else []
                )
                if shared:
                    titles = ", ".join(f"“{lesson.title}”" for lesson in shared)
                    messages.warning(
                        request,
                        f"{titles} play a recording that lessons outside “{target}” play too: "
                        "its file stays open to their learners. Give these lessons a clip of "
                        "their own (repurposing cuts one per lesson) to close it.",
                    )
                return redirect("membership_staff:rules")
        status = 400
    rows = AccessRule.objects.select_related(
        "micro_credential", "pathway", "webinar", "event", "min_tier"
    ).order_by("-updated_at")
    return render(
        request, "membership/staff/rules.html", {"form": form, "rules": rows}, status=status
    )


@admin_required
def plans(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "membership/staff/plans.html",
        {"plans": Plan.objects.annotate(subscribers=Count("subscriptions"))},
    )


@admin_required
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk) if pk else None
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan_save(
                plan=form.save(commit=False),
                micro_credentials=form.cleaned_data["micro_credentials"],
                by=_staff(request),
            )
        except MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Plan saved.")
            return redirect("membership_staff:plans")
    status = 400 if form.is_bound else 200
    return render(
        request, "membership/staff/plan_form.html", {"form": form, "plan": plan}, status=status
    )


@staff_required
def seats(request: HttpRequest) -> HttpResponse:
    form = SeatPoolForm(request.POST or None)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rule = None
            if data["kind"]:
                target = access_item(kind=data["kind"], key=data["key"], user=_staff(request))
                rule = AccessRule.objects.filter(pk__in=_rule_ids(target)).first()
                if rule is None:
                    raise MembershipError("Give that item a members-only or priced rule first.")
            pool = seat_pool_create(
                name=data["name"],
                quantity=data["quantity"],
                rule=rule,
                plan=data["plan"],
                by=_staff(request),
            )
            if data["emails"]:
                seat_invites_add(pool=pool, emails=data["emails"].splitlines(), by=_staff(request))
        except MembershipError as exc:
            form.add_error(None, str(exc))
            status = exc.status_code  # 403 when it is who asks that is refused
        else:
            messages.success(request, f"Seats created. Enrolment code: {pool.code}")
            return redirect("membership_staff:seat_pool", pk=pool.pk)
    pools = SeatPool.objects.select_related(
        "plan", "rule__micro_credential", "rule__pathway", "rule__webinar", "rule__event"
    )
    return render(
        request, "membership/staff/seats.html", {"form": form, "pools": pools}, status=status
    )


def _rule_ids(target: object) -> list[int]:
    from bitewise.membership.selectors import rule_of

    rule = rule_of(target)  # type: ignore[arg-type]
    return [rule.pk] if rule else []


@staff_required
def seat_pool(request: HttpRequest, pk: int) -> HttpResponse:
    return _seat_pool_page(request, pk)


def _seat_pool_page(
    request: HttpRequest, pk: int, *, error: str = "", status: int = 200
) -> HttpResponse:
    pool = get_object_or_404(SeatPool.objects.select_related("plan", "order"), pk=pk)
    personal_data_read(request, target="membership.seats", record=pool.pk)
    return render(
        request,
        "membership/staff/seat_pool.html",
        {
            "pool": pool,
            "assignments": pool.assignments.select_related("person").order_by("assigned_at"),
            "invites": pool.invites.order_by("email"),
            "error": error,
        },
        status=status,
    )


@staff_required
@require_POST
def seat_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(SeatAssignment, pk=pk)
    try:
        seat_release(assignment=assignment, by=_staff(request))
    except MembershipError as exc:
        return _seat_pool_page(request, assignment.pool_id, error=str(exc), status=exc.status_code)
    messages.success(request, "Seat withdrawn; it is free again.")
    return redirect("membership_staff:seat_pool", pk=assignment.pool_id)


@admin_required
def orders(request: HttpRequest) -> HttpResponse:
    rows = Order.objects.select_related("buyer").order_by("-created_at")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    personal_data_read(request, target="membership.orders")
    return render(request, "membership/staff/orders.html", {"page": page})


@admin_required
@require_POST
def order_refund_view(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order, pk=pk)
    try:
        order_refund(order=order, by=_staff(request))
    except (MembershipError, ProviderError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Refund requested: access ends when the provider confirms it.")
    return redirect("membership_staff:orders")
