from django.urls import path

from bitewise.integrations import staff_views

app_name = "integrations_staff"

urlpatterns = [
    path("packages/", staff_views.packages, name="packages"),
    path("packages/<slug:slug>/<str:standard>.zip", staff_views.package_download, name="package"),
]
