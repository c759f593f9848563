"""Count the exams already recorded into the daily counts; the exam services' signal keeps them from here on."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from dashboard.counts import counts_rebuild


def backfill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # The historical models, so later changes to the live ones cannot change what this migration does.
    counts_rebuild(
        apps.get_model("exams", "Exam"), apps.get_model("exams", "Finding"), apps.get_model("dashboard", "DailyCount")
    )


def clear(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("dashboard", "DailyCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_daily_count"),
        ("exams", "0006_dashboard_covering_indexes"),
        ("protocols", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, clear)]
