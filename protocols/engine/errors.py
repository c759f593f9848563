"""The engine's own error: every problem with an input, each named by its field path.

The shapes live in the bottom-level `core.errors` so one API handler translates them; the engine adds its name.
"""

from __future__ import annotations

from core.errors import FieldError, FieldErrors
from core.errors import FieldPath as Path

__all__ = ["EngineInputError", "FieldError", "Path"]


class EngineInputError(FieldErrors):
    """Raised with every field error found in an exam input."""
