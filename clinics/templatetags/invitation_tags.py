"""Template wording of the invitation pages, taken from the settings it describes rather than written in."""

from __future__ import annotations

from django import template

from clinics.invitations import link_lifetime

register = template.Library()


@register.simple_tag
def set_password_lifetime() -> str:
    """How long a set-password link works ("3 days"), from PASSWORD_RESET_TIMEOUT."""
    return link_lifetime()
