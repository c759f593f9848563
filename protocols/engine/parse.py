"""Turn a raw JSON mapping into an ExamInput, collecting every field error so a client fixes all in one go."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import EngineInputError, FieldError, Path
from .index import ProtocolIndex, index_get
from .types import ExamInput, Finding, PainRegion, Protocol, Result, Side

TOP_KEYS = ("age", "duration_weeks", "affected_side", "red_flags", "pain_regions", "symptoms", "findings")
WHOLE_NUMBERS = {"age": (0, 120, "years"), "duration_weeks": (0, 2600, "weeks")}
FINDING_KEYS = ("maneuver", "side", "result", "familiar_pain")
REGION_KEYS = ("region", "side")
RESULTS = tuple(r.value for r in Result)
NON_FIELD = "non_field_errors"


class _Errors:
    """Accumulate field errors in the order they are found."""

    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def add(self, path: Path, message: str) -> None:
        self.items.append(FieldError(path, message))


def _label(value: object) -> str:
    """Show a client's value in a message without echoing an unbounded (or deeply nested) blob back."""
    if isinstance(value, list | Mapping):
        return "a list" if isinstance(value, list) else "an object"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _keys_check(raw: Mapping[Any, Any], allowed: tuple[str, ...], path: Path, errors: _Errors) -> None:
    for key in raw:
        if key not in allowed:
            errors.add((*path, str(key)), "Unknown key.")


def _side_read(value: object, path: Path, errors: _Errors, *, nullable: bool) -> Side | None:
    if value is None and nullable:
        return None
    if isinstance(value, str) and value in (Side.LEFT, Side.RIGHT):
        return Side(value)
    errors.add(path, "Must be left, right or null." if nullable else "Must be left or right.")
    return None


def _codes_read(
    raw: Mapping[Any, Any], key: str, known: Mapping[str, object] | tuple[str, ...], kind: str, errors: _Errors
) -> frozenset[str]:
    """Read a list of codes; duplicates are harmless, unknown codes are named."""
    value = raw.get(key, [])
    if not isinstance(value, list):
        errors.add((key,), f"Expected a list of {kind} codes.")
        return frozenset()
    codes: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            errors.add((key,), f"Expected a {kind} code, got {_label(item)}.")
        elif item not in known:
            errors.add((key,), f"Unknown {kind} code {_label(item)}.")
        else:
            codes.add(item)
    return frozenset(codes)


def _region_read(index: ProtocolIndex, item: object, path: Path, errors: _Errors) -> PainRegion | None:
    if not isinstance(item, Mapping):
        errors.add((*path, NON_FIELD), "Expected an object with region and side.")
        return None
    before = len(errors.items)
    _keys_check(item, REGION_KEYS, path, errors)
    region = item.get("region")
    if region is None:
        errors.add((*path, "region"), "This field is required.")
    elif not isinstance(region, str) or region not in index.protocol.regions:
        errors.add((*path, "region"), f"Unknown pain region {_label(region)}.")
    side = _side_read(item.get("side"), (*path, "side"), errors, nullable=False)
    if len(errors.items) > before or side is None or not isinstance(region, str):
        return None
    return PainRegion(region, side)


