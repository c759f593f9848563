"""Operator command: erase archived patients whose retention period (PATIENT_RETENTION_DAYS) has ended."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import ProtectedError

from retention.services import erasable, patient_erase


class Command(BaseCommand):
    help = "Erase archived patients past the retention period; audit events stay, without the identity."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List who would be erased; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        archives = list(erasable())
        for archive in archives:
            label = f"patient #{archive.patient_id} (archived {archive.archived_at:%Y-%m-%d})"
            if options["dry_run"]:
                self.stdout.write(f"would erase {label}")
                continue
            try:
                patient_erase(patient=archive.patient)
            except ProtectedError as error:
                self.stderr.write(f"kept {label}: still referenced by {len(error.protected_objects)} row(s)")
            else:
                self.stdout.write(f"erased {label}")
        self.stdout.write(f"{len(archives)} archived patient(s) past retention.")
