"""Every account made before allauth gets its address as its verified, primary address:
accounts were made only by accepting an e-mailed invitation, or by an administrator."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("trustplan", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
        for user in User.objects.exclude(pk__in=have).exclude(email="")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("trustplan", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