def _whole_read(raw: Mapping[Any, Any], key: str, errors: _Errors) -> int | None:
    """Read an optional whole number within the contract's range (age in years, duration in weeks)."""
    value = raw.get(key)
    if value is None:
        return None
    low, high, unit = WHOLE_NUMBERS[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add((key,), f"Must be a whole number of {unit} from {low} to {high}.")
        return None
    return value


def _regions_read(index: ProtocolIndex, raw: Mapping[Any, Any], errors: _Errors) -> tuple[PainRegion, ...]:
    value = raw.get("pain_regions", [])
    if not isinstance(value, list):
        errors.add(("pain_regions",), "Expected a list of {region, side} objects.")
        return ()
    read = (_region_read(index, item, ("pain_regions", i), errors) for i, item in enumerate(value))
    regions = {r for r in read if r is not None}
    order = {code: i for i, code in enumerate(index.protocol.regions)}
    return tuple(sorted(regions, key=lambda r: (order[r.region], r.side.value)))


def _finding_read(index: ProtocolIndex, item: object, path: Path, errors: _Errors) -> Finding | None:
    if not isinstance(item, Mapping):
        errors.add((*path, NON_FIELD), "Expected an object with maneuver, result, side and familiar_pain.")
        return None
    before = len(errors.items)
    _keys_check(item, FINDING_KEYS, path, errors)
    code = item.get("maneuver")
    maneuver = index.protocol.maneuvers.get(code) if isinstance(code, str) else None
    if code is None:
        errors.add((*path, "maneuver"), "This field is required.")
    elif maneuver is None:
        errors.add((*path, "maneuver"), f"Unknown maneuver code {_label(code)}.")
    result = item.get("result")
    if result is None:
        errors.add((*path, "result"), "This field is required.")
    elif not isinstance(result, str) or result not in RESULTS:
        errors.add((*path, "result"), f"Must be one of {', '.join(RESULTS)}.")
    side = _side_read(item.get("side"), (*path, "side"), errors, nullable=True)
    if maneuver is not None and maneuver.sided and item.get("side") is None:
        errors.add((*path, "side"), f"{maneuver.code} is sided: give left or right.")
    familiar = item.get("familiar_pain")
    if familiar is not None and not isinstance(familiar, bool):
        errors.add((*path, "familiar_pain"), "Must be true, false or null.")
    if len(errors.items) > before or maneuver is None or not isinstance(result, str):
        return None
    # A side given for an unsided maneuver carries no meaning: drop it so duplicates are caught.
    return Finding(maneuver.code, Result(result), side if maneuver.sided else None, familiar)


def _findings_read(index: ProtocolIndex, raw: Mapping[Any, Any], errors: _Errors) -> tuple[Finding, ...]:
    if "findings" not in raw:
        errors.add(("findings",), "This field is required.")
        return ()
    value = raw["findings"]
    if not isinstance(value, list):
        errors.add(("findings",), "Expected a list of findings.")
        return ()
    if len(value) > index.capacity:
        errors.add(
            ("findings",),
            f"Too many findings: {len(value)} given, this protocol holds at most "
            f"{index.capacity} (two per sided maneuver, one per unsided).",
        )
        return ()
    seen: set[tuple[str, Side | None]] = set()
    findings: list[Finding] = []
    for i, item in enumerate(value):
        finding = _finding_read(index, item, ("findings", i), errors)
        if finding is None:
            continue
        key = (finding.maneuver, finding.side)
        if key in seen:
            where = f" ({finding.side.value})" if finding.side else ""
            errors.add(("findings", i, NON_FIELD), f"{finding.maneuver}{where} recorded twice.")
            continue
        seen.add(key)
        findings.append(finding)
    order = index.maneuver_order
    return tuple(sorted(findings, key=lambda f: (order[f.maneuver], f.side.value if f.side else "")))


def exam_input_parse(protocol: Protocol, raw: object) -> ExamInput:
    """Validate a raw assess request body against the protocol; raise EngineInputError naming every field."""
    errors = _Errors()
    if not isinstance(raw, Mapping):
        raise EngineInputError([FieldError((NON_FIELD,), "Expected a JSON object.")])
    index = index_get(protocol)
    _keys_check(raw, TOP_KEYS, (), errors)
    affected = _side_read(raw.get("affected_side"), ("affected_side",), errors, nullable=True)
    red_flags = _codes_read(raw, "red_flags", protocol.red_flags, "red flag", errors)
    symptoms = _codes_read(raw, "symptoms", protocol.symptoms, "symptom", errors)
    regions = _regions_read(index, raw, errors)
    findings = _findings_read(index, raw, errors)
    age, duration = _whole_read(raw, "age", errors), _whole_read(raw, "duration_weeks", errors)
    if errors.items:
        raise EngineInputError(errors.items)
    return ExamInput(findings, affected, red_flags, regions, symptoms, age, duration)
