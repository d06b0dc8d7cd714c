"""Learner pages: my membership, buying through the hosted checkout, plans, seats."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user
from bitewise.membership import selectors
from bitewise.membership.models import Interval, OrderStatus
from bitewise.membership.payments.provider import ProviderError
from bitewise.membership.services import MembershipError
from bitewise.membership.services.orders import checkout_start
from bitewise.membership.services.seats import seat_pool_for_code, seat_take
from bitewise.membership.services.subscriptions import subscription_cancel


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "membership/mine.html",
        {"mine": selectors.my_membership(user=request_user(request)), "Interval": Interval},
    )


def _checkout(request: HttpRequest, back: str, **what: object) -> HttpResponse:
    try:
        order = checkout_start(
            buyer=request_user(request),
            success_url=request.build_absolute_uri(reverse("membership:mine")) + "orders/{ORDER}/",
            cancel_url=request.build_absolute_uri(back),
            **what,  # type: ignore[arg-type]
        )
    except MembershipError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    except ProviderError:
        messages.error(
            request, "Payments are unavailable just now. Nothing was charged; try again later."
        )
        return redirect(back)
    return redirect(order.checkout_url)  # type: ignore[attr-defined]


@login_required
@require_POST
def buy(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    target = selectors.access_item(kind=kind, key=key, user=request_user(request))
    rule = selectors.rule_of(target)
    if rule is None:
        raise Http404("Not for sale")
    return _checkout(request, selectors.item_path(target), rule=rule)


@login_required
@require_POST
def plan_subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    plan = selectors.access_plan(slug=slug)
    return _checkout(request, reverse("membership:mine"), plan=plan)


@login_required
def seats_buy(request: HttpRequest, slug: str) -> HttpResponse:
    """An employer or chapter buys N seats of a plan."""
    plan = selectors.access_plan(slug=slug)
    if request.method == "POST":
        try:
            seats = int(request.POST.get("seats", ""))
        except ValueError:
            messages.error(request, "Give the number of seats as a whole number.")
            return redirect("membership:seats_buy", slug=slug)
        return _checkout(
            request,
            reverse("membership:seats_buy", args=[slug]),
            plan=plan,
            seats=seats,
            seat_pool_name=request.POST.get("name", ""),
        )
    return render(request, "membership/seats_buy.html", {"plan": plan})


@login_required
def order_done(request: HttpRequest, reference: str) -> HttpResponse:
    """Where the checkout sends the buyer back. Access comes with the signed webhook, not
    with this visit: until it has arrived the page says so and refreshes."""
    order = selectors.access_order_for_buyer(reference=reference, user=request_user(request))
    return render(
        request,
        "membership/order_done.html",
        {"order": order, "is_paid": order.status == OrderStatus.PAID},
    )


@login_required
def order_status(request: HttpRequest, reference: str) -> HttpResponse:
    """What the order page polls while it waits for the provider's webhook."""
    order = selectors.access_order_for_buyer(reference=reference, user=request_user(request))
    return JsonResponse({"status": order.status})


@login_required
def seat_take_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            pool = seat_pool_for_code(code)
            seat_take(pool=pool, person=request_user(request), code=code)
        except MembershipError as exc:
            messages.error(request, str(exc))
            return render(request, "membership/seat_take.html", {"code": code[:40]}, status=400)
        messages.success(request, f"You have a seat from {pool.name}.")
        return redirect("membership:mine")
    return render(request, "membership/seat_take.html", {"code": ""})


@login_required
@require_POST
def subscription_cancel_view(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = selectors.access_subscription_for_person(
        subscription_id=subscription_id, user=request_user(request)
    )
    try:
        subscription_cancel(subscription=subscription, by=request_user(request))
    except (MembershipError, ProviderError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Cancelled: access lasts until {subscription.current_period_end:%d %b %Y}; "
            "nothing more will be charged.",
        )
    return redirect("membership:mine")
