"""Everything a step screen shows, prepared in Python so templates never query and never decide access."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from core.links import link
from exams.controls import Choice
from exams.history_screen import HistoryScreen, history_screen_build
from exams.labels import CHART_REGIONS, FRONT_REGIONS
from exams.models import Exam, Result
from exams.progress import StepState, step_states
from exams.selectors import ExamAnswers
from exams.steps import HISTORY_STEP, exam_steps
from exams.words import exam_words, side_word, word
from protocols.engine.rules import Labels, UnsafeMark
from protocols.engine.types import Maneuver, Protocol
from protocols.words import symptom_groups_for

STEP_TEMPLATES = {
    "red_flags": "exams/step_red_flags.html",
    "history": "exams/step_history.html",
    "pain_map": "exams/step_pain_map.html",
}
MANEUVER_TEMPLATE = "exams/step_maneuvers.html"
SAVED = "✓ Saved"  # an answer the server holds; exam.js shows "Saving…" or "Not saved" while a tap is pending


@dataclass(frozen=True, slots=True)
class StepLink:
    code: str
    title: str
    number: int
    url: str
    current: bool
    state: StepState = StepState.TODO  # done / partly done / not started, shown on the step button


@dataclass(slots=True)
class RedFlagRow:
    code: str
    question: str
    lay_words: str
    level: str
    present: bool | None
    choices: list[Choice]
    dom_id: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Toggle:
    """A region or symptom that is either marked or not; `on_chart` regions also get a body-chart button."""

    code: str
    side: str
    label: str
    present: bool
    dom_id: str
    key: str
    on_chart: bool = False
    note: str = ""
    short: str = ""  # the release's short word, shown beside the region's spot on the body chart
    front: bool = False  # seen from the front: a named button beside the back view

    @property
    def list_only(self) -> bool:
        """Drawn only in the checkbox list (no button on or beside the chart): the list's box takes the focus."""
        return not self.on_chart


@dataclass(frozen=True, slots=True)
class SymptomGroupRow:
    """History items shown together, as the protocol groups them, so ~30 items stay quick to scan and tap."""

    code: str
    title: str
    toggles: list[Toggle]


@dataclass(slots=True)
class PainMap:
    sides: list[tuple[str, list[Toggle]]]  # ("Left", toggles) for the checkbox list
    toggles: list[Toggle]
    symptom_groups: list[SymptomGroupRow]
    affected_side: str
    side_choices: list[Choice]
    note: str = ""

    @property
    def list_keys(self) -> set[str]:
        """The regions' keys: a refused region's message is in the checkbox list, which then opens."""
        return {t.key for t in self.toggles}


@dataclass(slots=True)
class SideResult:
    """One maneuver on one side (or unsided): the result buttons and, where it matters, familiar pain."""

    side: str
    legend: str
    result: str
    familiar_pain: bool | None
    choices: list[Choice]
    ask_familiar: bool
    familiar_choices: list[Choice]
    key: str
    affected: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnsafeNote:
    """Why a maneuver is not to be done now: the present red flags (in words) and the protocol's reason."""

    flags: list[str]
    why: str
    suspected: bool = False  # the flags are suspected (half their picture), not present


@dataclass(slots=True)
class FindingRow:
    code: str
    name: str
    position: str
    action: str
    positive: str
    provocation: bool
    sides: list[SideResult]
    dom_id: str
    unsafe: UnsafeNote | None = None
    record_url: str = ""  # where each side's form posts: reversed once per row, not twice per side


@dataclass(slots=True)
class StepScreen:
    exam: Exam
    step: StepLink
    steps: list[StepLink]
    template: str
    previous_url: str | None
    next_url: str | None
    red_flags: list[RedFlagRow] = field(default_factory=list)
    pain_map: PainMap | None = None
    findings: list[FindingRow] = field(default_factory=list)
    history: HistoryScreen | None = None


