"""`manage.py check` reads the letter parts of every shipped care file (recipients, exercise guides) at start-up,
so a malformed release fails before the first letter is printed rather than in the worker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error

from protocols import registry
from protocols.care import CareError
from reports.letter_care import letter_care_from_mapping


def letter_care_check(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for path in registry.shipped_paths():
        try:
            release = registry.shipped_read(path)
        except Exception:  # noqa: BLE001, S112 - the protocols checks report an unreadable release
            continue
        targets = release.care.get("referral_targets") if isinstance(release.care, dict) else None
        try:
            letter_care_from_mapping(
                release.care,
                filename=str(path.with_name(f"{release.version}.care.yaml")),
                targets=targets if isinstance(targets, dict) else None,
                conditions=release.protocol.conditions,
                sources=release.protocol.sources,
            )
        except CareError as exc:
            messages.append(Error(str(exc), hint="Fix the care file key named.", obj=str(path), id="reports.E001"))
    return messages
