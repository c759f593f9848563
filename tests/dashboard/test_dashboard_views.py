import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:dashboard")
EXAMS = reverse("dashboard:exam-list")
EXPORT = reverse("dashboard:export")


def rows_of(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("url", [DASHBOARD, f"{EXAMS}?facet=started", EXPORT])
def test_clinician_is_refused(client_clinician, url):
    assert client_clinician.get(url).status_code == 403


@pytest.mark.parametrize("url", [DASHBOARD, f"{EXAMS}?facet=started", EXPORT])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_lead_sees_figures_of_own_clinic_only(seeded, client_lead):
    response = client_lead.get(DASHBOARD)
    assert response.status_code == 200
    body = response.content.decode()
    assert seeded.e4.patient.full_name in body
    assert seeded.foreign.patient.full_name not in body
    assert 'role="img"' in body
    assert '<title id="weeks-title">Exams per week</title>' in body


def test_outsider_lead_sees_nothing_of_clinic_a(seeded, other_clinic):
    from clinics.models import Role
    from tests.factories import MembershipFactory

    lead_b = MembershipFactory(clinic=other_clinic, role=Role.CLINIC_LEAD).user
    from django.test import Client

    client = Client()
    client.force_login(lead_b)
    body = client.get(DASHBOARD).content.decode()
    assert seeded.e4.patient.full_name not in body
    assert seeded.foreign.patient.full_name in body
    exams = client.get(EXAMS, {"facet": "started"}).content.decode()
    assert seeded.e1.patient.full_name not in exams
    assert len(rows_of(client.get(EXPORT))) == 2  # header and its own exam


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "45"}, "period"),
        ({"period": "custom", "start": "2026-05-10", "end": "2026-05-01"}, "end"),
        ({"period": "custom", "end": "2026-05-01"}, "start"),
        ({"period": "custom", "start": "yesterday", "end": "2026-05-01"}, "start"),
        ({"clinician": "999999"}, "clinician"),
        ({"clinician": "abc"}, "clinician"),
    ],
)
def test_bad_filters_answer_400_naming_the_field(seeded, client_lead, params, field):
    for url in (DASHBOARD, EXPORT, EXAMS):
        response = client_lead.get(url, params | {"facet": "started"})
        assert response.status_code == 400, url
        body = response.content.decode()
        assert field in body.lower() or {"start": "from", "end": "to"}[field] in body.lower()


def test_clinician_of_another_clinic_is_refused(seeded, client_lead, outsider):
    response = client_lead.get(DASHBOARD, {"clinician": outsider.pk})
    assert response.status_code == 400
    assert "Choose a clinician of this clinic." in response.content.decode()


def test_unknown_facet_is_refused(seeded, client_lead):
    response = client_lead.get(EXAMS, {"facet": "everything"})
    assert response.status_code == 400
    assert "facet" in response.content.decode()


def test_override_list_shows_written_reasons(seeded, client_lead):
    response = client_lead.get(EXAMS, {"facet": "override", "value": "sij_pain"})
    body = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert "Deep gluteal tenderness reproduces the pain." in body


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("started", "", {"e1", "e2", "e3", "e4", "e5"}),
        ("completed", "", {"e1", "e2", "e3"}),
        ("signed", "", {"e1", "e2"}),
        ("open", "", {"e4"}),
        ("unsigned", "", {"e3"}),
        ("red-flag", "", {"e4"}),
        ("diagnosis", "piriformis_syndrome", {"e2"}),
        ("skipped", "sij_provocation", {"e3"}),
        ("version", "1.1.0", {"e2", "e4"}),
    ],
)
def test_each_figure_lists_its_exams(seeded, client_lead, facet, value, expected):
    page = client_lead.get(EXAMS, {"facet": facet, "value": value}).context["page"]
    names = {k for k in ("e1", "e2", "e3", "e4", "e5", "e6") if getattr(seeded, k) in page.object_list}
    assert names == expected


def test_csv_matches_the_table(seeded, client_lead):
    response = client_lead.get(EXPORT)
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = rows_of(response)
    assert header[:3] == ["exam_id", "started_at", "completed_at"]
    by_id = {int(r[0]): dict(zip(header, r, strict=True)) for r in rows}
    dashboard = client_lead.get(DASHBOARD).context
    assert len(rows) == dashboard["totals"]["started"] == 5
    assert sum(1 for r in by_id.values() if r["signed_at"]) == dashboard["totals"]["signed"]
    versions = {s.key: s.count for s in dashboard["versions"]}
    assert {v: sum(1 for r in by_id.values() if r["protocol_version"] == v) for v in versions} == versions
    e2 = by_id[seeded.e2.pk]
    assert (e2["engine_diagnosis"], e2["final_diagnosis"], e2["overridden"], e2["override_reason_present"]) == (
        "sij_pain", "piriformis_syndrome", "yes", "yes",
    )  # fmt: skip
    assert by_id[seeded.e4.pk]["red_flags"] == "saddle_anaesthesia"
    assert by_id[seeded.e4.pk]["clinician"] == "bob"


def test_empty_period_exports_a_header_only_csv(client_lead):
    response = client_lead.get(EXPORT, {"period": "custom", "start": "2001-01-01", "end": "2001-01-31"})
    assert response.status_code == 200
    assert len(rows_of(response)) == 1


