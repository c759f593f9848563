"""The history as Observations (category survey): age and time since onset, each history field, symptom and region.

Age and time since onset are what the engine read (computed for the exam date); the fields follow as they were
recorded, each value in the FHIR type its kind calls for. Every item carries the protocol's own code, and a
LOINC code beside it where a well-known one exists (codes.HISTORY_LOINC).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fhir.resources.codeableconcept import CodeableConcept
from fhir.resources.observation import Observation
from fhir.resources.quantity import Quantity

from exams.history import FIELDS, Kind
from exams.models import ExamHistory
from exams.selectors import ExamAnswers
from fhir_export.codes import (
    HISTORY_LOINC,
    LOINC,
    PAIN,
    REGION_SITES,
    SNOMED,
    UCUM,
    WEEKS,
    YEARS,
    coding,
    concept,
    reference,
)
from fhir_export.codesystem import HISTORY_ITEMS, ONSET_KINDS
from fhir_export.observations import ObservationContext, laterality
from protocols.words import word


@dataclass(frozen=True, slots=True)
class HistoryFacts:
    """What the engine read from the record, for the exam date: age in whole years, whole weeks since onset."""

    age: int | None
    duration_weeks: int | None


def _quantity(value: int, unit: tuple[str, str]) -> Quantity:
    return Quantity(value=value, unit=unit[0], system=UCUM, code=unit[1])


def _item_code(ctx: ObservationContext, name: str) -> CodeableConcept:
    display = HISTORY_ITEMS[name][0]
    codings = [coding(ctx.system, (name, display), ctx.protocol.version)]
    if name in HISTORY_LOINC:
        codings.append(coding(LOINC, HISTORY_LOINC[name]))
    return concept(*codings, text=display)


def _value(ctx: ObservationContext, kind: Kind, value: Any) -> dict[str, Any]:
    """Return the Observation's value[x] for one recorded field, in the type its kind calls for."""
    if kind is Kind.CHOICE:
        return {"valueCodeableConcept": ctx.code(value, ONSET_KINDS.get(value, value))}
    if kind is Kind.SCORE:
        return {"valueInteger": value}
    if kind is Kind.WEEKS:
        return {"valueQuantity": _quantity(value, WEEKS)}
    if kind is Kind.DATE:
        return {"valueDateTime": value}
    return {"valueString": value}


def _item(ctx: ObservationContext, name: str, **fields: Any) -> Observation:
    return ctx.observation(("history", name), "survey", _item_code(ctx, name), **fields)


def history_items_build(ctx: ObservationContext, history: ExamHistory | None, facts: HistoryFacts) -> list[Observation]:
    """Return age at the exam, time since onset (derived from the onset field it was read from), then each field."""
    recorded = {
        name: value
        for name in FIELDS
        if history is not None and (value := getattr(history, name)) is not None and value != ""
    }
    built = []
    if facts.age is not None:
        built.append(_item(ctx, "age", valueQuantity=_quantity(facts.age, YEARS)))
    if facts.duration_weeks is not None:
        source = next((n for n in ("onset_date", "onset_weeks") if n in recorded), None)
        derived = [reference(ctx.ids.url("observation", "history", source))] if source else None
        weeks = _quantity(facts.duration_weeks, WEEKS)
        built.append(_item(ctx, "duration_weeks", valueQuantity=weeks, derivedFrom=derived))
    built += [_item(ctx, name, **_value(ctx, FIELDS[name].kind, value)) for name, value in recorded.items()]
    return built


def history_build(ctx: ObservationContext, answers: ExamAnswers, facts: HistoryFacts) -> list[Observation]:
    """Return the whole history: the items above, each symptom reported, each pain-map region with site and side."""
    built = history_items_build(ctx, answers.history, facts)
    built += [
        ctx.observation(
            ("symptom", code), "survey", ctx.code(code, word(ctx.words, "symptoms", code)), valueBoolean=True
        )
        for code in sorted(answers.symptoms)
    ]
    for region, side in sorted(answers.regions):
        site = [coding(SNOMED, REGION_SITES[region])] if region in REGION_SITES else []
        label = word(ctx.words, "regions", region)
        body_site = concept(coding(ctx.system, (region, label), ctx.protocol.version), *site, text=label)
        built.append(
            ctx.observation(
                ("pain_region", region, side),
                "survey",
                concept(coding(SNOMED, PAIN), text="Pain"),
                bodySite=body_site,
                valueBoolean=True,
                component=[laterality(side)],
            )
        )
    return built
