"""Mounted at /staff/credentials/ in bitewise/urls.py."""

from django.urls import path

from bitewise.credentials import staff_views as v

app_name = "credentials_staff"

urlpatterns = [
    path("", v.credential_list, name="list"),
    path("<uuid:credential_id>", v.credential_detail, name="detail"),
    path("<uuid:credential_id>/revoke", v.credential_revoke_view, name="revoke"),
    path("<uuid:credential_id>/reinstate", v.credential_reinstate_view, name="reinstate"),
    path("<uuid:credential_id>/review", v.credential_review, name="review"),
    path("award", v.award, name="award"),
    path("bulk/", v.bulk_new, name="bulk_new"),
    path("bulk/<int:bulk_id>", v.bulk_detail, name="bulk_detail"),
    path("bulk/<int:bulk_id>/resume", v.bulk_resume, name="bulk_resume"),
    path("bulk/<int:bulk_id>/report.csv", v.bulk_report, name="bulk_report"),
]
