from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest

from bitewise.accounts.addresses import UNKNOWN, client_address
from bitewise.accounts.limits import login_rule
from bitewise.accounts.models import Scope, ThrottleKind, User
from bitewise.accounts.services import user_password_set
from bitewise.accounts.services.lockouts import (
    WrongPassword,
    current_password_check,
    login_failure_record,
    login_success_record,
)
from bitewise.accounts.throttle import Throttled, throttle_check, throttle_clear
from bitewise.common.mail_addresses import can_receive_mail

UNLOCK_HINT = (
    " If it is your account, the email we sent to its address has a link to unlock it now."
)


def _address(request: HttpRequest | None) -> str:
    return client_address(request) if request is not None else UNKNOWN


def _throttled_error(exc: Throttled) -> forms.ValidationError:
    hint = UNLOCK_HINT if exc.kind == ThrottleKind.ACCOUNT else ""
    return forms.ValidationError(str(exc) + hint, code="throttled")


class ThrottledLoginMixin:
    """Log-in refused while the account or the address is locked (the right password
    too); wrong passwords counted; the right one forgives the account's failures."""

    request: HttpRequest | None
    data: Any
    throttled: Throttled | None = None

    def clean(self) -> dict[str, Any]:
        email = str(self.data.get("username", "")).strip().lower()
        address = _address(self.request)
        try:
            throttle_check(login_rule(), address=address, account=email)
        except Throttled as exc:
            self.throttled = exc
            raise _throttled_error(exc) from exc
        try:
            data: dict[str, Any] = super().clean()  # type: ignore[misc]
        except forms.ValidationError as exc:
            # A right password refused for another reason (the admin's "staff only") is not
            # a guess: only a failed authentication counts.
            if exc.code == "invalid_login" and getattr(self, "user_cache", None) is None:
                locked = login_failure_record(email=email, address=address)
                if locked is not None:
                    self.throttled = locked
                    raise _throttled_error(locked) from exc
            raise
        if getattr(self, "user_cache", None) is not None:  # not merely a form left half empty
            login_success_record(email=email)
        return data


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class CurrentPasswordMixin:
    """The current password, checked by ``current_password_check`` (the log-in throttle)."""

    throttled: Throttled | None = None

    def _current_password_clean(
        self, *, request: HttpRequest | None, user: User, password: str, wrong: str
    ) -> str:
        try:
            current_password_check(user=user, password=password, address=_address(request))
        except Throttled as exc:
            self.throttled = exc
            raise _throttled_error(exc) from exc
        except WrongPassword as exc:
            raise forms.ValidationError(wrong, code="password_incorrect") from exc
        return password


class ConfirmPasswordForm(CurrentPasswordMixin, forms.Form):
    """Type the password again before something sensitive (creating an API token)."""

    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request, self.user = request, user
        self.throttled: Throttled | None = None

    def clean_password(self) -> str:
        return self._current_password_clean(
            request=self.request,
            user=self.user,
            password=self.cleaned_data["password"],
            wrong="That is not your password.",
        )


class ResetRequestForm(PasswordResetForm):
    """Django's reset request, never mailing an address that can never receive mail (an
    account an LTI launch made has a placeholder one); the page reads the same."""

    def get_users(self, email: str) -> Iterator[Any]:
        return (user for user in super().get_users(email) if can_receive_mail(user.email))


class ResetSetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """The new password from a reset link: the account's API tokens are revoked and its
    log-in lock ends (following the link proved the mailbox)."""

    def save(self, commit: bool = True) -> Any:
        user = self.user
        user_password_set(user=user, password=self.cleaned_data["new_password1"], reason="reset")
        throttle_clear(login_rule(), account=user.email)
        return user


class ServicePasswordChangeForm(CurrentPasswordMixin, AdminPasswordChangeForm):
    """The admin's own "Change password" page: the current password is checked under the
    log-in throttle (guesses count and lock like log-in failures), and the new one is set
    by the service, so the account's API tokens are revoked as after any other change."""

    def __init__(
        self, user: User, *args: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        return self._current_password_clean(
            request=self.request,
            user=self.user,
            password=self.cleaned_data["old_password"],
            wrong=str(self.error_messages["password_incorrect"]),
        )

    def save(self, commit: bool = True) -> Any:
        return user_password_set(user=self.user, password=self.cleaned_data["new_password1"])


class SignupForm(forms.Form):
    email = forms.EmailField(max_length=254)
    display_name = forms.CharField(
        label="Name shown on your badges", max_length=120, required=False
    )
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self) -> str:
        # Whether the address has an account is not said here: see services.signups.
        email = str(self.cleaned_data["email"]).strip().lower()
        if not can_receive_mail(email):
            raise forms.ValidationError(
                "This address can never receive mail, so the confirmation link could not "
                "reach you. Use an address you read."
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("email"):
            candidate = User(email=data["email"], display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


DAY_CHOICES = [7, 30, 90, 180, 365]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What will use this token, e.g. 'LMS sync'.")
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Read lets it fetch; write lets it change your data as you can.",
    )
    days = forms.TypedChoiceField(label="Expires after", coerce=int)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scopes, days = self.fields["scopes"], self.fields["days"]
        assert isinstance(scopes, forms.MultipleChoiceField)
        assert isinstance(days, forms.TypedChoiceField)
        if not user.is_staff:
            scopes.choices = [c for c in Scope.choices if c[0] != Scope.STAFF]
        scopes.initial = [Scope.READ, Scope.WRITE]
        default = settings.BITEWISE_TOKEN_DAYS
        days.choices = [(d, f"{d} days") for d in sorted({*DAY_CHOICES, default})]
        days.initial = default
