from django.urls import path

from bitewise.webinars import views

app_name = "webinars"

urlpatterns = [
    path("webinars/", views.webinar_list, name="list"),
    path("webinars/<uuid:webinar_id>/", views.webinar_detail, name="detail"),
    path("webinars/<uuid:webinar_id>/register", views.register, name="register"),
    path("webinars/<uuid:webinar_id>/cancel", views.cancel, name="cancel"),
    path("webinars/<uuid:webinar_id>/invite.ics", views.invite, name="invite"),
    path("webinars/<uuid:webinar_id>/join", views.join, name="join"),
    path("webinars/<uuid:webinar_id>/check", views.answer_check, name="check"),
    path("webinars/<uuid:webinar_id>/heartbeat", views.heartbeat, name="heartbeat"),
    path("ce/transcript/", views.transcript, name="transcript"),
    path("ce/transcript.csv", views.transcript_csv, name="transcript_csv"),
    path("ce/transcript.pdf", views.transcript_pdf, name="transcript_pdf"),
    path("ce/certificates/<uuid:award_id>/", views.certificate, name="certificate"),
    path("ce/certificates/<uuid:award_id>.pdf", views.certificate_download, name="certificate_pdf"),
    path("ce/activities/<str:mode>/<str:target>/", views.ce_activity, name="ce_activity"),
    path(
        "ce/activities/<str:mode>/<str:target>/badge.png",
        views.ce_activity_badge,
        name="ce_activity_badge",
    ),
]
