"""Mark the red-flag exams (RedFlagExam) and recount the daily counts, which now hold the duration bands.

The recount is the one 0003 ran (dashboard.counts.counts_rebuild, which now writes the bands too) on the
historical models; it replaces every count, so running it over the counts 0003 wrote is exact, not doubled.
Undone, the band rows stay (the figures before them ignore them) and the marks' table goes.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from dashboard.red_flags import red_flags_rebuild

first_count = importlib.import_module("dashboard.migrations.0003_daily_count_backfill")


def mark(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    models_of = ("exams", "Exam"), ("exams", "RedFlagAnswer"), ("dashboard", "RedFlagExam")
    red_flags_rebuild(*(apps.get_model(*m) for m in models_of))


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0004_member_invitation_status'),
        ('dashboard', '0003_daily_count_backfill'),
        ('exams', '0006_dashboard_covering_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RedFlagExam',
            fields=[
                ('exam', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='red_flag_mark', serialize=False, to='exams.exam')),
                ('started_at', models.DateTimeField()),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clinics.clinic')),
                ('clinician', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(fields=['clinic', 'started_at', 'clinician'], name='red_flag_exam_period')],
            },
        ),
        migrations.RunPython(first_count.backfill, migrations.RunPython.noop),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
