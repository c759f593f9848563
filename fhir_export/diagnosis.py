"""The reasoning: working diagnosis and differential as Conditions with their evidence, referrals, PDFs."""

from __future__ import annotations

from fhir.resources.annotation import Annotation
from fhir.resources.attachment import Attachment
from fhir.resources.coding import Coding
from fhir.resources.condition import Condition, ConditionEvidence
from fhir.resources.documentreference import DocumentReference, DocumentReferenceContent, DocumentReferenceContext
from fhir.resources.servicerequest import ServiceRequest

from fhir_export.codes import (
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_VERIFICATION,
    DOCUMENT_TYPES,
    ICD10,
    LOINC,
    PATIENT_REFERRAL,
    SNOMED,
    coding,
    concept,
    reference,
)
from fhir_export.observations import ObservationContext, finding_key
from protocols.engine.rules import Labels
from protocols.engine.serialize import probability_display
from protocols.engine.types import DifferentialEntry, EvidenceItem
from protocols.words import evidence_words
from reports.models import GeneratedDocument

# The kinds an Observation or the CodeSystem names; age items and absent regions have no code of their own there.
EVIDENCE_KINDS = ("maneuver", "cluster", "symptom", "region", "red_flag")

PRIORITY = {"emergency": "stat", "urgent": "urgent"}
RED_FLAG_NOTE = "Placed first by a red flag: a referral, not odds"


def _evidence_key(item: EvidenceItem) -> tuple[str, ...] | None:
    """Return the key of the Observation that recorded one evidence item, or None when none records it."""
    side = item.side.value if item.side else ""
    keys = {
        "maneuver": finding_key(item.code, side),
        "symptom": ("symptom", item.code),
        "region": ("pain_region", item.code, side),
        "red_flag": ("red_flag", item.code),
    }
    return keys.get(item.kind)


def _evidence_line(ctx: ObservationContext, words: Labels, item: EvidenceItem) -> str:
    """Say one item as the screens and letters do (`evidence_words`), then its weight and where it comes from."""
    counted = "" if item.counted else ", not counted"
    source = item.source or item.basis.value
    return f"{evidence_words(ctx.protocol, words, item).text}: LR {round(item.lr, 3)} ({source}{counted})"


def condition_build(
    ctx: ObservationContext,
    entry: DifferentialEntry,
    *,
    words: Labels,
    working: bool,
    flagged: bool,
    recorded: set[tuple[str, ...]],
) -> Condition:
    """Return one differential entry: provisional when it is the working diagnosis, else `differential`."""
    codings = [coding(ctx.system, (entry.condition, entry.label), ctx.protocol.version)]
    if entry.icd10:
        codings.append(coding(ICD10, (entry.icd10, entry.label)))
    evidence = []
    for item in entry.supporting:
        if item.kind not in EVIDENCE_KINDS:
            continue
        key = _evidence_key(item)
        detail = [reference(ctx.ids.url("observation", *key))] if key in recorded else None
        code = concept(
            Coding(system=ctx.system, code=item.code, version=ctx.protocol.version),
            text=_evidence_line(ctx, words, item),
        )
        evidence.append(ConditionEvidence(code=[code], detail=detail))
    against = "; ".join(_evidence_line(ctx, words, item) for item in entry.against)
    odds = RED_FLAG_NOTE if flagged else f"One-vs-rest probability {probability_display(entry.probability)}"
    notes = [
        f"{odds} (prior {entry.prior}); working diagnosis for clinical decision support.",
        f"Against: {against}." if against else "",
        f"Sources: {', '.join(entry.evidence)}." if entry.evidence else "",
    ]
    status = "provisional" if working else "differential"
    return Condition(
        id=ctx.ids.id("condition", entry.condition),
        clinicalStatus=concept(coding(CONDITION_CLINICAL, ("active", "Active"))) if working else None,
        verificationStatus=concept(coding(CONDITION_VERIFICATION, (status, status.capitalize()))),
        category=[concept(coding(CONDITION_CATEGORY, ("encounter-diagnosis", "Encounter Diagnosis")))],
        code=concept(*codings, text=entry.label),
        subject=reference(ctx.ids.url("patient")),
        encounter=reference(ctx.ids.url("encounter")),
        recordedDate=ctx.when,
        recorder=reference(ctx.performer_url),
        evidence=evidence or None,
        note=[Annotation(text=text) for text in notes if text],
    )


def referral_build(
    ctx: ObservationContext,
    *,
    key: str,
    what: str,
    level: str | None,
    reason_url: str | None,
    letter_url: str | None,
) -> ServiceRequest:
    """Return a referral: to whom and why, its priority from the red-flag level, and the letter sent with it."""
    return ServiceRequest(
        id=ctx.ids.id("referral", key),
        status="active",
        intent="order",
        priority=PRIORITY.get(level or "", "routine"),
        category=[concept(coding(SNOMED, PATIENT_REFERRAL))],
        code=concept(text=what),
        subject=reference(ctx.ids.url("patient")),
        encounter=reference(ctx.ids.url("encounter")),
        authoredOn=ctx.when,
        requester=reference(ctx.performer_url),
        reasonReference=[reference(reason_url)] if reason_url else None,
        supportingInfo=[reference(letter_url)] if letter_url else None,
    )


def document_reference_build(
    ctx: ObservationContext, document: GeneratedDocument, *, download_url: str, author_url: str
) -> DocumentReference:
    """Return one stored PDF: what it is, who made it, and where to download the exact bytes that were sent."""
    return DocumentReference(
        id=ctx.ids.id("document", document.pk),
        status="current",
        docStatus="final",
        type=concept(coding(LOINC, DOCUMENT_TYPES[document.kind]), text=document.get_kind_display()),
        subject=reference(ctx.ids.url("patient")),
        date=document.generated_at,
        author=[reference(author_url)],
        custodian=reference(ctx.ids.url("organization")),
        description=f"{document.get_kind_display()} v{document.number} (exam version {document.exam_version})",
        content=[
            DocumentReferenceContent(
                attachment=Attachment(
                    contentType="application/pdf",
                    url=download_url,
                    size=document.size,
                    title=document.filename,
                    creation=document.generated_at,
                )
            )
        ],
        context=DocumentReferenceContext(encounter=[reference(ctx.ids.url("encounter"))]),
    )
