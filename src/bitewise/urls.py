from django.contrib import admin
from django.urls import include, path, re_path

from bitewise.accounts.admin_password import admin_password_change
from bitewise.api import api
from bitewise.common import views as common_views

admin.site.site_header = "Bitewise staff admin"
handler400 = "bitewise.common.views.bad_request"

urlpatterns = [
    path("", include("bitewise.catalog.urls")),
    path("", include("bitewise.learning.urls")),
    path("", include("bitewise.credentials.urls")),
    path("", include("bitewise.wallets.urls")),
    path("", include("bitewise.webinars.urls")),
    path("", include("bitewise.reviews.urls")),
    path("", include("bitewise.reinforcement.urls")),
    path("", include("bitewise.search.urls")),
    path("", include("bitewise.integrations.urls")),
    path("", include("bitewise.insight.urls")),
    path("", include("bitewise.membership.urls")),
    path("accounts/", include("bitewise.accounts.urls")),
    path("sso/", include("bitewise.sso.urls")),
    path("staff/credentials/", include("bitewise.credentials.staff_urls")),
    path("staff/webinars/", include("bitewise.webinars.staff_urls")),
    path("staff/repurpose/", include("bitewise.repurposing.staff_urls")),
    path("staff/integrations/", include("bitewise.integrations.staff_urls")),
    path("staff/reinforcement/", include("bitewise.reinforcement.staff_urls")),
    path("staff/search/", include("bitewise.search.staff_urls")),
    path("staff/sso/", include("bitewise.sso.staff_urls")),
    path("staff/membership/", include("bitewise.membership.staff_urls")),
    path("staff/", include("bitewise.catalog.staff_urls")),
    # Before the admin's own: its current-password check is throttled like log-in.
    path("admin/password_change/", admin_password_change, name="admin_password_change"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", common_views.healthz, name="healthz"),
    re_path(r"^media/(?P<path>.+)$", common_views.media, name="media"),
]
