"""Expose the membership to templates for the header (clinic name, role)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def membership(request: HttpRequest) -> dict[str, Any]:
    return {"membership": getattr(request, "membership", None)}
