"""Issuers (the association, or several) and their Ed25519 signing keys."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import MicroCredential, Pathway


class Issuer(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    url = models.URLField(blank=True, help_text="The association's own website")
    email = models.EmailField(blank=True)
    description = models.TextField(blank=True)
    # The default issuer's DID is the site's own (did:web:<host>, served at
    # /.well-known/did.json); others live under /issuers/<slug>/did.json.
    is_default = models.BooleanField(default=False)
    linkedin_organization_id = models.CharField(max_length=40, blank=True)
    micro_credentials = models.ManyToManyField(MicroCredential, blank=True, related_name="+")
    pathways = models.ManyToManyField(Pathway, blank=True, related_name="+")
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="issuers",
        help_text="Staff who may award and revoke this issuer's credentials",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped when something every one of its credentials' verifications depends on changes
    # (its keys): stored verification results of an older number are checked again.
    checks_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_issuer"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def did(self) -> str:
        """did:web per https://w3c-ccg.github.io/did-method-web/#create-register"""
        parts = urlsplit(settings.SITE_URL)
        host = quote(parts.netloc, safe="")  # a port's colon is percent-encoded
        path = [p for p in parts.path.split("/") if p]
        if not self.is_default:
            path += ["issuers", self.slug]
        return ":".join(["did:web", host, *path])

    @property
    def did_document_path(self) -> str:
        return "/.well-known/did.json" if self.is_default else f"/issuers/{self.slug}/did.json"


class SigningKey(models.Model):
    """One Ed25519 key. The seed is stored encrypted (Fernet, key from the environment);
    a rotated key stays listed in the DID document so earlier credentials verify."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="keys")
    public_key_multibase = models.CharField(max_length=64, unique=True)
    # RFC 7638 thumbprint of the same key as a JWK: the fragment of its JsonWebKey method,
    # which EdDSA VC-JWTs name as their kid.
    jwk_thumbprint = models.CharField(max_length=64, db_index=True, blank=True)
    encrypted_seed = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer"], condition=Q(retired_at__isnull=True), name="one_active_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.public_key_multibase[:12]}…"

    @property
    def verification_method(self) -> str:
        return f"{self.issuer.did}#{self.public_key_multibase}"


class RsaSigningKey(models.Model):
    """One RSA key pair for RS256 signatures, whoever signs with it: an issuer's VC-JWTs
    (OB 3.0's required algorithm) or the LTI 1.3 tool's messages (client assertions, deep
    linking responses). One model and one service (``credentials.services.rsa_keys``) for
    both: the PKCS#8 private key stored encrypted, made on first use, rotated by retiring the
    current key (it stops signing and stays published) and starting a new one. An issuer's
    keys are published in its DID document and JWK Set for good, so what they signed still
    verifies; an LTI tool key may be withdrawn from the tool's JWK Set once platforms have
    its successor. ``thumbprint`` is the key's JWK ``kid`` (its RFC 7638 thumbprint)."""

    class Purpose(models.TextChoices):
        VC_JWT = "vc_jwt", "Issuer's VC-JWTs"
        LTI_TOOL = "lti_tool", "LTI 1.3 tool"

    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.VC_JWT)
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="rsa_keys", null=True, blank=True
    )
    thumbprint = models.CharField(max_length=64, unique=True, verbose_name="kid")
    public_jwk = models.JSONField()
    encrypted_private_key = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True, help_text="No longer signs.")
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="No longer published (LTI tool keys only)."
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "RSA signing key"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer"], condition=Q(retired_at__isnull=True), name="one_active_rsa_key"
            ),
            models.UniqueConstraint(
                fields=["purpose"],
                condition=Q(retired_at__isnull=True, purpose="lti_tool"),
                name="one_active_lti_tool_key",
            ),
            models.CheckConstraint(
                condition=Q(purpose="vc_jwt", issuer__isnull=False)
                | Q(purpose="lti_tool", issuer__isnull=True),
                name="rsa_key_owner_matches_purpose",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(purpose="lti_tool"),
                name="only_lti_tool_keys_are_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        owner = self.issuer if self.issuer_id else self.get_purpose_display()
        return f"{owner} RSA {self.thumbprint[:12]}…"

    @property
    def verification_method(self) -> str:
        assert self.issuer is not None, "only an issuer's key is a DID verification method"
        return f"{self.issuer.did}#{self.thumbprint}"
