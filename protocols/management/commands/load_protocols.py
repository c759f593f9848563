"""Store every shipped protocol release that the database does not hold yet; safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from protocols.loader import ProtocolError
from protocols.registry import ProtocolReleaseChanged, protocol_versions_sync, shipped_paths


class Command(BaseCommand):
    help = "Register shipped protocol files (protocols/data/<code>/<semver>.yaml) as released versions."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = protocol_versions_sync()
        except (ProtocolError, ProtocolReleaseChanged) as exc:
            raise CommandError(str(exc)) from exc
        for row in created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {row.code} {row.version} ({row.title})"))
        unchanged = len(shipped_paths()) - len(created)
        self.stdout.write(f"{len(created)} loaded, {unchanged} already stored and unchanged.")
