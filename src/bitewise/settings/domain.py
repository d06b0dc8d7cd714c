"""The apps' own settings, read from the environment: credentials and wallets, webinars,
spaced retrieval and reinforcement email, sign-in throttles and API tokens, learning records
and LMS scores, membership and payments. ``base`` takes them all (and wires the middleware,
scheduled work and page policy they need). See README "Configuration"."""

from __future__ import annotations

import ipaddress

from bitewise.engines.campaigns.schedule import parse_quiet_hours
from bitewise.settings.env import ConfigError, env_bool, env_float, env_int, env_list, env_str

# Fernet key that encrypts issuers' signing keys at rest (see credentials/keystore.py).
BITEWISE_KEY_ENCRYPTION_KEY = env_str("BITEWISE_KEY_ENCRYPTION_KEY", "")
# The default issuer (the association), created on first use.
BITEWISE_ISSUER_NAME = env_str("BITEWISE_ISSUER_NAME", "Bitewise Demo Association")
BITEWISE_ISSUER_URL = env_str("BITEWISE_ISSUER_URL", "")
BITEWISE_ISSUER_EMAIL = env_str("BITEWISE_ISSUER_EMAIL", "")
# did:web under an IP address cannot be resolved by verifiers: issuing under such a site URL
# is refused unless this is set (`bitewise demo` sets it).
BITEWISE_ISSUE_ON_IP_ADDRESS = env_bool("BITEWISE_ISSUE_ON_IP_ADDRESS", False)
# The algorithm of the VC-JWT download: RS256 (OB 3.0's required one) or EdDSA.
BITEWISE_VC_JWT_ALG = env_str("BITEWISE_VC_JWT_ALG", "RS256")
if BITEWISE_VC_JWT_ALG not in ("RS256", "EdDSA"):
    raise ConfigError("BITEWISE_VC_JWT_ALG must be RS256 or EdDSA")
