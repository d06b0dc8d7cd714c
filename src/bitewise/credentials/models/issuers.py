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
    """One RSA key for RS256 VC-JWTs (OB 3.0's required algorithm). Managed like the Ed25519
    keys: the PKCS#8 private key stored encrypted, generated on first use, rotated with them,
    and every one (retired too) listed in the DID document as a JsonWebKey."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="rsa_keys")
    thumbprint = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    encrypted_private_key = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer"], condition=Q(retired_at__isnull=True), name="one_active_rsa_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} RSA {self.thumbprint[:12]}…"

    @property
    def verification_method(self) -> str:
        return f"{self.issuer.did}#{self.thumbprint}"
