import datetime as dt

import pytest
from django.utils import timezone

from dashboard.durations import Band
from dashboard.figures import dashboard_figures
from dashboard.filters import Filters, Period

pytestmark = pytest.mark.django_db
M = dt.timedelta(minutes=1)


def filters_for(clinic, days=30, clinician=None):
    today = timezone.localdate()
    return Filters(clinic, Period(today - dt.timedelta(days=days - 1), today, str(days)), clinician)


def test_activity_counts_and_median_to_sign(seeded, clinic):
    figures = dashboard_figures(filters_for(clinic))
    assert figures["totals"] == {"started": 5, "completed": 3, "signed": 2}
    # 2 h and 4 h, counted in bands (2-3 h, 4-6 h): the median (3 h) lies between the two middle bands' edges.
    assert figures["median_to_sign"] == Band(dt.timedelta(hours=2), dt.timedelta(hours=6))


def test_ninety_days_take_in_the_older_exam(seeded, clinic):
    figures = dashboard_figures(filters_for(clinic, days=90))
    assert figures["totals"] == {"started": 6, "completed": 4, "signed": 3}
    assert figures["median_to_sign"] == Band(dt.timedelta(hours=2), dt.timedelta(hours=3))  # 1 h, 2 h, 4 h


def test_per_clinician_table(seeded, clinic, clinician, colleague, clinic_lead):
    rows = {r["user"].username: r for r in dashboard_figures(filters_for(clinic))["clinicians"]}
    # Medians in bands: alice's 20 min (1.0.0) and 40 min (1.1.0) sit in 20-25 and 40-50 min, so her median (30
    # min) is given as 20-50 min; bob's one exam of exactly 30 min falls in the band that starts at 30.
    assert (rows["alice"]["started"], rows["alice"]["median"], rows["alice"]["open"], rows["alice"]["unsigned"]) == (
        3, Band(20 * M, 50 * M), 1, 0,
    )  # fmt: skip
    assert (rows["bob"]["started"], rows["bob"]["median"], rows["bob"]["open"], rows["bob"]["unsigned"]) == (
        2, Band(30 * M, 40 * M), 1, 1,
    )  # fmt: skip
    assert rows["carol"]["started"] == 0
    assert rows["carol"]["median"] is None
    assert "oscar" not in rows


def test_attention_lists_stale_exams_only(seeded, clinic):
    attention = dashboard_figures(filters_for(clinic))["attention"]
    assert [e.pk for e in attention["open"]] == [seeded.e4.pk]
    assert [e.pk for e in attention["unsigned"]] == [seeded.e3.pk]
    assert (attention["open_total"], attention["unsigned_total"]) == (1, 1)


def test_red_flag_referrals_say_what_is_missing(seeded, clinic):
    red = dashboard_figures(filters_for(clinic))["red_flags"]
    assert [e.pk for e in red["rows"]] == [seeded.e4.pk]
    assert red["rows"][0].flags == "saddle_anaesthesia"
    assert (red["total"], red["no_letter"], red["not_made"]) == (1, 1, 1)


def test_clinical_picture(seeded, clinic):
    figures = dashboard_figures(filters_for(clinic))
    assert [(s.key, s.count) for s in figures["diagnoses"]] == [("sij_pain", 2), ("piriformis_syndrome", 1)]
    assert [(s.key, s.count, s.total, s.percent) for s in figures["overrides"]] == [("sij_pain", 1, 3, 33)]
    skipped = {s.key: (s.count, s.total) for s in figures["skipped"]}
    assert skipped["sij_provocation"] == (1, 3)  # e3 recorded no SIJ result
    assert skipped["deep_gluteal"] == (3, 3)  # e3's FAIR was "not tested"


def test_protocol_version_per_exam(seeded, clinic):
    versions = dashboard_figures(filters_for(clinic))["versions"]
    assert [(s.key, s.count) for s in versions] == [("1.0.0", 3), ("1.1.0", 2)]


def test_one_clinician(seeded, clinic, colleague):
    figures = dashboard_figures(filters_for(clinic, clinician=colleague))
    assert figures["totals"] == {"started": 2, "completed": 1, "signed": 0}
    assert [r["user"].username for r in figures["clinicians"]] == ["bob"]
    assert [(s.key, s.count) for s in figures["versions"]] == [("1.0.0", 1), ("1.1.0", 1)]
    assert figures["median_to_sign"] is None


def test_weeks_cover_the_period_and_add_up(seeded, clinic):
    weeks = dashboard_figures(filters_for(clinic))["weeks"]
    assert weeks[0].start.weekday() == 0
    assert sum(w.started for w in weeks) == 5
    assert sum(w.signed for w in weeks) == 2
