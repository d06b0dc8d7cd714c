from django.urls import path

from bitewise.reviews import views

app_name = "reviews"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("today/cards/<int:card_id>/answer", views.answer, name="answer"),
    path("today/settings", views.preferences, name="preferences"),
    path("me/retention/", views.retention, name="retention"),
]
