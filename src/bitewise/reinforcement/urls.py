from django.urls import URLPattern, URLResolver

app_name = "reinforcement"

urlpatterns: list[URLPattern | URLResolver] = []
