"""Small builders shared by the exam tests."""

from __future__ import annotations

from exams.models import Exam, RedFlagAnswer
from protocols.models import ProtocolVersion
from protocols.registry import protocol_current

# Every screen of the shipped protocol's exam, in order; the summary closes it.
STEPS = [
    "red_flags",
    "history",
    "pain_map",
    "sij_provocation",
    "deep_gluteal",
    "hamstring",
    "ischiofemoral",
    "gluteal_tendon",
    "neural_tension",
    "palpation",
    "summary",
]


def red_flags_answer_all(exam: Exam, *, present: set[str] = frozenset()) -> None:
    """Answer every red-flag question directly in the database (no for all, yes for `present`)."""
    for code in protocol_current().red_flags:
        RedFlagAnswer.objects.update_or_create(exam=exam, code=code, defaults={"present": code in present})


def release_add(version: str) -> ProtocolVersion:
    """Store a later release of the shipped protocol, as a new protocol file would."""
    shipped = ProtocolVersion.objects.get(code="buttock-pain", version="1.0.0")
    return ProtocolVersion.objects.create(
        code="buttock-pain",
        version=version,
        title=shipped.title,
        definition={**shipped.definition, "version": version},
        care=shipped.care,
        sha256=f"test-{version}",
    )
