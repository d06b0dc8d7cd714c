from django.urls import path

from bitewise.sso import views

app_name = "sso"

urlpatterns = [
    path("oidc/<slug:slug>/login/", views.oidc_login, name="oidc_login"),
    path("oidc/<slug:slug>/callback/", views.oidc_callback, name="oidc_callback"),
    path("saml/<slug:slug>/login/", views.saml_login, name="saml_login"),
    path("saml/<slug:slug>/acs/", views.saml_acs, name="saml_acs"),
    path("saml/<slug:slug>/metadata/", views.saml_metadata, name="saml_metadata"),
    path("saml/<slug:slug>/slo/", views.saml_slo, name="saml_slo"),
    path("logout/", views.sso_logout, name="logout"),
]
