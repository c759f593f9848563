"""The answer views' locked read of one exam, as one hand-written statement instead of a compiled queryset.

Why not the ORM: every tap opens with this read, and compiling the queryset (three joined models, about 80
columns, a subquery for the release digest) cost about 3 ms of CPU per tap, a quarter of the whole tap, for a
statement that never changes (issue 19). Here the SQL and each column's converters are built once per
database connection from the models' own metadata, and the instances are made with `Model.from_db`, Django's
documented way to build a model from a row, so they behave exactly as the queryset's did: the patient and the
history are cached on the exam as `select_related` would have left them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

from exams.models import Exam, ExamHistory
from patients.models import Patient
from protocols.models import ProtocolVersion

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True, slots=True)
class _Part:
    """One model's columns in the statement: where they start, their attribute names, and their converters."""

    model: type[Model]
    start: int
    names: tuple[str, ...]
    converters: tuple[tuple[int, Field[Any, Any], tuple[Converter, ...]], ...]

    def build(self, db: BaseDatabaseWrapper, row: Sequence[Any]) -> Model:
        values = list(row[self.start : self.start + len(self.names)])
        for index, field, converters in self.converters:
            for convert in converters:
                values[index] = convert(values[index], field, db)
        return self.model.from_db(db.alias, self.names, values)


@dataclass(frozen=True, slots=True)
class _Statement:
    sql: str
    exam: _Part
    patient: _Part
    history: _Part
    digest_at: int


_STATEMENTS: WeakKeyDictionary[BaseDatabaseWrapper, _Statement] = WeakKeyDictionary()


def _part(model: type[Model], alias: str, start: int, db: BaseDatabaseWrapper) -> tuple[_Part, list[str]]:
    fields = list(model._meta.concrete_fields)
    columns = [f"{alias}.{db.ops.quote_name(f.column or f.attname)}" for f in fields]  # concrete: always a column
    converters = []
    for index, field in enumerate(fields):
        col = field.get_col(alias)
        found = tuple(db.ops.get_db_converters(col) + field.get_db_converters(db))
        if found:
            converters.append((index, field, found))
    part = _Part(model, start, tuple(f.attname for f in fields), tuple(converters))
    return part, columns


def _statement(db: BaseDatabaseWrapper) -> _Statement:
    """Build the statement for this connection's backend (its quoting, converters and row locking)."""
    q = db.ops.quote_name
    exam, exam_cols = _part(Exam, "e", 0, db)
    patient, patient_cols = _part(Patient, "p", len(exam_cols), db)
    history, history_cols = _part(ExamHistory, "h", len(exam_cols) + len(patient_cols), db)
    version = q(ProtocolVersion._meta.db_table)
    digest = (
        f"(SELECT v.{q('sha256')} FROM {version} v WHERE v.{q('code')} = e.{q('protocol_code')} "  # noqa: S608
        f"AND v.{q('version')} = e.{q('protocol_version')})"
    )
    lock = " FOR UPDATE OF e" if db.features.has_select_for_update_of else ""
    sql = (
        f"SELECT {', '.join(exam_cols + patient_cols + history_cols)}, {digest} "  # noqa: S608 - names from _meta
        f"FROM {q(Exam._meta.db_table)} e "
        f"INNER JOIN {q(Patient._meta.db_table)} p ON p.{q('id')} = e.{q('patient_id')} "
        f"LEFT OUTER JOIN {q(ExamHistory._meta.db_table)} h ON h.{q('exam_id')} = e.{q('id')} "
        f"WHERE e.{q('id')} = %s AND e.{q('clinic_id')} = %s{lock}"
    )
    return _Statement(sql, exam, patient, history, len(exam_cols) + len(patient_cols) + len(history_cols))


def exam_locked_read(*, clinic_id: int, pk: int) -> Exam | None:
    """Read and lock the clinic's exam `pk` with its patient, history and release digest; None when none.

    The caller holds the transaction: on PostgreSQL the row stays locked (FOR UPDATE OF the exam only) until it
    ends; SQLite's write transaction already excludes other writers.
    """
    if not 0 < pk < 2**63:  # beyond a bigint no row exists, and the driver would refuse the parameter
        return None
    db = connections[DEFAULT_DB_ALIAS]  # this thread's wrapper: the converters are bound to its backend
    statement = _STATEMENTS.get(db)
    if statement is None:
        statement = _STATEMENTS[db] = _statement(db)
    with db.cursor() as cursor:
        cursor.execute(statement.sql, [pk, clinic_id])
        row = cursor.fetchone()
    if row is None:
        return None
    exam = statement.exam.build(db, row)
    assert isinstance(exam, Exam)  # noqa: S101 - narrows the type; from_db builds the class it is given
    patient = statement.patient.build(db, row)
    exam._state.fields_cache["patient"] = patient
    history = statement.history.build(db, row) if row[statement.history.start] is not None else None
    if history is not None:
        history._state.fields_cache["exam"] = exam
    exam._state.fields_cache["history"] = history  # as select_related leaves it: None means no history yet
    exam.release_sha256 = row[statement.digest_at]  # type: ignore[attr-defined]
    return exam
