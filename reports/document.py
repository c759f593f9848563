"""The printed content of a letter or plan as frozen dataclasses: a snapshot nothing can change mid-render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protocols.care import ConditionCare
from reports.history import HistoryRow


@dataclass(frozen=True, slots=True)
class Advice:
    """A care item ready to print: its text, short citations and whether it is judgement."""

    text: str
    citations: tuple[str, ...]
    judgement: bool


@dataclass(frozen=True, slots=True)
class ClinicHeader:
    name: str
    address_lines: tuple[str, ...]
    phone: str
    email: str
    logo_url: str | None  # file:// URL under MEDIA_ROOT, served by the PDF fetcher
    paper_size: str


@dataclass(frozen=True, slots=True)
class PatientIdentity:
    name: str
    date_of_birth: dt.date
    identifier: str
    sex: str
    national_id: str = ""
    national_id_label: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class Recipient:
    code: str
    label: str
    addressee: str
    address_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signer:
    """Who wrote the letter, as a recipient needs it to reply or check registration."""

    name: str
    profession: str
    registration: str


@dataclass(frozen=True, slots=True)
class ScreenFlag:
    words: str  # the protocol's lay words
    level: str
    route: str
    why: str


@dataclass(frozen=True, slots=True)
class RedFlagScreen:
    status: str  # "positive", "negative" (every question asked, none yes) or "incomplete"
    asked: int
    total: int
    flags: tuple[ScreenFlag, ...]
    screened: tuple[str, ...] = ()  # the conditions the release's flags look for, whose questions were all asked
    unasked: tuple[str, ...] = ()  # the lay words of the questions not asked


@dataclass(frozen=True, slots=True)
class FindingLine:
    what: str
    why: str


@dataclass(frozen=True, slots=True)
class DifferentialRow:
    label: str
    percent: str
    words: str


@dataclass(frozen=True, slots=True)
class RequestBlock:
    """What the letter asks: `asks` of this recipient; `onward` lists a named service's options to consider."""

    role: str
    asks: tuple[Advice, ...]
    onward_label: str
    onward: tuple[Advice, ...]


@dataclass(frozen=True, slots=True)
class PlanExercise:
    name: str
    dosage: str
    frequency: str
    steps: tuple[str, ...]
    feel: str
    progress: str
    stop: str
    judgement: bool


@dataclass(frozen=True, slots=True)
class PlanPhase:
    name: str
    weeks: str
    exercises: tuple[PlanExercise, ...]
    progression: str


@dataclass(frozen=True, slots=True)
class FlagRow:
    code: str
    label: str
    referral: str
    level: str


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One recorded test in the release's words (`side` is "" for a test without sides); `positive` and
    `familiar_pain` are the answers themselves, so no builder compares printed words."""

    maneuver: str
    side: str
    result: str
    positive: bool
    familiar_pain: bool | None


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    what: str
    side: str
    result: str
    lr: float
    basis: str
    source: str


@dataclass(frozen=True, slots=True)
class Reference:
    short: str
    citation: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    code: str
    label: str
    icd10: str | None
    probability: float | None
    supporting: tuple[EvidenceRow, ...]
    citations: tuple[str, ...]
    engine_label: str | None  # set only when the clinician's final diagnosis differs from the engine's
    override_reason: str


@dataclass(frozen=True, slots=True)
class AddendumRow:
    author: str
    written_at: dt.datetime
    text: str


@dataclass(frozen=True, slots=True)
class DocumentContext:
    kind: str
    title: str
    generated_on: dt.date
    clinic: ClinicHeader
    patient: PatientIdentity
    exam_version: int
    exam_date: dt.date
    signed_at: dt.datetime | None
    signed_by: str
    clinician: str
    signer: Signer
    recipient: Recipient | None
    copy_to_patient: bool
    screen: RedFlagScreen
    history: tuple[HistoryRow, ...]
    positives: tuple[FindingLine, ...]
    negatives: tuple[FindingLine, ...]
    differential: tuple[DifferentialRow, ...]
    request: RequestBlock | None
    meanwhile: tuple[str, ...]
    phases: tuple[PlanPhase, ...]
    review_date: dt.date | None
    urgent_level: str | None
    urgent_line: str
    red_flags: tuple[FlagRow, ...]
    regions: tuple[tuple[str, str], ...]  # (region label, sides)
    symptoms: tuple[str, ...]
    findings: tuple[FindingRow, ...]
    diagnosis: Diagnosis | None
    references: tuple[Reference, ...]
    care: ConditionCare | None
    do: tuple[Advice, ...]
    avoid: tuple[Advice, ...]
    escalation: tuple[Advice, ...]
    emergency_words: tuple[str, ...]
    urgent_words: tuple[str, ...]
    addenda: tuple[AddendumRow, ...]
    disclaimer: str
    programme_note: str
    probability: str  # the working diagnosis's estimate in words and whole per cent, or ""


@dataclass(frozen=True, slots=True)
class CardContext:
    """The safety-net card printed on its own: the clinic's letterhead and the release's lay warning signs."""

    kind: str
    title: str
    generated_on: dt.date
    clinic: ClinicHeader
    clinician: str
    emergency_words: tuple[str, ...]
    urgent_words: tuple[str, ...]
    patient: None = None
