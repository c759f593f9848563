"""Errors raised by services, each naming the field at fault; the edges turn them into form errors or 400s."""

from __future__ import annotations

from typing import Any


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
