from django.contrib.auth import views as auth_views
from django.urls import path

from bitewise.accounts import signup_views, token_views, views
from bitewise.accounts.password_switch import password_login_required as password_on

app_name = "accounts"

urlpatterns = [
    path("signup/", password_on(signup_views.signup), name="signup"),
    path("signup/sent/", signup_views.signup_sent, name="signup_sent"),
    path("signup/<str:token>/", password_on(signup_views.signup_finish), name="signup_confirm"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("unlock/<str:token>/", views.unlock, name="unlock"),
    path("confirm-password/", views.confirm_password, name="confirm_password"),
    path("password-reset/", password_on(views.PasswordResetView.as_view()), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        password_on(views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke", token_views.token_revoke, name="token_revoke"),
]
