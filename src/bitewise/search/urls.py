from django.urls import URLPattern, URLResolver, path

from bitewise.search import caption_views, views

app_name = "search"

urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search_page, name="results"),
    path("search/suggest", views.suggest, name="suggest"),
    path("search/play/<int:passage_id>/", views.play, name="play"),
    path(
        "lessons/<int:lesson_id>/captions.vtt",
        caption_views.lesson_captions_vtt,
        name="lesson_captions",
    ),
    path("brush-up/<slug:skill_slug>/", views.brush_up, name="brush_up"),
]
