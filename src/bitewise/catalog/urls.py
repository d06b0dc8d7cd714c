from django.urls import path

from bitewise.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.catalog, name="list"),
    path("m/<slug:slug>/", views.micro_credential_detail, name="micro_credential"),
    path("pathways/<slug:slug>/", views.pathway_detail, name="pathway"),
]