def control_keys(screen: StepScreen) -> set[str]:
    """The keys of the controls `screen` draws: a refusal named from posted values is pinned to a real one only."""
    keys = {row.dom_id for row in screen.red_flags} | {s.key for row in screen.findings for s in row.sides}
    if screen.pain_map is not None:
        groups = screen.pain_map.symptom_groups
        keys |= screen.pain_map.list_keys | {t.key for g in groups for t in g.toggles} | {"affected-side"}
    if screen.history is not None:
        keys |= {c.key for section in screen.history.sections for c in section.controls}
    return keys


def step_url(exam: Exam, code: str) -> str:
    return link("exams:exam-step", exam.pk, code)


def step_links(
    exam: Exam, protocol: Protocol, current: str, answers: ExamAnswers, unsafe: Collection[str] = ()
) -> list[StepLink]:
    titles = exam_steps(protocol)
    states = step_states(exam, protocol, answers, unsafe)
    return [
        StepLink(code, title, number, step_url(exam, code), code == current, states.get(code, StepState.TODO))
        for number, (code, title) in enumerate(titles, start=1)
    ]


def red_flag_row(
    protocol: Protocol, code: str, answers: ExamAnswers, notes: dict[str, str] | None = None
) -> RedFlagRow:
    flag = protocol.red_flags[code]
    row = answers.red_flags.get(code)
    present = None if row is None else row.present
    choices = [
        Choice("present", "yes", "Yes", "!", present is True, f"red-flag-{code}-yes"),
        Choice("present", "no", "No", "✓", present is False, f"red-flag-{code}-no"),
    ]
    dom_id = f"red-flag-{code}"
    note = (notes or {}).get(dom_id, "" if row is None else SAVED)
    return RedFlagRow(code, flag.question, flag.lay_words, flag.level.value, present, choices, dom_id, note)


def region_toggle(
    region: str, side: str, answers: ExamAnswers, notes: dict[str, str] | None = None, words: Labels | None = None
) -> Toggle:
    key = f"region-{side}-{region}"
    name = word(words, "regions", region) if words else region
    found = words.regions.get(region) if words else None
    return Toggle(
        code=region,
        side=side,
        label=f"{side_word(words, side) if words else side.capitalize()} {name[:1].lower()}{name[1:]}",
        present=(region, side) in answers.regions,
        dom_id=key,
        key=key,
        on_chart=region in CHART_REGIONS,
        note=(notes or {}).get(key, ""),
        short=found.short if found is not None else name,
        front=region in FRONT_REGIONS,
    )


def symptom_toggle(
    code: str, answers: ExamAnswers, notes: dict[str, str] | None = None, words: Labels | None = None
) -> Toggle:
    key = f"symptom-{code}"
    label = word(words, "symptoms", code) if words else code
    return Toggle(code, "", label, code in answers.symptoms, key, key, note=(notes or {}).get(key, ""))


def side_choices(affected: str, words: Labels) -> list[Choice]:
    return [Choice("side", s, side_word(words, s), "●", affected == s, f"affected-side-{s}") for s in ("left", "right")]


def pain_map_build(
    exam: Exam, protocol: Protocol, answers: ExamAnswers, notes: dict[str, str] | None = None
) -> PainMap:
    words = exam_words(exam)
    sides = [
        (side_word(words, s), [region_toggle(r, s, answers, notes, words) for r in protocol.regions])
        for s in ("left", "right")
    ]
    groups = [
        SymptomGroupRow(group.code, group.title, [symptom_toggle(c, answers, notes, words) for c in group.symptoms])
        for group in symptom_groups_for(protocol)
    ]
    return PainMap(
        sides=sides,
        toggles=[t for _, toggles in sides for t in toggles],
        symptom_groups=groups,
        affected_side=exam.affected_side,
        side_choices=side_choices(exam.affected_side, words),
        note=(notes or {}).get("affected-side", ""),
    )


