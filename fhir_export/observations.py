"""One Observation per recorded answer: maneuver findings (exam) and red-flag answers (survey); history.py the rest."""

from __future__ import annotations

from datetime import datetime

from fhir.resources.annotation import Annotation
from fhir.resources.codeableconcept import CodeableConcept
from fhir.resources.observation import Observation, ObservationComponent

from exams.selectors import ExamAnswers
from fhir_export.codes import (
    INTERPRETATION,
    INTERPRETATIONS,
    LATERALITY,
    OBSERVATION_CATEGORY,
    SIDES,
    SNOMED,
    Ids,
    coding,
    concept,
    reference,
)
from fhir_export.codesystem import FAMILIAR_PAIN
from protocols.engine.rules import Labels
from protocols.engine.types import Protocol
from protocols.words import word


class ObservationContext:
    """What every Observation of one exam shares: subject, encounter, performer, time, the protocol's system,
    and the release's words for its codes (the same the screens and letters say)."""

    def __init__(
        self, *, ids: Ids, system: str, protocol: Protocol, words: Labels, when: datetime, performer_url: str
    ) -> None:
        self.ids, self.system, self.protocol, self.words, self.when = ids, system, protocol, words, when
        self.performer_url = performer_url

    def code(self, code: str, display: str) -> CodeableConcept:
        return concept(coding(self.system, (code, display), self.protocol.version), text=display)

    def observation(self, key: tuple[str, ...], category: str, code: CodeableConcept, **fields: object) -> Observation:
        return Observation(
            id=self.ids.id("observation", *key),
            status="final",
            category=[concept(coding(OBSERVATION_CATEGORY, (category, category.capitalize())))],
            code=code,
            subject=reference(self.ids.url("patient")),
            encounter=reference(self.ids.url("encounter")),
            effectiveDateTime=self.when,
            performer=[reference(self.performer_url)],
            **fields,
        )


def laterality(side: str) -> ObservationComponent:
    return ObservationComponent(
        code=concept(coding(SNOMED, LATERALITY)), valueCodeableConcept=concept(coding(SNOMED, SIDES[side]))
    )


def finding_key(maneuver: str, side: str) -> tuple[str, ...]:
    return ("finding", maneuver, side or "-")


def findings_build(ctx: ObservationContext, answers: ExamAnswers) -> dict[tuple[str, ...], Observation]:
    """Return each maneuver finding: the result as a protocol code, HL7 interpretation, side, familiar pain."""
    built = {}
    for (maneuver, side), row in sorted(answers.findings.items()):
        spec = ctx.protocol.maneuvers.get(maneuver)
        components = [laterality(side)] if side else []
        if row.familiar_pain is not None:
            components.append(
                ObservationComponent(code=ctx.code(FAMILIAR_PAIN[0], FAMILIAR_PAIN[1]), valueBoolean=row.familiar_pain)
            )
        interpretation = INTERPRETATIONS.get(row.result)
        key = finding_key(maneuver, side)
        built[key] = ctx.observation(
            key,
            "exam",
            ctx.code(maneuver, spec.name if spec else maneuver),
            valueCodeableConcept=ctx.code(row.result, word(ctx.words, "results", row.result)),
            interpretation=[concept(coding(INTERPRETATION, interpretation))] if interpretation else None,
            component=components or None,
            note=[Annotation(text=row.note)] if row.note else None,
        )
    return built


def red_flags_build(ctx: ObservationContext, answers: ExamAnswers) -> list[Observation]:
    """Return each red-flag screening answer, yes or no, with the question asked."""
    built = []
    for code, row in sorted(answers.red_flags.items()):
        flag = ctx.protocol.red_flags.get(code)
        code_concept = ctx.code(code, code.replace("_", " ").capitalize())
        code_concept.text = flag.question if flag else code
        built.append(ctx.observation(("red_flag", code), "survey", code_concept, valueBoolean=row.present))
    return built
