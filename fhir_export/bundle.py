"""Assemble one exam's FHIR Bundle: `document` (led by a Composition) once signed, `collection` before.

Every query of the export happens here; the builders in the sibling modules only shape what they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.html import escape
from fhir.resources.bundle import Bundle, BundleEntry
from fhir.resources.composition import Composition, CompositionAttester, CompositionSection
from fhir.resources.encounter import Encounter, EncounterDiagnosis, EncounterParticipant
from fhir.resources.identifier import Identifier
from fhir.resources.narrative import Narrative
from fhir.resources.period import Period
from fhir.resources.resource import Resource

from exams.assessment import exam_age, exam_assessment, exam_duration_weeks
from exams.models import Exam, Status
from exams.selectors import addendum_list, exam_answers_get
from fhir_export.codes import ACT_CODE, CONSULT_NOTE, LOINC, Ids, coding, concept, reference
from fhir_export.codesystem import codesystem_url
from fhir_export.diagnosis import condition_build, document_reference_build, referral_build
from fhir_export.history import HistoryFacts, history_build
from fhir_export.observations import ObservationContext, findings_build, red_flags_build
from fhir_export.people import gp_practice_build, organization_build, patient_build, practitioner_build
from reports.knowledge import knowledge_full
from reports.models import DocumentKind, GeneratedDocument

ENCOUNTER_STATUS = {Status.IN_PROGRESS: "in-progress", Status.COMPLETED: "finished", Status.SIGNED: "finished"}


class _Entries:
    """The Bundle's entries in order, each under its urn:uuid fullUrl."""

    def __init__(self) -> None:
        self.entries: list[BundleEntry] = []

    def add(self, resource: Resource) -> str:
        url = f"urn:uuid:{resource.id}"
        self.entries.append(BundleEntry(fullUrl=url, resource=resource))
        return url

    def add_all(self, resources: list[Any]) -> list[str]:
        return [self.add(resource) for resource in resources]


def _narrative(text: str) -> Narrative:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return Narrative(status="generated", div=f'<div xmlns="http://www.w3.org/1999/xhtml">{paragraphs}</div>')


def _section(title: str, urls: list[str], text: str = "") -> CompositionSection | None:
    if not urls and not text:
        return None
    return CompositionSection(
        title=title, entry=[reference(u) for u in urls] or None, text=_narrative(text) if text else None
    )


