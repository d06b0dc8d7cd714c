from django.urls import path

from bitewise.insight import staff_views, views

app_name = "insight"

urlpatterns = [
    path("today/checks/<int:check_id>/answer", views.check_answer, name="check_answer"),
    path("staff/insight/", staff_views.overview, name="overview"),
    path("staff/insight/funnel/", staff_views.funnel, name="funnel"),
    path("staff/insight/items/", staff_views.items, name="items"),
    path("staff/insight/retention/", staff_views.retention_page, name="retention"),
    path("staff/insight/lift/", staff_views.lift_events, name="lift_events"),
    path("staff/insight/lift/<int:event_id>/", staff_views.lift, name="lift"),
    path("staff/insight/lift/<int:event_id>/report.pdf", staff_views.lift_pdf, name="lift_pdf"),
    path("staff/insight/credentials/", staff_views.credentials, name="credentials"),
    path("staff/insight/ce/", staff_views.ce, name="ce"),
]
