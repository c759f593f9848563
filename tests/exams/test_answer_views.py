import pytest

from exams.models import PainRegionMark, RedFlagAnswer, SymptomMark
from tests.exams.conftest import exam_url, htmx_post

ENDPOINTS = [
    ("red-flag-record", {"code": "saddle_anaesthesia", "present": "no", "version": 1}),
    ("pain-region-set", {"region": "deep_buttock", "side": "left", "present": "yes", "version": 1}),
    ("symptom-set", {"code": "worse_sitting", "present": "yes", "version": 1}),
    ("affected-side-set", {"side": "right", "expected": "left", "version": 1}),
    ("finding-record", {"maneuver": "slump", "side": "left", "result": "negative", "version": 1}),
    ("history-record", {"field": "pain_now", "value": "6", "version": 1}),
]


@pytest.mark.parametrize(("name", "data"), ENDPOINTS)
def test_outsider_gets_404_on_every_answer_endpoint(client_outsider, exam, name, data):
    assert htmx_post(client_outsider, exam_url(name, exam), data).status_code == 404
    exam.refresh_from_db()
    assert exam.version == 1


@pytest.mark.parametrize(("name", "data"), ENDPOINTS)
def test_anonymous_is_sent_to_sign_in_on_every_answer_endpoint(client, exam, name, data):
    assert client.post(exam_url(name, exam), data).status_code == 302
    exam.refresh_from_db()
    assert exam.version == 1


@pytest.mark.parametrize(("name", "data"), ENDPOINTS)
def test_every_answer_endpoint_saves_and_bumps_the_version(client_clinician, exam, name, data):
    response = htmx_post(client_clinician, exam_url(name, exam), data)

    assert response.status_code == 200
    exam.refresh_from_db()
    assert exam.version == 2


@pytest.mark.parametrize(("name", "data"), ENDPOINTS)
def test_tampered_post_is_400_never_500(client_clinician, exam, name, data):
    tampered = dict.fromkeys(data, "\x00<script>")

    assert htmx_post(client_clinician, exam_url(name, exam), tampered).status_code == 400
    assert client_clinician.post(exam_url(name, exam), {}).status_code == 400


def test_yes_to_a_red_flag_shows_the_unmissable_banner(client_clinician, exam):
    response = htmx_post(
        client_clinician,
        exam_url("red-flag-record", exam),
        {"code": "saddle_anaesthesia", "present": "yes", "version": 1},
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<li id="red-flag-saddle_anaesthesia" class="red-flag is-present"')
    assert '<div id="red-flag-banner" hx-swap-oob="true">' in html
    assert '<div class="banner banner-emergency" role="alert">' in html
    assert "Emergency referral advised" in html
    assert "Emergency department today" in html


def test_banner_stays_on_later_steps(client_clinician, exam):
    RedFlagAnswer.objects.create(exam=exam, code="history_of_cancer", present=True)

    html = client_clinician.get(exam_url("exam-step", exam, "palpation")).content.decode()

    assert '<div class="banner banner-urgent" role="alert">' in html
    assert "Urgent referral advised" in html


def test_no_to_every_red_flag_shows_no_banner(client_clinician, exam):
    RedFlagAnswer.objects.create(exam=exam, code="history_of_cancer", present=False)

    html = client_clinician.get(exam_url("exam-step", exam, "red_flags")).content.decode()

    assert 'role="alert">' not in html.replace('id="exam-alert" class="exam-alert" role="alert">', "")


def test_region_tap_swaps_the_chart_button_and_its_checkbox(client_clinician, exam):
    response = htmx_post(
        client_clinician,
        exam_url("pain-region-set", exam),
        {"region": "deep_buttock", "side": "left", "present": "yes", "version": 1},
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<form id="region-left-deep_buttock"')
    assert 'aria-pressed="true"' in html
    assert '<div id="region-left-deep_buttock-item" class="check-item" hx-swap-oob="true">' in html
    assert PainRegionMark.objects.filter(region="deep_buttock", side="left").exists()


def test_pain_map_has_a_toggle_button_and_a_checkbox_for_every_region_and_side(client_clinician, exam):
    html = client_clinician.get(exam_url("exam-step", exam, "pain_map")).content.decode()

    assert html.count('class="spot"') == 20  # the back view's spots, each with its name beside it
    assert html.count('<span class="spot-name" aria-hidden="true">') == 20
    assert '<span class="spot-name" aria-hidden="true">Deep buttock</span>' in html
    assert '<span class="visually-hidden">Left deep buttock</span>' in html
    assert html.count('class="toggle-form front-spot"') == 2  # the groin, seen from the front: named buttons
    assert '<span aria-hidden="true">○</span> Left groin</button>' in html
    assert html.count('type="checkbox"') == 22


def test_checkbox_list_without_javascript_writes_only_what_changed(client_clinician, exam):
    PainRegionMark.objects.create(exam=exam, region="groin", side="right")

    response = client_clinician.post(
        exam_url("pain-region-set", exam),
        {
            "list": "1",
            "version": 1,
            "shown": ["groin:right"],
            "marks": ["deep_buttock:left", "foot:right"],
        },
    )

    assert response.status_code == 302
    marks = set(PainRegionMark.objects.values_list("region", "side"))
    assert marks == {("deep_buttock", "left"), ("foot", "right")}


def test_checkbox_list_refuses_an_unknown_region(client_clinician, exam):
    response = client_clinician.post(
        exam_url("pain-region-set", exam), {"list": "1", "version": 1, "marks": ["elbow:left"]}
    )

    assert response.status_code == 400
    assert not PainRegionMark.objects.exists()


def test_symptom_toggle_is_pressed_after_the_tap(client_clinician, exam):
    response = htmx_post(
        client_clinician, exam_url("symptom-set", exam), {"code": "worse_sitting", "present": "yes", "version": 1}
    )

    html = response.content.decode()
    assert 'id="symptom-worse_sitting-button" class="toggle" aria-pressed="true"' in html
    assert '<input type="hidden" name="present" value="no">' in html
    assert SymptomMark.objects.filter(code="worse_sitting").exists()


def test_affected_side_changed_elsewhere_is_a_409_naming_it(client_clinician, exam):
    response = htmx_post(
        client_clinician, exam_url("affected-side-set", exam), {"side": "right", "expected": "", "version": 1}
    )

    assert response.status_code == 409
    assert "It now reads: Left" in response.content.decode()
    exam.refresh_from_db()
    assert exam.affected_side == "left"
