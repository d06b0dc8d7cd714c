"""The project's URLs plus the staff credential pages, until bitewise/urls.py mounts them
(then this module can go: it only adds the include when it is missing)."""

from django.urls import include, path

from bitewise.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "credentials_staff" for p in urlpatterns):
    urlpatterns.insert(0, path("staff/credentials/", include("bitewise.credentials.staff_urls")))
