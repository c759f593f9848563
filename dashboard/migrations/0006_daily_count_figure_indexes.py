"""Figure-first indexes on the daily counts, for reads of one or two figures over a long period."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0004_member_invitation_status'),
        ('dashboard', '0005_red_flag_letter_made'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='dailycliniccount',
            index=models.Index(fields=['clinic', 'figure', 'day', 'key', 'n'], name='daily_clinic_count_figure'),
        ),
        migrations.AddIndex(
            model_name='dailycount',
            index=models.Index(fields=['clinic', 'figure', 'day', 'key', 'clinician', 'n'], name='daily_count_figure'),
        ),
    ]
