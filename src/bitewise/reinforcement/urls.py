from django.urls import URLPattern, URLResolver, path

from bitewise.reinforcement import staff_views, views

app_name = "reinforcement"

urlpatterns: list[URLPattern | URLResolver] = [
    path("events/", views.event_list, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event"),
    path("events/<int:event_id>/register", views.event_register, name="event_register"),
    path("events/<int:event_id>/leave", views.event_leave, name="event_leave"),
    path("today/<int:delivery_id>/", views.today_item, name="item"),
    path("me/topics/", views.topics, name="topics"),
    path("u/<str:token>", views.unsubscribe, name="unsubscribe"),
    path("staff/reinforcement/", staff_views.event_list, name="staff_events"),
    path(
        "staff/reinforcement/events/<int:event_id>/",
        staff_views.event_detail,
        name="staff_event",
    ),
    path(
        "staff/reinforcement/events/<int:event_id>/campaigns",
        staff_views.campaign_add,
        name="staff_campaign_add",
    ),
    path(
        "staff/reinforcement/events/<int:event_id>/campaigns/<int:campaign_id>/holdout",
        staff_views.campaign_holdout,
        name="staff_campaign_holdout",
    ),
    path(
        "staff/reinforcement/events/<int:event_id>/campaigns/<int:campaign_id>/steps",
        staff_views.step_create,
        name="staff_step_add",
    ),
    path(
        "staff/reinforcement/events/<int:event_id>/registrations",
        staff_views.registration_create,
        name="staff_register",
    ),
    path(
        "staff/reinforcement/events/<int:event_id>/registrations.csv",
        staff_views.registration_import,
        name="staff_import",
    ),
]
