from django.urls import path

from bitewise.membership import staff_views as v

app_name = "membership_staff"

urlpatterns = [
    path("", v.memberships, name="memberships"),
    path("roster", v.roster_upload, name="roster_upload"),
    path("roster/<int:pk>/", v.roster_detail, name="roster"),
    path("tiers", v.tier_add, name="tier_add"),
    path("access/", v.rules, name="rules"),
    path("plans/", v.plans, name="plans"),
    path("plans/new", v.plan_edit, name="plan_new"),
    path("plans/<int:pk>/", v.plan_edit, name="plan_edit"),
    path("seats/", v.seats, name="seats"),
    path("seats/<int:pk>/", v.seat_pool, name="seat_pool"),
    path("seats/assignments/<int:pk>/withdraw", v.seat_withdraw, name="seat_withdraw"),
    path("orders/", v.orders, name="orders"),
    path("orders/<int:pk>/refund", v.order_refund_view, name="order_refund"),
]
