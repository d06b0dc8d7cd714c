"""LTI platforms: "link by email" becomes "asserts verified emails", which also decides
whether a first launch may make an account with the platform's email claim (a platform
staff trusted to link by email was trusted to verify addresses, so the value is kept)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('integrations', '0002_lti_tool_keys_into_rsa_signing_keys'),
    ]

    operations = [
        migrations.RenameField(
            model_name='ltiplatform',
            old_name='link_by_email',
            new_name='asserts_verified_emails',
        ),
        migrations.AlterField(
            model_name='ltiplatform',
            name='asserts_verified_emails',
            field=models.BooleanField(default=False, help_text="Trust the email address this platform sends as verified: a first launch makes the account with it, or links the existing learner account that has it. Leave off unless the platform verifies every user's address; then launches make accounts with a placeholder address and never touch an existing account.", verbose_name='asserts verified emails'),
        ),
    ]
