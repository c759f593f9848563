"""A button of a choice group, shared by every step screen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Choice:
    """One button of a group: `pressed` drives aria-pressed, `icon` keeps colour from being the only signal."""

    name: str
    value: str
    label: str
    icon: str
    pressed: bool
    dom_id: str
