"""Mounted at /staff/webinars/ in bitewise/urls.py."""

from django.urls import path

from bitewise.webinars import staff_views as v

app_name = "webinars_staff"

urlpatterns = [
    path("", v.webinar_list, name="list"),
    path("new", v.webinar_new, name="new"),
    path("<uuid:webinar_id>/", v.webinar_detail, name="detail"),
    path("<uuid:webinar_id>/edit", v.webinar_edit, name="edit"),
    path("<uuid:webinar_id>/publish", v.webinar_publish_view, name="publish"),
    path("<uuid:webinar_id>/cancel", v.webinar_cancel_view, name="cancel"),
    path("<uuid:webinar_id>/checks", v.checks, name="checks"),
    path("<uuid:webinar_id>/checks/open", v.check_open_view, name="check_open"),
    path("<uuid:webinar_id>/imports", v.import_new, name="import_new"),
    path("<uuid:webinar_id>/imports/<int:import_id>", v.import_detail, name="import"),
    path(
        "<uuid:webinar_id>/unmatched/<int:unmatched_id>/resolve",
        v.unmatched_resolve_view,
        name="unmatched_resolve",
    ),
    path(
        "<uuid:webinar_id>/unmatched/<int:unmatched_id>/dismiss",
        v.unmatched_dismiss_view,
        name="unmatched_dismiss",
    ),
    path("<uuid:webinar_id>/credit", v.credit_report, name="credit"),
    path("<uuid:webinar_id>/recording", v.recording, name="recording"),
    path("<uuid:webinar_id>/follow-up", v.follow_up, name="follow_up"),
    path("programs/", v.program_list, name="programs"),
    path("programs/new", v.program_new, name="program_new"),
    path("programs/<int:program_id>", v.program_edit, name="program_edit"),
]
