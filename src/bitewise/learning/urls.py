from django.urls import path

from bitewise.learning import attempt_views, views

app_name = "learning"

urlpatterns = [
    path("m/<slug:slug>/subscribe", views.subscribe, name="subscribe"),
    path("m/<slug:slug>/unsubscribe", views.unsubscribe, name="unsubscribe"),
    path("m/<slug:slug>/lessons/<int:lesson_id>/", views.lesson, name="lesson"),
    path("m/<slug:slug>/lessons/<int:lesson_id>/complete", views.complete, name="complete"),
    path("m/<slug:slug>/assessment/", attempt_views.assessment, name="assessment"),
    path("m/<slug:slug>/assessment/start", attempt_views.attempt_start, name="attempt_start"),
    path("m/<slug:slug>/attempts/<int:attempt_id>/", attempt_views.attempt, name="attempt"),
    path(
        "m/<slug:slug>/attempts/<int:attempt_id>/questions/<int:question_id>/answer",
        attempt_views.attempt_answer,
        name="attempt_answer",
    ),
    path(
        "m/<slug:slug>/attempts/<int:attempt_id>/answers",
        attempt_views.attempt_answers,
        name="attempt_answers",
    ),
    path(
        "m/<slug:slug>/attempts/<int:attempt_id>/submit",
        attempt_views.attempt_submit,
        name="attempt_submit",
    ),
    path("m/<slug:slug>/earned/", attempt_views.earned, name="earned"),
    path("me/progress/", views.progress, name="progress"),
]
