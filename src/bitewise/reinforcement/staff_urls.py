from django.urls import URLPattern, URLResolver, path

from bitewise.reinforcement import staff_views as v

app_name = "reinforcement_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", v.event_list, name="events"),
    path("events/<int:event_id>/", v.event_detail, name="event"),
    path("events/<int:event_id>/campaigns", v.campaign_add, name="campaign_add"),
    path(
        "events/<int:event_id>/campaigns/<int:campaign_id>/holdout",
        v.campaign_holdout,
        name="campaign_holdout",
    ),
    path("events/<int:event_id>/campaigns/<int:campaign_id>/steps", v.step_create, name="step_add"),
    path("events/<int:event_id>/registrations", v.registration_create, name="register"),
    path("events/<int:event_id>/registrations.csv", v.registration_import, name="import"),
]