def exam_bundle_build(exam: Exam, *, base: str, document_url: Callable[[int], str]) -> Bundle:
    """Return the exam as a FHIR R4 Bundle; `base` roots canonical URLs, `document_url` locates each PDF."""
    ids = Ids(f"{base}exam/{exam.pk}")
    protocol, care, _, words = knowledge_full(exam.protocol_code, exam.protocol_version)
    answers = exam_answers_get(exam=exam)
    assessment = exam_assessment(exam, answers)  # the record read back once completed, else a live one
    documents = list(
        GeneratedDocument.objects.filter(exam=exam).select_related("generated_by__membership").defer("content")
    )
    people = {exam.clinician.pk: exam.clinician}
    for user in [exam.signed_by, *(d.generated_by for d in documents)]:
        if user is not None:
            people.setdefault(user.pk, user)
    entries = _Entries()
    # The Composition goes first in a document; its place is kept and filled in once every entry is known.
    patient, clinic = exam.patient, exam.clinic
    gp = gp_practice_build(patient, ids)
    entries.add(patient_build(patient, clinic, ids, f"urn:uuid:{gp.id}" if gp else None))
    entries.add(organization_build(clinic, ids))
    if gp is not None:
        entries.add(gp)
    practitioner_urls = {pk: entries.add(practitioner_build(user, ids)) for pk, user in people.items()}
    when = exam.completed_at or exam.started_at
    ctx = ObservationContext(
        ids=ids,
        system=codesystem_url(base, protocol.code),
        protocol=protocol,
        words=words,
        when=when,
        performer_url=practitioner_urls[exam.clinician.pk],
    )
    encounter_index = len(entries.entries)
    red_flag_urls = entries.add_all(red_flags_build(ctx, answers))
    facts = HistoryFacts(age=exam_age(exam), duration_weeks=exam_duration_weeks(exam, answers.history))
    history_urls = entries.add_all(history_build(ctx, answers, facts))
    findings = findings_build(ctx, answers)
    finding_urls = entries.add_all(list(findings.values()))
    recorded = set(findings) | {("red_flag", c) for c in answers.red_flags} | {("symptom", c) for c in answers.symptoms}
    recorded |= {("pain_region", r, s) for r, s in answers.regions}

    urgent = assessment.urgent_referral
    working = exam.final_diagnosis or (urgent.condition if urgent else None) or assessment.working_diagnosis
    conditions = {
        e.condition: condition_build(
            ctx,
            e,
            words=words,
            working=e.condition == working,
            flagged=e.condition in assessment.flagged,
            recorded=recorded,
        )
        for e in assessment.differential
    }
    condition_urls = entries.add_all(list(conditions.values()))
    working_url = f"urn:uuid:{conditions[working].id}" if working in conditions else None

    document_urls = {}
    for document in documents:
        author = practitioner_urls[document.generated_by_id]
        built = document_reference_build(ctx, document, download_url=document_url(document.pk), author_url=author)
        document_urls[document.pk] = entries.add(built)
    level = urgent.level.value if urgent else None
    referrals = []
    for document in documents:
        if document.kind == DocumentKind.REFERRAL_LETTER:
            target = care.referral_targets.get(document.recipient)
            what = f"Referral to {target.label}" if target else f"Referral ({document.recipient})"
            referrals.append(
                referral_build(
                    ctx,
                    key=document.recipient,
                    what=what,
                    level=level,
                    reason_url=working_url,
                    letter_url=document_urls[document.pk],
                )
            )
    if urgent and not referrals:
        referrals.append(
            referral_build(
                ctx, key="urgent", what=urgent.referral, level=level, reason_url=working_url, letter_url=None
            )
        )
    referral_urls = entries.add_all(list({r.id: r for r in referrals}.values()))

    encounter = Encounter(
        id=ids.id("encounter"),
        status=ENCOUNTER_STATUS[Status(exam.status)],
        class_fhir=coding(ACT_CODE, ("AMB", "ambulatory")),
        subject=reference(ids.url("patient")),
        participant=[EncounterParticipant(individual=reference(practitioner_urls[exam.clinician.pk]))],
        period=Period(start=exam.started_at, end=exam.completed_at),
        diagnosis=[EncounterDiagnosis(condition=reference(working_url), rank=1)] if working_url else None,
        serviceProvider=reference(ids.url("organization")),
    )
    entries.entries.insert(encounter_index, BundleEntry(fullUrl=ids.url("encounter"), resource=encounter))

    if exam.status != Status.SIGNED:
        return Bundle(id=ids.id("bundle"), type="collection", timestamp=timezone.now(), entry=entries.entries)
    addenda = "\n".join(f"{a.created_at:%Y-%m-%d %H:%M}: {a.text}" for a in addendum_list(exam=exam))
    sections = [
        _section("Red-flag screen", red_flag_urls),
        _section("History", history_urls),
        _section("Examination findings", finding_urls),
        _section("Working diagnosis and differential", condition_urls, protocol.disclaimer),
        _section("Referral", referral_urls),
        _section("Letters and plans", list(document_urls.values())),
        _section("Addenda", [], addenda),
    ]
    signer = exam.signed_by or exam.clinician
    composition = Composition(
        id=ids.id("composition"),
        status="final",
        type=concept(coding(LOINC, CONSULT_NOTE)),
        subject=reference(ids.url("patient")),
        encounter=reference(ids.url("encounter")),
        date=exam.signed_at,
        author=[reference(practitioner_urls[exam.clinician.pk])],
        title=f"{protocol.title}: examination",
        attester=[
            CompositionAttester(mode="legal", time=exam.signed_at, party=reference(practitioner_urls[signer.pk]))
        ],
        custodian=reference(ids.url("organization")),
        section=[s for s in sections if s is not None],
    )
    entries.entries.insert(0, BundleEntry(fullUrl=ids.url("composition"), resource=composition))
    return Bundle(
        id=ids.id("bundle"),
        identifier=Identifier(system="urn:ietf:rfc:3986", value=ids.url("bundle")),
        type="document",
        timestamp=exam.signed_at,
        entry=entries.entries,
    )
