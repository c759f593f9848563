"""Clinic-wide daily counts and red-flag marks; recount the daily counts, which now hold the duration bands.

The recount is the one 0003 ran (dashboard.counts.counts_rebuild, which now writes the bands too), on the
historical models and this time with the clinic-wide table; it replaces every count, so running it over the
counts 0003 wrote is exact, not doubled. Undone, the band rows stay (the figures before them ignore them) and
the two new tables go. The red-flag marks are filled by 0005, once they also say whether the letter and the
referral exist.
"""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from dashboard.counts import counts_rebuild


def recount(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    names = ("exams", "Exam"), ("exams", "Finding"), ("dashboard", "DailyCount"), ("dashboard", "DailyClinicCount")
    counts_rebuild(*(apps.get_model(*name) for name in names))


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0004_member_invitation_status'),
        ('dashboard', '0003_daily_count_backfill'),
        ('exams', '0006_dashboard_covering_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DailyClinicCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('figure', models.CharField(max_length=20)),
                ('key', models.CharField(blank=True, max_length=60)),
                ('n', models.IntegerField(default=0)),
                ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='clinics.clinic')),
            ],
            options={
                'indexes': [models.Index(fields=['clinic', 'day', 'figure', 'key', 'n'], name='daily_clinic_count_read')],
                'constraints': [models.UniqueConstraint(fields=('clinic', 'day', 'figure', 'key'), name='daily_clinic_count_one')],
            },
        ),
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
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
