"""Errors raised below the edges, each naming the field at fault; the edges turn them into form errors or 400s.

Plain Python (no Django), so the pure engine can raise them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input, named by its path, e.g. ("findings", 1, "side")."""

    path: FieldPath
    message: str


class FieldErrors(ValueError):
    """Every field error found in one input, so a client can fix them all in one round trip."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in self.errors))


class DomainError(Exception):
    """A request the domain refuses: `field` names the input at fault ("__all__" when none does)."""

    status = 400

    def __init__(self, field: str, message: str, *, code: str = "invalid") -> None:
        self.field = field
        self.message = message
        self.code = code
        super().__init__(f"{field}: {message}")


class ConflictError(DomainError):
    """A stale write: someone else changed this answer since the client last saw it."""

    status = 409

    def __init__(self, field: str, message: str, *, current: Any = None, version: int | None = None) -> None:
        super().__init__(field, message, code="conflict")
        self.current = current
        self.version = version


class ReadOnlyError(DomainError):
    """A write to something frozen, such as a signed exam."""

    status = 409

    def __init__(self, message: str) -> None:
        super().__init__("__all__", message, code="read_only")


class ForbiddenError(DomainError):
    """An act this user may not perform on an object they can otherwise see (signing another's exam)."""

    status = 403

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message, code="forbidden")
