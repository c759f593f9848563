"""Append-only in the database: triggers refuse UPDATE and DELETE on the audit table, on both vendors.

SQLite has no session variables, so its trigger asks a per-connection SQL function whether a maintenance
window is open. Only `maintenance()` opens one (the test suite's database flush uses it); the application
never does, and a connection without the function (the sqlite3 shell) fails closed. PostgreSQL's row
triggers cannot be switched off from the application at all; TRUNCATE needs the table owner's rights.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.signals import connection_created

TABLE = "audit_auditevent"
REFUSAL = "audit events are append-only"
_state = {"maintenance": False}

SQLITE_CREATE = [
    f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {TABLE} WHEN NOT audit_maintenance() "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {TABLE} WHEN NOT audit_maintenance() "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete"]
POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$",
    f"CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]


def _maintenance_flag() -> int:
    return 1 if _state["maintenance"] else 0


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("audit_maintenance", 0, _maintenance_flag)


def connect() -> None:
    connection_created.connect(_register, dispatch_uid="audit-guard")


@contextmanager
def maintenance() -> Iterator[None]:
    """Let a whole-database flush through on SQLite (tests only; erasure keeps every event)."""
    _state["maintenance"] = True
    try:
        yield
    finally:
        _state["maintenance"] = False


def statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    return []
