"""The per-exam CSV behind the dashboard, streamed: rows leave as the database yields them, never all at once."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from dashboard.facets import facet, overridden
from dashboard.figures import red_flag_codes
from dashboard.filters import Filters

CHUNK = 2000
HEADER = (
    "exam_id",
    "started_at",
    "completed_at",
    "signed_at",
    "clinician",
    "clinician_name",
    "status",
    "protocol_code",
    "protocol_version",
    "engine_diagnosis",
    "final_diagnosis",
    "overridden",
    "red_flags",
    "override_reason_present",
)
COLUMNS = (
    "pk",
    "started_at",
    "completed_at",
    "signed_at",
    "clinician__username",
    "clinician__first_name",
    "clinician__last_name",
    "status",
    "protocol_code",
    "protocol_version",
    "engine_diagnosis",
    "final_diagnosis",
    "is_overridden",
    "flags",
    "override_reason",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, so csv.writer feeds the stream (Django's docs recipe)."""

    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _when(value: Any) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def exam_rows_csv(filters: Filters) -> Iterator[str]:
    """Yield the header, then one line per exam started in the period, oldest first."""
    from django.db.models import Case, Value, When

    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    exams = (
        facet(filters, "started", timezone.now())
        .annotate(
            flags=red_flag_codes(), is_overridden=Case(When(overridden(), then=Value(True)), default=Value(False))
        )
        .order_by("started_at", "pk")
        .values_list(*COLUMNS)
    )
    for row in exams.iterator(chunk_size=CHUNK):
        (
            pk,
            started,
            completed,
            signed,
            username,
            first,
            last,
            status,
            code,
            version,
            engine,
            final,
            over,
            flags,
            reason,
        ) = row
        done = status != "in_progress"
        yield writer.writerow(
            (
                pk,
                _when(started),
                _when(completed),
                _when(signed),
                _cell(username),
                _cell(f"{first} {last}".strip()),
                status,
                code,
                version,
                engine,
                final,
                ("yes" if over else "no") if done else "",
                flags or "",
                "yes" if reason else "no",
            )
        )
