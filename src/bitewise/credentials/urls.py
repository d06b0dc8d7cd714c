from django.urls import path

from bitewise.credentials import views

app_name = "credentials"

urlpatterns = [
    path("credentials/<uuid:credential_id>", views.public, name="public"),
    path("credentials/<uuid:credential_id>.<str:fmt>", views.download, name="download"),
    path("credentials/<uuid:credential_id>/visibility", views.visibility, name="visibility"),
    path("credentials/<uuid:credential_id>/linkedin", views.linkedin, name="linkedin"),
    path("credentials/status/<uuid:list_id>", views.status_list, name="status_list"),
    path(
        "achievements/<str:kind>/<slug:slug>/v<int:version>", views.achievement, name="achievement"
    ),
    path(
        "achievements/<str:kind>/<slug:slug>/v<int:version>/badge.png",
        views.achievement_badge,
        name="achievement_badge",
    ),
    path(".well-known/did.json", views.default_did, name="default_did"),
    path("issuers/<slug:slug>/did.json", views.issuer_did, name="issuer_did"),
    path(".well-known/jwks.json", views.default_jwks, name="default_jwks"),
    path("issuers/<slug:slug>/jwks.json", views.issuer_jwks_view, name="issuer_jwks"),
    path("issuers/<slug:slug>/", views.issuer_page, name="issuer"),
    path("me/credentials/", views.mine, name="mine"),
    path("me/record.json", views.record, name="record"),
]