# Wallet delivery (VC-API exchanges): how long a learner's claim link stays usable.
BITEWISE_EXCHANGE_MINUTES = env_int("BITEWISE_EXCHANGE_MINUTES", 15)
# Open Badges 3.0 API (OAuth 2.0, django-oauth-toolkit): token lifetimes and who may register.
BITEWISE_OAUTH_ACCESS_TOKEN_SECONDS = env_int("BITEWISE_OAUTH_ACCESS_TOKEN_SECONDS", 3600)
BITEWISE_OAUTH_REFRESH_TOKEN_DAYS = env_int("BITEWISE_OAUTH_REFRESH_TOKEN_DAYS", 90)
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
# Redirect URIs must be https (OB 3.0 section 6.2.2: a registration's redirect_uris).
OAUTH2_PROVIDER = {
    "SCOPES": {
        "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly": (
            "Read your Open Badges credentials"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly": "Read your profile",
    },
    "DEFAULT_SCOPES": ["https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"],
    "PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": BITEWISE_OAUTH_ACCESS_TOKEN_SECONDS,
    "REFRESH_TOKEN_EXPIRE_SECONDS": BITEWISE_OAUTH_REFRESH_TOKEN_DAYS * 86400,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "OIDC_ENABLED": False,
    "REQUEST_APPROVAL_PROMPT": "force",
    "SCOPES_BACKEND_CLASS": "bitewise.wallets.scopes.RegisteredScopes",
    # Read-only in the Django admin, each view of a learner's data audited (wallets/admin.py)
    "APPLICATION_ADMIN_CLASS": "bitewise.wallets.admin.ClientAdmin",
    "ACCESS_TOKEN_ADMIN_CLASS": "bitewise.wallets.admin.AccessTokenAdmin",
    "GRANT_ADMIN_CLASS": "bitewise.wallets.admin.GrantAdmin",
    "ID_TOKEN_ADMIN_CLASS": "bitewise.wallets.admin.IDTokenAdmin",
    "REFRESH_TOKEN_ADMIN_CLASS": "bitewise.wallets.admin.RefreshTokenAdmin",
}

# Micro-webinars: who invites (ORGANIZER in calendar invites) and the CE provider named on
# certificates when a program does not name one.
BITEWISE_PROVIDER_NAME = env_str("BITEWISE_PROVIDER_NAME", BITEWISE_ISSUER_NAME)
BITEWISE_ORGANIZER_NAME = env_str("BITEWISE_ORGANIZER_NAME", BITEWISE_PROVIDER_NAME)
BITEWISE_ORGANIZER_EMAIL = env_str(
    "BITEWISE_ORGANIZER_EMAIL", BITEWISE_ISSUER_EMAIL or "webinars@bitewise.invalid"
)

# Spaced retrieval (FSRS): the recall probability reviews aim for, and the daily load cap.
BITEWISE_DESIRED_RETENTION = env_float("BITEWISE_DESIRED_RETENTION", 0.9)
BITEWISE_REVIEWS_PER_DAY = env_int("BITEWISE_REVIEWS_PER_DAY", 40)
# Delayed retention checks (insight): unscored re-asks of a sample of answered items at +7,
# +30 and +90 days; at most this many a day, inside the daily cap above.
BITEWISE_RETENTION_CHECKS_PER_DAY = env_int("BITEWISE_RETENTION_CHECKS_PER_DAY", 3)
# Reinforcement email: quiet hours in the learner's time zone (HH:MM-HH:MM).
BITEWISE_QUIET_HOURS = env_str("BITEWISE_QUIET_HOURS", "21:00-08:00")
try:
    parse_quiet_hours(BITEWISE_QUIET_HOURS)
except ValueError as _exc:
    raise ConfigError(f"BITEWISE_QUIET_HOURS: {_exc}") from _exc
# Search: the static sentence-embedding model (a folder); empty = the one shipped in the package.
BITEWISE_EMBEDDINGS_DIR = env_str("BITEWISE_EMBEDDINGS_DIR", "")

# ---- Authentication, throttling, API tokens (docs/security.md) ---------------------------
# The client address throttles count by is REMOTE_ADDR. Only when REMOTE_ADDR is one of these
# proxies (addresses or CIDR ranges) is X-Forwarded-For read, right to left, to the first
# address that is not a trusted proxy. Empty: X-Forwarded-For is never trusted.
BITEWISE_TRUSTED_PROXIES = env_list("BITEWISE_TRUSTED_PROXIES", [])
try:
    for _proxy in BITEWISE_TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy, strict=False)
except ValueError as _exc:
    raise ConfigError(f"BITEWISE_TRUSTED_PROXIES: {_exc}") from _exc
# Failed log-ins before an account (and, separately, a client address) is locked, and how long.
BITEWISE_LOCKOUT_FAILURES = env_int("BITEWISE_LOCKOUT_FAILURES", 5)
BITEWISE_LOCKOUT_ADDRESS_FAILURES = env_int("BITEWISE_LOCKOUT_ADDRESS_FAILURES", 20)
BITEWISE_LOCKOUT_MINUTES = env_int("BITEWISE_LOCKOUT_MINUTES", 15)
# Anonymous credential verifications (/api/verify, /api/verify/file) per client address.
BITEWISE_VERIFY_PER_MINUTE = env_int("BITEWISE_VERIFY_PER_MINUTE", 30)
# API tokens expire after this many days unless their creator picks another (at most 365).
BITEWISE_TOKEN_DAYS = env_int("BITEWISE_TOKEN_DAYS", 90)
# Creating a token needs a password typed within this many minutes.
BITEWISE_REAUTH_MINUTES = env_int("BITEWISE_REAUTH_MINUTES", 15)
for _name in (
    "BITEWISE_LOCKOUT_FAILURES",
    "BITEWISE_LOCKOUT_ADDRESS_FAILURES",
    "BITEWISE_LOCKOUT_MINUTES",
    "BITEWISE_VERIFY_PER_MINUTE",
    "BITEWISE_REAUTH_MINUTES",
):
    if globals()[_name] < 1:
        raise ConfigError(f"{_name} must be at least 1")
