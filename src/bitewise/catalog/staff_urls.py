from django.urls import path

from bitewise.catalog import staff_views as v

app_name = "staff"

urlpatterns = [
    path("", v.dashboard, name="dashboard"),
    path("skills/new", v.skill_edit, name="skill_new"),
    path("skills/<int:pk>", v.skill_edit, name="skill_edit"),
    path("lessons/new", v.lesson_edit, name="lesson_new"),
    path("lessons/<int:pk>", v.lesson_edit, name="lesson_edit"),
    path("lessons/<int:lesson_pk>/questions/new", v.question_edit, name="question_new"),
    path("lessons/<int:lesson_pk>/questions/<int:pk>", v.question_edit, name="question_edit"),
    path(
        "lessons/<int:lesson_pk>/questions/<int:pk>/delete",
        v.question_delete,
        name="question_delete",
    ),
    path("micro-credentials/new", v.micro_credential_edit, name="micro_credential_new"),
    path("micro-credentials/<int:pk>", v.micro_credential_edit, name="micro_credential_edit"),
    path(
        "micro-credentials/<int:pk>/lessons/<int:lesson_id>/move",
        v.micro_credential_move,
        name="micro_credential_move",
    ),
    path(
        "micro-credentials/<int:pk>/<str:action>",
        v.micro_credential_status,
        name="micro_credential_status",
    ),
    path("pathways/new", v.pathway_edit, name="pathway_new"),
    path("pathways/<int:pk>", v.pathway_edit, name="pathway_edit"),
    path("pathways/<int:pk>/publish", v.pathway_publish, name="pathway_publish"),
]
