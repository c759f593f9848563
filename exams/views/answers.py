"""One view per kind of tap at the table; each saves through a service and answers through `tap_respond`."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams import services
from exams.assessment import exam_protocol
from exams.forms import (
    AffectedSideForm,
    FindingForm,
    PainRegionForm,
    PainRegionListForm,
    RedFlagForm,
    SymptomForm,
    form_errors_text,
)
from exams.models import Exam, Result
from exams.screens import finding_row, pain_map_build, red_flag_row, region_toggle, step_url, symptom_toggle
from exams.selectors import exam_get_for_write
from exams.views.autosave import Parts, Tap, tap_respond
from exams.views.rendering import problem_response
from exams.words import exam_words, side_word, word

PAIN_MAP = "exams/step_pain_map.html"


def _refuse(request: ClinicRequest, exam: Exam, form: Any, step: str, *names: str, prefix: str) -> HttpResponse:
    """Refuse a post of the wrong shape, beside the control its posted `names` point at (when the step has it)."""
    key = "-".join([prefix, *(request.POST.get(name) or "none" for name in names)])
    return problem_response(request, exam, DomainError("__all__", form_errors_text(form)), step=step, key=key)


def _yes_no(value: Any) -> str:
    return "not answered" if value is None else ("Yes" if value else "No")


def _marked(value: Any) -> str:
    return "marked" if value else "not marked"


def _finding_words(current: Any) -> str:
    if not current:
        return "not recorded"
    words = Result(current["result"]).label
    if current.get("familiar_pain") is not None:
        words += ", familiar pain" if current["familiar_pain"] else ", not the familiar pain"
    return words


@require_POST
def red_flag_record(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get_for_write(clinic=request.clinic, pk=pk)
    form = RedFlagForm(request.POST)
    if not form.is_valid():
        return _refuse(request, exam, form, "red_flags", "code", prefix="red-flag")
    data = form.cleaned_data
    tap = Tap(
        "red_flags",
        f"red-flag-{data['code']}",
        f"Saved: red flag answered {_yes_no(data['present'])}",
        _yes_no,
        banner=True,
    )

    def parts(context: dict[str, Any]) -> Parts:
        row = red_flag_row(context["protocol"], data["code"], context["answers"], context["notes"])
        return [("exams/step_red_flags.html#red-flag-row", {**context, "row": row})]

    return tap_respond(
        request,
        exam,
        tap,
        lambda: services.red_flag_record(
            exam=exam, code=data["code"], present=data["present"], version=data["version"], held=True
        ),
        parts,
    )


def _region_parts(region: str, side: str) -> Any:
    def parts(context: dict[str, Any]) -> Parts:
        toggle = region_toggle(region, side, context["answers"], context["notes"], exam_words(context["exam"]))
        item = {**context, "t": toggle, "oob": True}
        return [(f"{PAIN_MAP}#pain-region", {**context, "t": toggle}), (f"{PAIN_MAP}#pain-region-item", item)]

    return parts


@require_POST
def pain_region_set(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get_for_write(clinic=request.clinic, pk=pk)
    if "list" in request.POST:
        return _pain_region_list(request, exam)
    form = PainRegionForm(request.POST)
    if not form.is_valid():
        return _refuse(request, exam, form, "pain_map", "side", "region", prefix="region")
    data = form.cleaned_data
    region, side, present = data["region"], data["side"], data["present"]
    said = exam_words(exam)
    words = f"{side_word(said, side)} {word(said, 'regions', region).lower()} {_marked(present)}"
    tap = Tap("pain_map", f"region-{side}-{region}", f"Saved: {words}", _marked)
    return tap_respond(
        request,
        exam,
        tap,
        lambda: services.pain_region_set(
            exam=exam, region=region, side=side, present=present, version=data["version"], held=True
        ),
        _region_parts(region, side),
    )


def _pain_region_list(request: ClinicRequest, exam: Exam) -> HttpResponse:
    """Apply the plain checkbox list (the no-JS fallback): only the boxes that changed are written."""
    choices = [(f"{r}:{s}", f"{r}:{s}") for r in exam_protocol(exam).regions for s in ("left", "right")]
    form = PainRegionListForm(request.POST, choices=choices)
    if not form.is_valid():
        return _refuse(request, exam, form, "pain_map", prefix="")  # the list as a whole: the summary only
    version = form.cleaned_data["version"]
    for region, side, present in form.changes():
        tap = Tap("pain_map", f"region-{side}-{region}", "", _marked)
        response = tap_respond(
            request,
            exam,
            tap,
            partial(
                services.pain_region_set,
                exam=exam,
                region=region,
                side=side,
                present=present,
                version=version,
                held=True,
            ),
            _region_parts(region, side),
        )
        if response.status_code >= 400:
            return response
    return redirect(f"{step_url(exam, 'pain_map')}#pain-region-list")


@require_POST
def symptom_set(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get_for_write(clinic=request.clinic, pk=pk)
    form = SymptomForm(request.POST)
    if not form.is_valid():
        return _refuse(request, exam, form, "pain_map", "code", prefix="symptom")
    data = form.cleaned_data
    code, present = data["code"], data["present"]
    label = word(exam_words(exam), "symptoms", code)
    tap = Tap("pain_map", f"symptom-{code}", f"Saved: {label} {_marked(present)}", _marked)

    def parts(context: dict[str, Any]) -> Parts:
        toggle = symptom_toggle(code, context["answers"], context["notes"], exam_words(exam))
        return [(f"{PAIN_MAP}#symptom-toggle", {**context, "t": toggle})]

    return tap_respond(
        request,
        exam,
        tap,
        lambda: services.symptom_set(exam=exam, code=code, present=present, version=data["version"], held=True),
        parts,
    )


@require_POST
def affected_side_set(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get_for_write(clinic=request.clinic, pk=pk)
    form = AffectedSideForm(request.POST)
    if not form.is_valid():
        return _refuse(request, exam, form, "pain_map", prefix="affected-side")
    data = form.cleaned_data
    expected = data["expected"] if "expected" in request.POST else None
    side = data["side"]
    tap = Tap(
        "pain_map",
        "affected-side",
        f"Saved: affected side {side_word(exam_words(exam), side).lower() or 'cleared'}",
        lambda current: side_word(exam_words(exam), current) or "no side",
    )
    return tap_respond(
        request,
        exam,
        tap,
        lambda: services.affected_side_set(exam=exam, side=side, version=data["version"], expected=expected, held=True),
        lambda context: [
            (
                f"{PAIN_MAP}#affected-side",
                {
                    **context,
                    "pain_map": pain_map_build(exam, context["protocol"], context["answers"], context["notes"]),
                },
            )
        ],
    )


@require_POST
def finding_record(request: ClinicRequest, pk: int) -> HttpResponse:
    exam = exam_get_for_write(clinic=request.clinic, pk=pk)
    form = FindingForm(request.POST)
    spec = exam_protocol(exam).maneuvers.get(request.POST.get("maneuver", ""))
    step = spec.group if spec is not None else (exam.current_step or "red_flags")
    if not form.is_valid():
        return _refuse(request, exam, form, step, "maneuver", "side", prefix="finding")
    data = form.cleaned_data
    code, side, result = data["maneuver"], data["side"], data["result"]
    name = spec.name if spec is not None else code
    side_words = f" {side_word(exam_words(exam), side).lower()}" if side else ""
    familiar_pain = data["familiar_pain"] if result == Result.POSITIVE else None
    familiar = _finding_words({"result": result, "familiar_pain": familiar_pain})
    tap = Tap(step, f"finding-{code}-{side or 'none'}", f"Saved: {name}{side_words}: {familiar}", _finding_words)

    def parts(context: dict[str, Any]) -> Parts:
        protocol, answers, notes = context["protocol"], context["answers"], context["notes"]
        row = finding_row(exam, protocol, code, answers, notes, context["unsafe"], only_side=side)
        return [("exams/step_maneuvers.html#finding-side", {**context, "row": row, "side": row.sides[0]})]

    return tap_respond(
        request,
        exam,
        tap,
        lambda: services.finding_record(
            exam=exam,
            maneuver=code,
            side=side,
            result=result,
            familiar_pain=data["familiar_pain"],
            version=data["version"],
            held=True,
        ),
        parts,
    )
