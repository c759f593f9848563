"""The idle limit the page's warning script counts down from (data attributes on <body>)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def session_limits(request: HttpRequest) -> dict[str, int]:
    return {"idle_seconds": settings.IDLE_TIMEOUT_MINUTES * 60}
