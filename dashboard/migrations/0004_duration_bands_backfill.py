"""Recount the exams so the daily counts hold the duration bands (and red-flag counts) the medians now read.

The recount is the one 0003 ran (dashboard.counts.counts_rebuild, which now writes the new figures too) on the
historical models; it replaces every count, so running it again over counts 0003 wrote is exact, not doubled.
"""

import importlib

from django.db import migrations

first_count = importlib.import_module("dashboard.migrations.0003_daily_count_backfill")


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0003_daily_count_backfill")]

    # Undone, the band rows stay: the figures of 0003 ignore them.
    operations = [migrations.RunPython(first_count.backfill, migrations.RunPython.noop)]
