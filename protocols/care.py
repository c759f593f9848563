"""Care content of a protocol release (letter recipients and requests, patient plans) as frozen, checked types.

Pure Python with no Django: the registry stores the parsed care file in ProtocolVersion.care and the reports read
it back through `care_from_mapping`, so a malformed release fails loudly, naming the file and the key at fault.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

RULES = ("emergency", "urgent", "otherwise")  # red-flag levels, then the fallback without a diagnosis


class CareError(ValueError):
    """A care file the reports cannot use: `filename`, `path` (dotted keys) and `problem` say why."""

    def __init__(self, filename: str, path: str, problem: str) -> None:
        self.filename = filename
        self.path = path
        self.problem = problem
        super().__init__(f"{filename}: {path or '<root>'}: {problem}")


@dataclass(frozen=True, slots=True)
class CareItem:
    """One piece of advice or one requested action, with its source keys and judgement mark."""

    text: str
    sources: tuple[str, ...]
    judgement: bool = False


@dataclass(frozen=True, slots=True)
class ReferralTarget:
    code: str
    label: str
    addressee: str


@dataclass(frozen=True, slots=True)
class Exercise:
    name: str
    dosage: str
    frequency: str


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    weeks: str
    exercises: tuple[Exercise, ...]
    progression: str


@dataclass(frozen=True, slots=True)
class Programme:
    note: str
    phases: tuple[Phase, ...]
    sources: tuple[str, ...] = ()
    judgement: bool = False


@dataclass(frozen=True, slots=True)
class ConditionCare:
    code: str
    referral_target: str
    requested_actions: tuple[CareItem, ...]
    meaning: str
    do: tuple[CareItem, ...]
    avoid: tuple[CareItem, ...]
    programme: Programme
    review_weeks: int | None  # None: the next step is a medical review, not a physiotherapy appointment
    escalation: tuple[CareItem, ...]
    red_flag_route: bool = False  # a flag suggesting this condition sends the letter to its own referral target
    urgent_line: str | None = None  # the letter's first line when a flag suggesting this condition leads


@dataclass(frozen=True, slots=True)
class Care:
    protocol_code: str
    protocol_version: str
    disclaimer: str
    programme_note: str
    referral_targets: Mapping[str, ReferralTarget]
    recipient_rules: Mapping[str, str]  # red-flag level or "otherwise" -> referral target code
    urgent_lines: Mapping[str, str]  # red-flag level -> the letter's first line
    # Red-flag code -> the words that speak to the patient on the plan and the safety-net card ("You are losing
    # weight without trying"; "... call 999"). The release's `lay_words` name the same flag to a reader about the
    # patient (the screens, the doctor's letter, the API), so each flag has one text per audience, and a care file
    # missing a flag of its release is refused when it loads.
    patient_flag_words: Mapping[str, str]
    conditions: Mapping[str, ConditionCare]


class _Reader:
    """Walk the raw mapping, raising CareError that names the file and the dotted key path."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, path: str, problem: str) -> CareError:
        return CareError(self.filename, path, problem)

    def mapping(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, "expected a mapping")
        return value

    def key(self, raw: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in raw:
            raise self.fail(f"{path}.{key}".lstrip("."), "missing key")
        return raw[key]

    def text(self, raw: Mapping[str, Any], key: str, path: str) -> str:
        value = self.key(raw, key, path)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{path}.{key}".lstrip("."), "expected non-empty text")
        return " ".join(value.split())

    def items(self, raw: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = self.key(raw, key, path)
        if not isinstance(value, list):
            raise self.fail(f"{path}.{key}", "expected a list")
        return value

    def sources(self, raw: Mapping[str, Any], path: str, known: Collection[str] | None) -> tuple[str, ...]:
        keys = raw.get("sources", [])
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise self.fail(f"{path}.sources", "expected a list of source keys")
        for k in keys:
            if known is not None and k not in known:
                raise self.fail(f"{path}.sources", f"unknown source key {k!r}")
        return tuple(keys)

    def judgement(self, raw: Mapping[str, Any], path: str) -> bool:
        value = raw.get("judgement", False)
        if not isinstance(value, bool):
            raise self.fail(f"{path}.judgement", "expected true or false")
        return value

    def care_items(
        self, raw: Mapping[str, Any], key: str, path: str, known: Collection[str] | None, *, required: bool = True
    ) -> tuple[CareItem, ...]:
        found: list[CareItem] = []
        for i, entry in enumerate(self.items(raw, key, path)):
            where = f"{path}.{key}[{i}]"
            entry = self.mapping(entry, where)
            item = CareItem(
                self.text(entry, "text", where), self.sources(entry, where, known), self.judgement(entry, where)
            )
            if not item.sources and not item.judgement:
                raise self.fail(where, "needs a source key or `judgement: true`")
            found.append(item)
        if required and not found:
            raise self.fail(f"{path}.{key}", "expected at least one item")
        return tuple(found)

    def labels(self, raw: Mapping[str, Any], path: str, expected: Collection[str] | None) -> Mapping[str, str]:
        labels = {code: self.text(raw, code, path) for code in self.mapping(raw, path)}
        for code in expected or ():
            if code not in labels:
                raise self.fail(f"{path}.{code}", "missing key")
        return MappingProxyType(labels)


def _programme_read(r: _Reader, raw: Mapping[str, Any], path: str, known: Collection[str] | None) -> Programme:
    phases: list[Phase] = []
    for i, entry in enumerate(r.items(raw, "phases", path)):
        where = f"{path}.phases[{i}]"
        entry = r.mapping(entry, where)
        exercises = []
        for j, ex in enumerate(r.items(entry, "exercises", where)):
            spot = f"{where}.exercises[{j}]"
            ex = r.mapping(ex, spot)
            exercises.append(
                Exercise(r.text(ex, "name", spot), r.text(ex, "dosage", spot), r.text(ex, "frequency", spot))
            )
        if not exercises:
            raise r.fail(f"{where}.exercises", "expected at least one exercise")
        phases.append(
            Phase(
                r.text(entry, "name", where),
                r.text(entry, "weeks", where),
                tuple(exercises),
                r.text(entry, "progression", where),
            )
        )
    return Programme(r.text(raw, "note", path), tuple(phases), r.sources(raw, path, known), r.judgement(raw, path))


def _condition_read(
    r: _Reader, code: str, raw: Any, targets: Mapping[str, ReferralTarget], known: Collection[str] | None
) -> ConditionCare:
    path = f"conditions.{code}"
    raw = r.mapping(raw, path)
    target = r.text(raw, "referral_target", path)
    if target not in targets:
        raise r.fail(f"{path}.referral_target", f"unknown referral target {target!r}")
    review = r.key(raw, "review_weeks", path)
    if review is not None and (not isinstance(review, int) or isinstance(review, bool) or review < 1):
        raise r.fail(f"{path}.review_weeks", "expected a whole number of weeks (1 or more) or null")
    programme = _programme_read(
        r, r.mapping(r.key(raw, "programme", path), f"{path}.programme"), f"{path}.programme", known
    )
    if review is not None and not programme.phases:
        raise r.fail(f"{path}.programme.phases", "a condition reviewed by physiotherapy needs a programme")
    return ConditionCare(
        code=code,
        referral_target=target,
        requested_actions=r.care_items(raw, "requested_actions", path, known),
        meaning=r.text(raw, "meaning", path),
        do=r.care_items(raw, "do", path, known),
        avoid=r.care_items(raw, "avoid", path, known),
        programme=programme,
        review_weeks=review,
        escalation=r.care_items(raw, "escalation", path, known),
        red_flag_route=_flag(r, raw, "red_flag_route", path),
        urgent_line=r.text(raw, "urgent_line", path) if "urgent_line" in raw else None,
    )


def _flag(r: _Reader, raw: Mapping[str, Any], key: str, path: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise r.fail(f"{path}.{key}", "expected true or false")
    return value


def care_from_mapping(
    data: Any,
    *,
    filename: str = "care",
    conditions: Collection[str] | None = None,
    red_flags: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    regions: Collection[str] | None = None,
    symptoms: Collection[str] | None = None,
) -> Care:
    """Check a parsed care file; given the protocol's codes, also check it covers every one of them.

    From 1.1.0 the words for regions and symptoms live in the release file and the care file has no `labels`
    section; 1.0.0's care file still has one, checked here for every region and symptom. Either way the words
    are read through protocols/words.py (`labels_for`), never from the Care.
    """
    r = _Reader(filename)
    raw = r.mapping(data, "")
    protocol = r.mapping(r.key(raw, "protocol", ""), "protocol")
    targets: dict[str, ReferralTarget] = {}
    for code, entry in r.mapping(r.key(raw, "referral_targets", ""), "referral_targets").items():
        where = f"referral_targets.{code}"
        entry = r.mapping(entry, where)
        targets[code] = ReferralTarget(code, r.text(entry, "label", where), r.text(entry, "addressee", where))
    rules = r.mapping(r.key(raw, "recipient_rules", ""), "recipient_rules")
    for level in RULES:
        if r.text(rules, level, "recipient_rules") not in targets:
            raise r.fail(f"recipient_rules.{level}", f"unknown referral target {rules[level]!r}")
    lines_raw = r.mapping(r.key(raw, "urgent_lines", ""), "urgent_lines")
    urgent_lines = {level: r.text(lines_raw, level, "urgent_lines") for level in RULES[:2]}
    flags_raw = r.mapping(r.key(raw, "red_flags", ""), "red_flags")
    words = {
        code: r.text(r.mapping(entry, f"red_flags.{code}"), "lay_words", f"red_flags.{code}")
        for code, entry in flags_raw.items()
    }
    for code in red_flags or ():
        if code not in words:
            raise r.fail(f"red_flags.{code}", "missing key")
    if "labels" in raw:  # checked here, read by protocols/words.py: the one place codes become words
        labels = r.mapping(raw["labels"], "labels")
        r.labels(r.key(labels, "regions", "labels"), "labels.regions", regions)
        r.labels(r.key(labels, "symptoms", "labels"), "labels.symptoms", symptoms)
    conditions_raw = r.mapping(r.key(raw, "conditions", ""), "conditions")
    care_by_code = {code: _condition_read(r, code, entry, targets, sources) for code, entry in conditions_raw.items()}
    for code in conditions or ():
        if code not in care_by_code:
            raise r.fail(f"conditions.{code}", "missing key")
    return Care(
        protocol_code=r.text(protocol, "code", "protocol"),
        protocol_version=str(r.key(protocol, "version", "protocol")),
        disclaimer=r.text(raw, "disclaimer", ""),
        programme_note=r.text(raw, "programme_note", ""),
        referral_targets=MappingProxyType(targets),
        recipient_rules=MappingProxyType({level: rules[level] for level in RULES}),
        urgent_lines=MappingProxyType(urgent_lines),
        patient_flag_words=MappingProxyType(words),
        conditions=MappingProxyType(care_by_code),
    )


def urgent_line_for(care: Care, *, urgent_level: str | None, condition: str | None) -> str:
    """Return a letter's first line: the leading flag's condition's own line when it has one, else the level's."""
    if urgent_level not in RULES[:2]:
        return ""
    routed = care.conditions.get(condition) if condition is not None else None
    if urgent_level == "urgent" and routed is not None and routed.urgent_line:
        return routed.urgent_line
    return care.urgent_lines[urgent_level]


def care_load(path: Path, **codes: Any) -> Care:
    """Read a care YAML file from disk and check it; errors name the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CareError(path.name, "", f"not valid YAML: {exc}") from exc
    return care_from_mapping(data, filename=path.name, **codes)


def recipient_default(care: Care, *, urgent_level: str | None, condition: str | None) -> str:
    """Pick the letter's addressee: a red flag decides first, then the working diagnosis, else the GP.

    A flag whose condition has its own route (an avulsion to the surgeon, 1.1.0) keeps that route at the urgent
    level; an emergency always goes to the emergency department.
    """
    routed = care.conditions.get(condition) if condition is not None else None
    if urgent_level == "urgent" and routed is not None and routed.red_flag_route:
        return routed.referral_target
    if urgent_level in RULES[:2]:
        return care.recipient_rules[urgent_level]
    if condition is not None and condition in care.conditions:
        return care.conditions[condition].referral_target
    return care.recipient_rules["otherwise"]
