from django.urls import path

from bitewise.repurposing import review_views, staff_views

app_name = "repurposing_staff"

urlpatterns = [
    path("", staff_views.job_new, name="new"),
    path("feed", staff_views.feed_upload, name="feed"),
    path("<int:job_id>/", staff_views.job_detail, name="detail"),
    path("<int:job_id>/progress", staff_views.job_progress, name="progress"),
    path("<int:job_id>/segments.json", staff_views.job_segments_json, name="segments_json"),
    path("<int:job_id>/chapters.vtt", staff_views.job_chapters, name="chapters"),
    path("<int:job_id>/retry", staff_views.job_retry, name="retry"),
    path("<int:job_id>/delete", staff_views.job_delete, name="delete"),
    path("<int:job_id>/publish", staff_views.job_publish, name="publish"),
    path("<int:job_id>/resegment", review_views.job_resegment, name="resegment"),
    path("<int:job_id>/transcript", review_views.job_transcript_correct_view, name="transcript"),
    path(
        "<int:job_id>/segments/<int:position>/<str:action>",
        staff_views.segment_action,
        name="segment",
    ),
]
