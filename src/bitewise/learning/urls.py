from django.urls import path

from bitewise.learning import views

app_name = "learning"

urlpatterns = [
    path("m/<slug:slug>/subscribe", views.subscribe, name="subscribe"),
    path("m/<slug:slug>/unsubscribe", views.unsubscribe, name="unsubscribe"),
    path("m/<slug:slug>/lessons/<int:lesson_id>/", views.lesson, name="lesson"),
    path("m/<slug:slug>/lessons/<int:lesson_id>/complete", views.complete, name="complete"),
    path("m/<slug:slug>/lessons/<int:lesson_id>/retake", views.retake, name="retake"),
    path(
        "m/<slug:slug>/lessons/<int:lesson_id>/questions/<int:question_id>/answer",
        views.answer,
        name="answer",
    ),
    path("me/progress/", views.progress, name="progress"),
]
