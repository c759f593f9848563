"""The reasoning: working diagnosis and differential as Conditions with their evidence, referrals, PDFs."""

from __future__ import annotations

from typing import Any

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
from reports.models import GeneratedDocument

EVIDENCE_KINDS = ("maneuver", "cluster", "symptom", "region", "red_flag")
PRIORITY = {"emergency": "stat", "urgent": "urgent"}


def _evidence_key(item: dict[str, Any]) -> tuple[str, tuple[str, ...] | None]:
    """Return (kind, key of the Observation that recorded it) for one evidence item of the engine."""
    kind = next((k for k in EVIDENCE_KINDS if k in item), "")
    code, side = item.get(kind, ""), item.get("side") or ""
    keys = {
        "maneuver": finding_key(code, side),
        "symptom": ("symptom", code),
        "region": ("pain_region", code, side),
        "red_flag": ("red_flag", code),
    }
    return kind, keys.get(kind)


def _evidence_line(item: dict[str, Any]) -> str:
    kind, _ = _evidence_key(item)
    where = f" ({item['side']})" if item.get("side") else ""
    counted = "" if item.get("counted", True) else ", not counted"
    source = item.get("source") or item.get("basis", "")
    return f"{item.get(kind, '?')}{where} {item.get('result') or ''}: LR {item['lr']} ({source}{counted})"


def condition_build(
    ctx: ObservationContext, entry: dict[str, Any], *, working: bool, recorded: set[tuple[str, ...]]
) -> Condition:
    """Return one differential entry: provisional when it is the working diagnosis, else `differential`."""
    codings = [coding(ctx.system, (entry["condition"], entry["label"]), ctx.protocol.version)]
    if entry.get("icd10"):
        codings.append(coding(ICD10, (entry["icd10"], entry["label"])))
    evidence = []
    for item in entry.get("supporting", []):
        kind, key = _evidence_key(item)
        if not kind:
            continue
        detail = [reference(ctx.ids.url("observation", *key))] if key in recorded else None
        code = concept(
            Coding(system=ctx.system, code=item[kind], version=ctx.protocol.version), text=_evidence_line(item)
        )
        evidence.append(ConditionEvidence(code=[code], detail=detail))
    against = "; ".join(_evidence_line(item) for item in entry.get("against", []))
    notes = [
        f"One-vs-rest probability {entry['probability']} (prior {entry['prior']}); "
        "working diagnosis for clinical decision support.",
        f"Against: {against}." if against else "",
        f"Sources: {', '.join(entry.get('evidence', []))}." if entry.get("evidence") else "",
    ]
    status = "provisional" if working else "differential"
    return Condition(
        id=ctx.ids.id("condition", entry["condition"]),
        clinicalStatus=concept(coding(CONDITION_CLINICAL, ("active", "Active"))) if working else None,
        verificationStatus=concept(coding(CONDITION_VERIFICATION, (status, status.capitalize()))),
        category=[concept(coding(CONDITION_CATEGORY, ("encounter-diagnosis", "Encounter Diagnosis")))],
        code=concept(*codings, text=entry["label"]),
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
