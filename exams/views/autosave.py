"""The autosave answer: the tapped control's fragment plus the live differential, or a conflict, or a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django_htmx.http import reswap, retarget

from clinics.access import ClinicRequest
from core.errors import ConflictError, DomainError, ReadOnlyError
from exams.models import Exam
from exams.screens import SAVED, step_url
from exams.services import AnswerSaved
from exams.views.rendering import (
    PAGE,
    fragments,
    is_htmx,
    out_of_band,
    problem_response,
    refusal_pin,
    status_announce,
    step_context,
)

Parts = list[tuple[str, dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Tap:
    """One answer post: the screen it belongs to, the control's key (= its DOM id) and what to announce."""

    step: str
    key: str
    message: str
    describe: Callable[[Any], str]  # words for the current value named in a conflict
    banner: bool = False  # red-flag answers also refresh the banner


def tap_respond(
    request: ClinicRequest,
    exam: Exam,
    tap: Tap,
    save: Callable[[], AnswerSaved],
    parts: Callable[[dict[str, Any]], Parts],
) -> HttpResponse:
    """Run one save and answer it: fragment + out-of-band differential for htmx, a redirect without JS."""
    try:
        saved = save()
    except ConflictError as error:
        current = tap.describe(error.current)
        note = f"{error.message} It now reads: {current}."
        return _redraw(request, exam, tap, note=note, status=error.status, state="conflict", current=current)
    except ReadOnlyError as error:
        return _redraw(request, exam, tap, note=error.message, status=error.status, state="error")
    except DomainError as error:
        return problem_response(request, exam, error, step=tap.step, key=tap.key)
    if not is_htmx(request):
        return redirect(f"{step_url(exam, tap.step)}#{tap.key}")
    notes = {tap.key: SAVED}
    stale = saved.others_wrote  # another tablet wrote since this one looked: redraw the whole step
    context = step_context(exam, tap.step, notes=notes, screen=stale, answers=saved.answers)
    body = [(f"{PAGE}#step-body", context)] if stale else parts(context)
    response = HttpResponse(fragments(request, body + out_of_band(context, banner=tap.banner or stale)))
    if stale:
        retarget(response, "#step-body")
        reswap(response, "outerHTML")
    message = tap.message if saved.changed else f"Already saved: {tap.message.removeprefix('Saved: ')}"
    status_announce(response, message, version=exam.version, key=tap.key, stale=stale)
    return response


def _redraw(
    request: ClinicRequest, exam: Exam, tap: Tap, *, note: str, status: int, state: str, current: str = ""
) -> HttpResponse:
    """Refuse the tap and redraw the step as it now stands: someone else's value, or a finished exam."""
    exam.refresh_from_db(fields=["version", "affected_side", "status", "current_step"])
    context = step_context(exam, tap.step, notes={tap.key: f"⚠ {note}"}, notice=note)
    if state == "conflict":  # a conflict concerns the tapped control; a finished exam concerns them all
        refusal_pin(context, tap.key, focus=not is_htmx(request))
    if not is_htmx(request):
        return render(request, PAGE, context, status=status)
    body = [
        (f"{PAGE}#step-body", context),
        *out_of_band(context, banner=True),
        (f"{PAGE}#exam-alert", {**context, "oob": True}),
    ]
    response = HttpResponse(fragments(request, body), status=status)
    retarget(response, "#step-body")
    reswap(response, "outerHTML")
    status_announce(response, note, version=exam.version, key=tap.key, state=state, current=current, stale=True)
    return response
