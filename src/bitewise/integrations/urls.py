from django.urls import path

from bitewise.integrations import lti_views

app_name = "integrations"

urlpatterns = [
    path("lti/login", lti_views.lti_login, name="lti_login"),
    path("lti/launch", lti_views.lti_launch, name="lti_launch"),
    path("lti/deep-link", lti_views.lti_deep_link, name="lti_deep_link"),
    path("lti/jwks", lti_views.lti_jwks, name="lti_jwks"),
]
