from django.urls import URLPattern, URLResolver, path

from bitewise.reinforcement import views

app_name = "reinforcement"

urlpatterns: list[URLPattern | URLResolver] = [
    path("events/", views.event_list, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event"),
    path("events/<int:event_id>/register", views.event_register, name="event_register"),
    path("events/<int:event_id>/leave", views.event_leave, name="event_leave"),
    path("today/<int:delivery_id>/", views.today_item, name="item"),
    path("me/topics/", views.topics, name="topics"),
    path("u/<str:token>", views.unsubscribe, name="unsubscribe"),
]
