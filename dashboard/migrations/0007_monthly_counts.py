"""Monthly roll-ups of the daily counts, filled by the recount every count comes from.

The recount is dashboard.counts.counts_rebuild on the historical models, now with the two month tables: it
replaces the day rows with the same rows (exact, not doubled) and writes the months as their sums. Undone, the
month tables go; the day rows are what the figures read before them.
"""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from dashboard.counts import counts_rebuild

COUNTS = ("DailyCount", "DailyClinicCount", "MonthlyCount", "MonthlyClinicCount")  # dashboard.counts.TABLES' order


def recount(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    models = [apps.get_model("exams", "Exam"), apps.get_model("exams", "Finding")]
    counts_rebuild(*models, *(apps.get_model("dashboard", name) for name in COUNTS))


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0004_member_invitation_status'),
        ('dashboard', '0006_daily_count_figure_indexes'),
        ('exams', '0006_dashboard_covering_indexes'),
        ('protocols', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MonthlyClinicCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('figure', models.CharField(max_length=20)),
                ('key', models.CharField(blank=True, max_length=60)),
                ('n', models.IntegerField(default=0)),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clinics.clinic')),
            ],
            options={
                'indexes': [models.Index(fields=['clinic', 'month', 'figure', 'key', 'n'], name='monthly_clinic_count_read')],
                'constraints': [models.UniqueConstraint(fields=('clinic', 'month', 'figure', 'key'), name='monthly_clinic_count_one')],
            },
        ),
        migrations.CreateModel(
            name='MonthlyCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('figure', models.CharField(max_length=20)),
                ('key', models.CharField(blank=True, max_length=60)),
                ('n', models.IntegerField(default=0)),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clinics.clinic')),
                ('clinician', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(fields=['clinic', 'month', 'figure', 'key', 'clinician', 'n'], name='monthly_count_read')],
                'constraints': [models.UniqueConstraint(fields=('clinic', 'month', 'figure', 'key', 'clinician'), name='monthly_count_one')],
            },
        ),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
