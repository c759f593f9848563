"""Shared rendering for the exam screens: page contexts, htmx fragments and error answers."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django_htmx.http import reswap, retarget, trigger_client_event

from clinics.access import ClinicRequest
from core.errors import DomainError
from exams.assessment import exam_assess, exam_protocol
from exams.models import Exam
from exams.panel import panel_build
from exams.screens import StepLink, StepScreen, control_keys, step_links, step_screen_build
from exams.selectors import ExamAnswers, exam_answers_get

PAGE = "exams/exam_step.html"
PROGRESS = "exams/components/exam_header.html#exam-progress"  # the step buttons: done / partly / not started
STATUS_EVENT = "examStatus"
KEY = re.compile(r"[a-z0-9_-]{1,160}")  # a control's key as the screens build it (it is also a DOM id)


def is_htmx(request: ClinicRequest) -> bool:
    """Answer with a fragment only for htmx requests that are not a history restore."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def step_context(
    exam: Exam,
    step: str,
    notes: dict[str, str] | None = None,
    *,
    screen: bool = True,
    answers: ExamAnswers | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Prepare what one step screen and its fragments show, from `answers` or else read here (two queries).

    A tap passes the answers its write read under the exam's lock, so it reads no answer table twice.
    Without `screen`, only the differential and what a single control's fragment needs are prepared.
    """
    protocol = exam_protocol(exam)
    if answers is None:
        answers = exam_answers_get(exam=exam)
    assessment = exam_assess(exam, answers)
    panel = panel_build(exam, protocol, assessment)
    unsafe = {mark.maneuver: mark for mark in assessment.unsafe_tests}
    built: StepScreen | None = step_screen_build(exam, protocol, step, answers, notes, unsafe) if screen else None
    return {
        "exam": exam,
        "patient": exam.patient,
        "screen": built,
        "steps": built.steps if built else step_links(exam, protocol, step, answers, unsafe),
        "pain_map": built and built.pain_map,
        "panel": panel,
        "banner": panel.banner,
        "protocol": protocol,
        "answers": answers,
        "unsafe": unsafe,
        "notes": notes or {},
        "editable": exam.is_editable,
        "notice": "",
        "refused": "",  # the key of the control a refusal concerns (see exams/templatetags/exam_fields.py)
        "refused_focus": False,
        "oob": False,
        **extra,
    }


@lru_cache(maxsize=2048)
def _progress_html(steps: tuple[StepLink, ...], oob: bool) -> str:
    """The step buttons for these links, rendered once per process for each distinct state of them.

    Most taps leave every step's state as it was, so a tap's answer reuses the nav rendered for the last one
    (about a millisecond saved per tap, issue 19). The nav depends on nothing but its links (no request, no
    token), so every process renders the same bytes: a cache of a pure function, not state between requests.
    """
    return render_to_string(PROGRESS, {"steps": steps, "oob": oob})


def _render(request: ClinicRequest, name: str, context: dict[str, Any]) -> str:
    if name == PROGRESS:
        return _progress_html(tuple(context["steps"]), bool(context["oob"]))
    return render_to_string(name, context, request=request)


def fragments(request: ClinicRequest, parts: list[tuple[str, dict[str, Any]]]) -> str:
    """Render several partials into one htmx response: the swap target first, then out-of-band pieces."""
    return "".join(_render(request, name, context) for name, context in parts)


def status_announce(
    response: HttpResponse, message: str, *, version: int, key: str = "", state: str = "saved", **extra: Any
) -> None:
    """Tell exam.js what happened (it announces `message` in the aria-live region) and the new version.

    `extra` carries `stale` (someone else wrote since the client looked: its screen was redrawn) and, for a
    conflict, `current` (the stored answer in words), which the offline queue shows beside the tapped value.
    """
    detail = {"message": message, "version": version, "key": key, "state": state, **extra}
    trigger_client_event(response, STATUS_EVENT, detail)


def out_of_band(context: dict[str, Any], *, banner: bool) -> list[tuple[str, dict[str, Any]]]:
    """The pieces every exam answer refreshes beside its own fragment: differential, version, step progress."""
    oob = {**context, "oob": True}
    names = ["differential", "exam-version", *(["red-flag-banner"] if banner else [])]
    return [*((f"{PAGE}#{name}", oob) for name in names), (PROGRESS, oob)]


def refusal_pin(context: dict[str, Any], key: str, *, focus: bool) -> dict[str, Any]:
    """Tie a refusal to the control `key` when the screen draws it: its message beside it, marked invalid.

    `focus` (the page drawn without JavaScript) also moves the focus there; the alert at the top stays as an
    error summary linking to the message. A key the screen does not draw (a tampered post) leaves only the summary.
    """
    screen = context["screen"]
    if screen is not None and key in control_keys(screen):
        context.update(refused=key, refused_focus=focus)
    return context


def problem_response(
    request: ClinicRequest, exam: Exam, error: DomainError, *, step: str, key: str = ""
) -> HttpResponse:
    """Answer a refused write with its message beside the control `key` names (a key built from the post).

    With htmx, a fragment into the alert region and the key in the status event (exam-queue.js writes the message
    beside the control); without JS, the step page with the message beside the control and the focus on it.
    """
    key = key if KEY.fullmatch(key) else ""
    if is_htmx(request):
        response = HttpResponse(f'<p class="problem">{escape(error.message)}</p>', status=error.status)
        retarget(response, "#exam-alert")
        reswap(response, "innerHTML")
        status_announce(response, error.message, version=exam.version, key=key, state="error")
        return response
    context = step_context(exam, step, notes={key: f"⚠ {error.message}"} if key else None, notice=error.message)
    return render(request, PAGE, refusal_pin(context, key, focus=True), status=error.status)
