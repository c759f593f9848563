"""The engine's own error: every problem with an input, each named by its field path."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldError:
    path: Path  # e.g. ("findings", 1, "side")
    message: str


class EngineInputError(ValueError):
    """Raised with every field error found, so a client can fix them all in one round trip."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in self.errors))
