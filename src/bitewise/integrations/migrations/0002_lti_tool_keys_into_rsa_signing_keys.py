"""The LTI tool's keys move into the one RSA key table (credentials.RsaSigningKey, purpose
"lti_tool"), keeping their kids, their encrypted private keys (PKCS#8 PEM, read as is), what
was published and which key signs: the newest published key signs; older published keys are
retired (still published); withdrawn keys are retired and withdrawn."""

from django.db import migrations
from django.utils import timezone

RSA_PUBLIC_MEMBERS = ("kty", "n", "e")


def into_rsa_signing_keys(apps, schema_editor):
    LtiToolKey = apps.get_model("integrations", "LtiToolKey")
    RsaSigningKey = apps.get_model("credentials", "RsaSigningKey")
    now = timezone.now()
    signer_taken_at = None  # when the next newer published key started signing
    for key in LtiToolKey.objects.order_by("-created_at", "-id"):
        if key.is_active:
            retired_at, withdrawn_at = signer_taken_at, None
            signer_taken_at = key.created_at
        else:
            retired_at = withdrawn_at = key.retired_at or now
        moved = RsaSigningKey.objects.create(
            purpose="lti_tool",
            issuer=None,
            thumbprint=key.kid,
            public_jwk={name: key.public_jwk[name] for name in RSA_PUBLIC_MEMBERS},
            encrypted_private_key=key.private_key,
            retired_at=retired_at,
            withdrawn_at=withdrawn_at,
        )
        # created_at is set on create; keep the key's own date (it orders rotations).
        RsaSigningKey.objects.filter(pk=moved.pk).update(created_at=key.created_at)


def back_into_lti_tool_keys(apps, schema_editor):
    LtiToolKey = apps.get_model("integrations", "LtiToolKey")
    RsaSigningKey = apps.get_model("credentials", "RsaSigningKey")
    for key in RsaSigningKey.objects.filter(purpose="lti_tool").order_by("created_at", "id"):
        restored = LtiToolKey.objects.create(
            kid=key.thumbprint,
            private_key=key.encrypted_private_key,
            public_jwk={**key.public_jwk, "kid": key.thumbprint, "alg": "RS256", "use": "sig"},
            is_active=key.withdrawn_at is None,
            retired_at=key.withdrawn_at,
        )
        LtiToolKey.objects.filter(pk=restored.pk).update(created_at=key.created_at)
    RsaSigningKey.objects.filter(purpose="lti_tool").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0001_initial"),
        ("credentials", "0006_rsa_keys_for_every_signer"),
    ]

    operations = [
        migrations.RunPython(into_rsa_signing_keys, back_into_lti_tool_keys),
        migrations.DeleteModel(name="LtiToolKey"),
    ]
