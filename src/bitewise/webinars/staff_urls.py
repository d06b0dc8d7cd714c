"""Mounted at /staff/webinars/ in bitewise/urls.py."""

from django.urls import path

from bitewise.webinars.staff_views import after, attendance, credit, programs, webinars

app_name = "webinars_staff"

urlpatterns = [
    path("", webinars.webinar_list, name="list"),
    path("new", webinars.webinar_new, name="new"),
    path("<uuid:webinar_id>/", webinars.webinar_detail, name="detail"),
    path("<uuid:webinar_id>/edit", webinars.webinar_edit, name="edit"),
    path("<uuid:webinar_id>/publish", webinars.webinar_publish_view, name="publish"),
    path("<uuid:webinar_id>/cancel", webinars.webinar_cancel_view, name="cancel"),
    path("<uuid:webinar_id>/checks", attendance.checks, name="checks"),
    path("<uuid:webinar_id>/checks/open", attendance.check_open_view, name="check_open"),
    path("<uuid:webinar_id>/imports", attendance.import_new, name="import_new"),
    path("<uuid:webinar_id>/imports/<int:import_id>", attendance.import_detail, name="import"),
    path(
        "<uuid:webinar_id>/unmatched/<int:unmatched_id>/resolve",
        attendance.unmatched_resolve_view,
        name="unmatched_resolve",
    ),
    path(
        "<uuid:webinar_id>/unmatched/<int:unmatched_id>/dismiss",
        attendance.unmatched_dismiss_view,
        name="unmatched_dismiss",
    ),
    path("<uuid:webinar_id>/credit", credit.credit_report, name="credit"),
    path(
        "<uuid:webinar_id>/credit/<uuid:award_id>/revoke",
        credit.credit_revoke,
        name="credit_revoke",
    ),
    path(
        "<uuid:webinar_id>/credit/<uuid:award_id>/reinstate",
        credit.credit_reinstate,
        name="credit_reinstate",
    ),
    path("<uuid:webinar_id>/recording", after.recording, name="recording"),
    path("<uuid:webinar_id>/follow-up", after.follow_up, name="follow_up"),
    path("programs/", programs.program_list, name="programs"),
    path("programs/new", programs.program_new, name="program_new"),
    path("programs/<int:program_id>", programs.program_edit, name="program_edit"),
]
