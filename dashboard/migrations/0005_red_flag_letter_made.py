"""Red-flag marks say whether the referral letter was produced and the referral made; mark every flagged exam.

The marks are rebuilt from the answers, documents and referral records (dashboard.red_flags.red_flags_rebuild on
the historical models), replacing any 0004's code wrote before it left the marking to this migration.
"""

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from dashboard.red_flags import red_flags_rebuild

MODELS = {
    "exam": ("exams", "Exam"),
    "answer": ("exams", "RedFlagAnswer"),
    "mark": ("dashboard", "RedFlagExam"),
    "document": ("reports", "GeneratedDocument"),
    "referral": ("dashboard", "ReferralMade"),
}


def mark(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    red_flags_rebuild({role: apps.get_model(*name) for role, name in MODELS.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0004_member_invitation_status'),
        ('dashboard', '0004_duration_bands_red_flag_exams'),
        ('exams', '0006_dashboard_covering_indexes'),
        ('reports', '0002_jobs_and_deliveries'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='redflagexam',
            name='red_flag_exam_period',
        ),
        migrations.AddField(
            model_name='redflagexam',
            name='letter',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='redflagexam',
            name='made',
            field=models.BooleanField(default=False),
        ),
        migrations.AddIndex(
            model_name='redflagexam',
            index=models.Index(fields=['clinic', 'started_at', 'clinician', 'made', 'letter'], name='red_flag_exam_reads'),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
