from django.urls import path

from bitewise.membership import views, webhook_views

app_name = "membership"

urlpatterns = [
    path("membership/", views.mine, name="mine"),
    path("membership/buy/<str:kind>/<str:key>/", views.buy, name="buy"),
    path("membership/plans/<slug:slug>/subscribe", views.plan_subscribe, name="plan_subscribe"),
    path("membership/plans/<slug:slug>/seats", views.seats_buy, name="seats_buy"),
    path("membership/orders/<str:reference>/", views.order_done, name="order_done"),
    path("membership/orders/<str:reference>/status", views.order_status, name="order_status"),
    path("membership/seats/", views.seat_take_page, name="seat_take"),
    path(
        "membership/subscriptions/<int:subscription_id>/cancel",
        views.subscription_cancel_view,
        name="subscription_cancel",
    ),
    path("membership/stripe/webhook", webhook_views.stripe_webhook, name="stripe_webhook"),
]