def _side_result(maneuver: Maneuver, side: str, exam: Exam, answers: ExamAnswers, notes: dict[str, str]) -> SideResult:
    words = exam_words(exam)
    row = answers.findings.get((maneuver.code, side))
    result = "" if row is None else row.result
    familiar = None if row is None else row.familiar_pain
    key = f"finding-{maneuver.code}-{side or 'none'}"
    side_words = f" – {side_word(words, side).lower()} side" if side else ""
    # The release's short name is the icon ("+", "−"), so colour is never the only signal and the words are its own.
    choices = [
        Choice("result", value, found.label, found.short, result == value, f"{key}-{value}")
        for value, found in words.results.items()
    ]
    familiar_choices = [
        Choice("familiar_pain", "yes", "Yes, familiar", "✓", familiar is True, f"{key}-familiar-yes"),
        Choice("familiar_pain", "no", "No, not familiar", "✗", familiar is False, f"{key}-familiar-no"),
    ]
    return SideResult(
        side=side,
        legend=f"{maneuver.name}{side_words}",
        result=result,
        familiar_pain=familiar,
        choices=choices,
        ask_familiar=maneuver.provocation and result == Result.POSITIVE,
        familiar_choices=familiar_choices,
        key=key,
        affected=bool(side) and side == exam.affected_side,
        note=notes.get(key, "" if row is None else SAVED),
    )


def unsafe_note(protocol: Protocol, mark: UnsafeMark | None) -> UnsafeNote | None:
    if mark is None:
        return None
    flags = [protocol.red_flags[f].lay_words if f in protocol.red_flags else f for f in mark.red_flags]
    return UnsafeNote(flags=flags, why=mark.why, suspected=mark.suspected)


def finding_row(
    exam: Exam,
    protocol: Protocol,
    code: str,
    answers: ExamAnswers,
    notes: dict[str, str] | None = None,
    unsafe: Mapping[str, UnsafeMark] | None = None,
    *,
    only_side: str | None = None,
) -> FindingRow:
    """Build one maneuver's row; `notes` carries messages such as a conflict, keyed by the control's key.

    `unsafe` holds the assessment's marks: a maneuver the present red flags forbid says so on its card.
    `only_side` builds just that side, for a tap's answer, which redraws the tapped side alone.
    """
    maneuver = protocol.maneuvers[code]
    notes = notes or {}
    sides: tuple[str, ...] = ("left", "right") if maneuver.sided else ("",)
    if only_side is not None:
        sides = tuple(s for s in sides if s == only_side)
    return FindingRow(
        code=code,
        name=maneuver.name,
        position=maneuver.position,
        action=maneuver.action,
        positive=maneuver.positive,
        provocation=maneuver.provocation,
        sides=[_side_result(maneuver, s, exam, answers, notes) for s in sides],
        dom_id=f"finding-{code}",
        unsafe=unsafe_note(protocol, (unsafe or {}).get(code)),
        record_url=link("exams:finding-record", exam.pk),
    )


def step_screen_build(
    exam: Exam,
    protocol: Protocol,
    step: str,
    answers: ExamAnswers,
    notes: dict[str, str] | None = None,
    unsafe: Mapping[str, UnsafeMark] | None = None,
) -> StepScreen:
    """Prepare one step screen; `notes` attaches messages to controls by key. The summary has its own builder."""
    links = step_links(exam, protocol, step, answers, unsafe or {})
    index = next(i for i, link in enumerate(links) if link.code == step)
    screen = StepScreen(
        exam=exam,
        step=links[index],
        steps=links,
        template=STEP_TEMPLATES.get(step, MANEUVER_TEMPLATE),
        previous_url=links[index - 1].url if index > 0 else None,
        next_url=links[index + 1].url if index + 1 < len(links) else None,
    )
    if step == "red_flags":
        screen.red_flags = [red_flag_row(protocol, code, answers, notes) for code in protocol.red_flags]
    elif step == HISTORY_STEP:
        screen.history = history_screen_build(exam, answers.history, notes)
    elif step == "pain_map":
        screen.pain_map = pain_map_build(exam, protocol, answers, notes)
    else:
        maneuvers = next(s.maneuvers for s in protocol.steps if s.code == step)
        screen.findings = [finding_row(exam, protocol, code, answers, notes, unsafe) for code in maneuvers]
    return screen
