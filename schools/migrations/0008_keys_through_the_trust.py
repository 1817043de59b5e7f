"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0007_kpis_and_evidence_moved'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='invitation',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The invited person's entry in the trust's directory.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='invitation',
            name='token_hash',
            field=models.CharField(db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='membership',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The user's entry in the trust's directory.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='memberships', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='person',
            name='school',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='school',
            name='category',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='schools', to='schools.schoolcategory'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.UniqueConstraint(fields=('trust', 'token_hash'), name='invitation_token_unique_in_trust'),
        ),
    ]