def test_lead_records_a_referral_as_made(seeded, client_lead):
    url = reverse("dashboard:referral-made", args=[seeded.e4.pk])
    assert client_lead.post(url).status_code == 302
    red = client_lead.get(DASHBOARD).context["red_flags"]
    assert red["not_made"] == 0


def test_clinician_cannot_record_a_referral(seeded, client_clinician):
    url = reverse("dashboard:referral-made", args=[seeded.e4.pk])
    assert client_clinician.post(url).status_code == 403
    assert not seeded.e4.__class__.objects.filter(pk=seeded.e4.pk, referral_made__isnull=False).exists()


def test_referral_of_another_clinic_is_404(seeded, client_lead):
    url = reverse("dashboard:referral-made", args=[seeded.foreign.pk])
    assert client_lead.post(url).status_code == 404


def test_query_count_does_not_grow_with_exams(seeded, client_lead, clinic, clinician):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.dashboard.seed import H, exam_at

    client_lead.get(DASHBOARD)  # warm the protocol cache, as any running server is
    with CaptureQueriesContext(connection) as few:
        client_lead.get(DASHBOARD)
    for i in range(30):
        exam_at(clinic, clinician, "1.1.0" if i % 2 else "1.0.0", seeded.now - i * H, completed=H, signed=2 * H)
    with CaptureQueriesContext(connection) as many:
        client_lead.get(DASHBOARD)
    # session, user, membership; releases + one digest check per release (2); weekly started, completed, signed
    # (one read of the daily counts); every other count-based figure (diagnosis mix, overrides, skipped groups,
    # versions, the start-to-sign bands of the median: one grouped read, whole months and edge days in one UNION
    # ALL); stale counts, stale open, stale unsigned; red-flag counts, red-flag rows; members, per-clinician
    # started and duration bands (one read of the counts, as the tallies), per-clinician unfinished; filter
    # choices; the lead's two-factor device (django-otp checks the verified session's device on each request);
    # the audit event of the page (a list).
    # bench/dashboard_bench.py prints it too.
    assert len(many) == len(few) == 19


def test_export_query_count_does_not_grow_with_exams(seeded, client_lead, clinic, clinician):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.dashboard.seed import H, exam_at

    def streamed():
        with CaptureQueriesContext(connection) as queries:
            response = client_lead.get(EXPORT)
            lines = b"".join(response.streaming_content).count(b"\n")
        return len(queries), lines

    few, before = streamed()
    for i in range(30):
        exam_at(clinic, clinician, "1.0.0", seeded.now - i * H, completed=H)
    many, after = streamed()
    assert after == before + 30
    assert many == few  # the rows come from one streamed read, however many there are


def test_dashboard_lists_export_and_referral_are_audited(seeded, client_lead, clinic_lead):
    from audit.models import AuditEvent

    client_lead.get(DASHBOARD)
    client_lead.get(EXAMS, {"facet": "started"})
    b"".join(client_lead.get(EXPORT).streaming_content)
    client_lead.post(reverse("dashboard:referral-made", args=[seeded.e4.pk]))

    events = AuditEvent.objects.filter(user_id=clinic_lead.pk).exclude(action="sign-in")
    assert [(e.action, e.object_type, e.path.split("?")[0]) for e in events.order_by("pk")] == [
        ("list", "exam", DASHBOARD),
        ("list", "exam", EXAMS),
        ("export", "exam", EXPORT),
        ("update", "exam", reverse("dashboard:referral-made", args=[seeded.e4.pk])),
    ]
    assert events.order_by("pk").last().patient_id == seeded.e4.patient_id
    assert set(events.values_list("clinic_id", flat=True)) == {clinic_lead.membership.clinic_id}


def test_red_flags_read_in_the_protocols_words(seeded, client_lead):
    from protocols.registry import protocol_get

    words = protocol_get("buttock-pain", "1.1.0").red_flags["saddle_anaesthesia"].lay_words
    assert words in client_lead.get(DASHBOARD).content.decode()
    listed = client_lead.get(EXAMS, {"facet": "red-flag"}).content.decode()
    assert words in listed
    assert "saddle_anaesthesia" not in listed


def test_a_referral_note_too_long_is_refused_naming_it(seeded, client_lead):
    url = reverse("dashboard:referral-made", args=[seeded.e4.pk])
    response = client_lead.post(url, {"note": "x" * 301}, follow=True)
    assert "Note: keep it to 300 characters" in response.content.decode()
    assert not seeded.e4.__class__.objects.filter(pk=seeded.e4.pk, referral_made__isnull=False).exists()


def test_medians_are_shown_as_the_band_they_fall_in(seeded, client_lead):
    body = client_lead.get(DASHBOARD).content.decode()
    assert "Median start to sign (band)" in body
    assert "2–6 h" in body  # signed after 2 h and 4 h: bands 2-3 h and 4-6 h
    assert "Median exam duration (band)" in body
    assert "20–50 min" in body  # alice: 20 and 40 min
    assert "30–40 min" in body  # bob: 30 min
    assert "the CSV export has every exam's exact times" in body
