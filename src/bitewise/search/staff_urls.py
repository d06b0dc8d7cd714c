from django.urls import URLPattern, URLResolver, path

from bitewise.search import staff_views as v

app_name = "search_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("transcripts/", v.transcripts, name="transcripts"),
]
