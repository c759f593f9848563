"""A refused tap's message sits beside its control, which is marked invalid, described by it and focused (no JS).

These are plain form posts (the page without JavaScript); the htmx path is checked for the key it hands exam.js.
"""

import json

import pytest

from exams import services
from exams.models import Finding
from tests.exams.conftest import answered_elsewhere, exam_url, htmx_post
from tests.html import by_class, by_id, elements


def _finding(exam, **overrides):
    return {"maneuver": "fair", "side": "left", "result": "positive", "version": exam.version, **overrides}


def _controls(html: str, form_id: str) -> list:
    """The answer's buttons and fields inside the form (or list item) `form_id`, in order (not a Save button)."""
    found, inside = [], False
    for element in elements(html):
        if element.attrs.get("id") == form_id:
            inside = True
        elif inside and element.tag in ("form", "li", "article") and element.attrs.get("id"):
            break
        if (
            inside
            and element.tag in ("button", "input", "textarea")
            and element.attrs.get("type") != "hidden"
            and not element.has_class("history-save")
        ):
            found.append(element)
    return found


def _assert_pinned(html: str, key: str, words: str, *, focused: str) -> None:
    """The message is beside `key`, its controls point at it and are invalid, the focus and the summary go there."""
    beside = by_id(html, f"{key}-state")
    assert words in beside.text
    assert beside.attrs["data-state"] == "error"
    controls = _controls(html, key)
    assert controls
    for control in controls:
        assert f"{key}-state" in control.attrs["aria-describedby"].split()
        assert control.attrs["aria-invalid"] == "true"
    autofocus = [e.attrs["id"] for e in elements(html) if "autofocus" in e.attrs]
    assert autofocus == [focused]  # exactly one control takes the focus: the refused one
    invalid = {e.attrs["id"] for e in elements(html) if "aria-invalid" in e.attrs}
    assert invalid == {c.attrs["id"] for c in controls} | {e.attrs["id"] for e in _list_boxes(html, key)}
    (link,) = [e for e in elements(html) if e.attrs.get("href") == f"#{key}-state"]
    assert words in link.text  # the error summary at the top links to the message beside the control
    assert words in by_id(html, "exam-alert").text


def _list_boxes(html: str, key: str) -> list:
    return [e for e in elements(html) if e.tag == "input" and e.attrs.get("data-key") == key]


def test_a_finding_of_the_wrong_shape_is_refused_beside_its_buttons(client_clinician, exam):
    response = client_clinician.post(exam_url("finding-record", exam), _finding(exam, result="maybe"))

    assert response.status_code == 400
    html = response.content.decode()
    _assert_pinned(html, "finding-fair-left", "Select a valid choice", focused="finding-fair-left-positive")
    assert "aria-invalid" not in by_id(html, "finding-fair-right").attrs  # the other side is untouched
    assert not Finding.objects.exists()


def test_a_conflict_is_said_beside_the_control_it_concerns(client_clinician, exam):
    answered_elsewhere(exam)

    response = client_clinician.post(exam_url("finding-record", exam), _finding(exam, version=1))

    assert response.status_code == 409
    _assert_pinned(
        response.content.decode(), "finding-fair-left", "It now reads: Negative", focused="finding-fair-left-positive"
    )


def test_a_history_post_of_the_wrong_shape_is_refused_beside_its_field(client_clinician, exam):
    data = {"field": "medication", "value": "x" * 5001, "version": exam.version}

    response = client_clinician.post(exam_url("history-record", exam), data)

    assert response.status_code == 400
    html = response.content.decode()
    _assert_pinned(html, "history-medication", "at most 5000 characters", focused="history-medication-input")


def test_a_history_value_the_service_refuses_is_said_beside_its_buttons(client_clinician, exam):
    services.history_record(exam=exam, changes={"pain_now": 6}, version=1)

    response = client_clinician.post(
        exam_url("history-record", exam), {"field": "pain_now", "value": "12", "version": 2}
    )

    assert response.status_code == 400
    _assert_pinned(
        response.content.decode(), "history-pain_now", "Pain now must be from 0 to 10", focused="history-pain_now-0"
    )


def test_a_red_flag_of_the_wrong_shape_is_refused_beside_its_question(client_clinician, exam):
    data = {"code": "saddle_anaesthesia", "present": "maybe", "version": exam.version}

    response = client_clinician.post(exam_url("red-flag-record", exam), data)

    assert response.status_code == 400
    html = response.content.decode()
    _assert_pinned(html, "red-flag-saddle_anaesthesia", "present", focused="red-flag-saddle_anaesthesia-yes")


def test_a_refused_region_opens_the_list_where_its_message_is(client_clinician, exam):
    data = {"region": "deep_buttock", "side": "left", "present": "perhaps", "version": exam.version}

    response = client_clinician.post(exam_url("pain-region-set", exam), data)

    assert response.status_code == 400
    html = response.content.decode()
    _assert_pinned(html, "region-left-deep_buttock", "present", focused="region-left-deep_buttock-button")
    assert "open" in by_class(html, "region-list-details", "details")[0].attrs


@pytest.mark.parametrize("maneuver", ["fiar", 'fair"]', "x" * 200])
def test_a_post_naming_no_control_on_the_step_keeps_the_message_at_the_top(client_clinician, exam, maneuver):
    response = client_clinician.post(exam_url("finding-record", exam), _finding(exam, maneuver=maneuver))

    assert response.status_code == 400
    html = response.content.decode()
    assert by_class(html, "problem", "p")
    assert not [e for e in elements(html) if "aria-invalid" in e.attrs or "autofocus" in e.attrs]
    assert not by_class(html, "error-summary")


def test_with_htmx_the_refusal_names_the_control_for_exam_js(client_clinician, exam):
    refused = htmx_post(client_clinician, exam_url("finding-record", exam), _finding(exam, result="maybe"))
    tampered = htmx_post(client_clinician, exam_url("finding-record", exam), _finding(exam, maneuver='x"]'))

    assert json.loads(refused["HX-Trigger"])["examStatus"]["key"] == "finding-fair-left"
    assert json.loads(tampered["HX-Trigger"])["examStatus"]["key"] == ""  # never a selector-breaking key


def test_an_answer_that_is_not_refused_marks_nothing(client_clinician, exam):
    html = client_clinician.get(exam_url("exam-step", exam, "deep_gluteal")).content.decode()

    assert not [e for e in elements(html) if "aria-invalid" in e.attrs or "autofocus" in e.attrs]
    assert by_id(html, "finding-fair-left-state").attrs["data-state-for"] == "finding-fair-left"
