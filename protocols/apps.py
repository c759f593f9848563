from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class ProtocolsConfig(AppConfig):
    name = "protocols"
    verbose_name = "Clinical protocols"

    def ready(self) -> None:
        from protocols import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(releases_register, sender=self, dispatch_uid="protocols.releases_register")


def releases_register(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Store shipped releases after every migrate, so a fresh database (tests, `make run`) can assess at once."""
    from protocols.models import ProtocolVersion
    from protocols.registry import protocol_versions_sync

    # Unapplying the app's migrations also fires post_migrate; there is no table to fill then.
    if ProtocolVersion._meta.db_table not in connections[using].introspection.table_names():
        return
    protocol_versions_sync(using=using)
