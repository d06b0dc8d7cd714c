"""The shipped CE credit programs (NASBA group-internet and nano-learning, IACET, ANCC,
AMA PRA Category 1, and a custom template), as data staff can edit."""

from django.db import migrations

from bitewise.engines.ce_credits import SHIPPED_RULES


def install(apps, schema_editor):
    CreditProgram = apps.get_model("webinars", "CreditProgram")
    for code, rule in SHIPPED_RULES.items():
        CreditProgram.objects.get_or_create(
            code=code, defaults={"rule": rule.to_dict(), "version": rule.version}
        )


class Migration(migrations.Migration):
    dependencies = [("webinars", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
