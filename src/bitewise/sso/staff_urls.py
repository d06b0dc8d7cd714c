from django.urls import path

from bitewise.sso import staff_views

app_name = "sso_staff"

urlpatterns = [path("", staff_views.sso_staff, name="overview")]