if not 1 <= BITEWISE_TOKEN_DAYS <= 365:
    raise ConfigError("BITEWISE_TOKEN_DAYS must be between 1 and 365")

# ---- Learning records and LMS (README "Integrations") ------------------------------------
# xAPI: the association's LRS (its statements endpoint's base, e.g. https://lrs.example.org/xAPI/)
# and its Basic credentials. Empty endpoint: no statements are recorded.
BITEWISE_XAPI_ENDPOINT = env_str("BITEWISE_XAPI_ENDPOINT", "")
BITEWISE_XAPI_USERNAME = env_str("BITEWISE_XAPI_USERNAME", "")
BITEWISE_XAPI_PASSWORD = env_str("BITEWISE_XAPI_PASSWORD", "")
BITEWISE_XAPI_TIMEOUT = env_float("BITEWISE_XAPI_TIMEOUT", 10.0)
# Who the statements name: "account" (site URL + account id, no personal data) or "mbox" (email).
BITEWISE_XAPI_ACTOR = env_str("BITEWISE_XAPI_ACTOR", "account")
# Tries before a statement (or an LTI score) is given up: backoff doubles from 30 s to 1 h.
BITEWISE_XAPI_MAX_ATTEMPTS = env_int("BITEWISE_XAPI_MAX_ATTEMPTS", 40)
if BITEWISE_XAPI_ENDPOINT and not BITEWISE_XAPI_ENDPOINT.startswith(("http://", "https://")):
    raise ConfigError("BITEWISE_XAPI_ENDPOINT must be an http:// or https:// URL")
if BITEWISE_XAPI_ACTOR not in ("account", "mbox"):
    raise ConfigError("BITEWISE_XAPI_ACTOR must be account or mbox")
if BITEWISE_XAPI_TIMEOUT <= 0 or BITEWISE_XAPI_MAX_ATTEMPTS < 1:
    raise ConfigError(
        "BITEWISE_XAPI_TIMEOUT must be positive and BITEWISE_XAPI_MAX_ATTEMPTS at least 1"
    )

# ---- Membership and payments (docs/membership.md) -----------------------------------------
# The payment provider behind membership.payments.provider (one small interface).
BITEWISE_PAYMENT_PROVIDER = env_str(
    "BITEWISE_PAYMENT_PROVIDER", "bitewise.membership.payments.stripe_provider.StripeProvider"
)
# Stripe: the secret API key, the webhook endpoint's signing secret (whsec_…), and the API's
# base address (empty: Stripe's own; tests point it at the local stand-in).
BITEWISE_STRIPE_SECRET_KEY = env_str("BITEWISE_STRIPE_SECRET_KEY", "")
BITEWISE_STRIPE_WEBHOOK_SECRET = env_str("BITEWISE_STRIPE_WEBHOOK_SECRET", "")
BITEWISE_STRIPE_API_BASE = env_str("BITEWISE_STRIPE_API_BASE", "")
if BITEWISE_STRIPE_API_BASE and not BITEWISE_STRIPE_API_BASE.startswith(("http://", "https://")):
    raise ConfigError("BITEWISE_STRIPE_API_BASE must be an http:// or https:// URL")
# The hosted checkout page's origin: base allows it as a form action.
BITEWISE_CHECKOUT_ORIGIN = env_str("BITEWISE_CHECKOUT_ORIGIN", "https://checkout.stripe.com")
if not BITEWISE_CHECKOUT_ORIGIN.startswith(("http://", "https://")):
    raise ConfigError("BITEWISE_CHECKOUT_ORIGIN must be an http:// or https:// origin")
