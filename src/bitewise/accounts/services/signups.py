"""Sign-up that does not tell whether an address has an account: every sign-up gets the
same page and one email. A new address gets a link that makes the account; an address
that already has one gets a note that someone tried to sign up with it."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import SignupRequest, User
from bitewise.accounts.services.mail import account_mail_send, site_link
from bitewise.accounts.services.tokens import hash_token
from bitewise.engines.text.visible import visible_text

LINK_VALID_FOR = timedelta(hours=24)


class SignupError(Exception):
    """A confirmation link that cannot be used; the message says why (400)."""


@transaction.atomic
def signup_request(*, email: str, password: str, display_name: str = "") -> None:
    """Record the sign-up and mail ``email``. The password is hashed either way, so the
    answer takes as long for an address with an account as for one without."""
    email = email.strip().lower()
    hashed = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        context = {
            "user": existing,
            "login": site_link(reverse("accounts:login")),
            "reset": site_link(reverse("accounts:password_reset")),
        }
        transaction.on_commit(
            lambda: account_mail_send(to=existing.email, template="signup_exists", context=context)
        )
        return
    token = secrets.token_urlsafe(32)
    SignupRequest.objects.create(
        email=email,
        display_name=visible_text(display_name).strip(),
        password=hashed,
        token_hash=hash_token(token),
    )
    context = {
        "email": email,
        "link": site_link(reverse("accounts:signup_confirm", kwargs={"token": token})),
        "hours": int(LINK_VALID_FOR.total_seconds() // 3600),
    }
    transaction.on_commit(
        lambda: account_mail_send(to=email, template="signup_confirm", context=context)
    )


def access_signup_request(*, token: str) -> SignupRequest:
    """The unused, unexpired sign-up this link belongs to; SignupError otherwise."""
    request = None
    if token and len(token) <= 100:
        request = SignupRequest.objects.filter(token_hash=hash_token(token)).first()
    if request is None or request.used_at is not None:
        raise SignupError("This link has already been used or is not valid. Sign up again.")
    if request.created_at + LINK_VALID_FOR <= timezone.now():
        raise SignupError("This link has expired. Sign up again.")
    return request


@transaction.atomic
def signup_confirm(*, token: str) -> User:
    """Make the account the link was mailed for, with the password chosen at sign-up."""
    request = access_signup_request(token=token)
    claimed = SignupRequest.objects.filter(pk=request.pk, used_at=None).update(
        used_at=timezone.now()
    )
    if not claimed:
        raise SignupError("This link has already been used or is not valid. Sign up again.")
    if User.objects.filter(email__iexact=request.email).exists():
        raise SignupError("This address already has an account: log in instead.")
    user = User(email=request.email, display_name=request.display_name, password=request.password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # confirmed twice at the same moment
        raise SignupError("This address already has an account: log in instead.") from exc
    return user
