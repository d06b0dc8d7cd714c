from django.urls import path

from bitewise.wallets import oauth, obapi, views

app_name = "wallets"

urlpatterns = [
    path("me/credentials/<uuid:credential_id>/wallet", views.claim, name="claim"),
    path("wallet/exchanges/<uuid:exchange_id>", views.exchange, name="exchange"),
    path("ims/ob/v3p0/discovery", obapi.discovery, name="discovery"),
    path("ims/ob/v3p0/credentials", obapi.credentials, name="credentials"),
    path("ims/ob/v3p0/profile", obapi.profile, name="profile"),
    path("oauth/register", oauth.register, name="oauth_register"),
    path("oauth/authorize", oauth.authorize, name="oauth_authorize"),
    path("oauth/token", oauth.token, name="oauth_token"),
    path("oauth/revoke", oauth.revoke, name="oauth_revoke"),
]
