"""Duration bands: the same band in Python (the running counts) and SQL (the recount), medians read from them."""

import datetime as dt

import pytest

from dashboard.counts import DURATION, TO_SIGN, counts_rebuild
from dashboard.durations import BAND_EDGES, Band, band_of, median_band
from dashboard.models import DailyCount
from dashboard.templatetags.dashboard_tags import band
from tests.dashboard.seed import D, H, M, exam_at

pytestmark = pytest.mark.django_db
S = dt.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("span", "key"),
    [(0 * M, "0"), (5 * M - S, "0"), (5 * M, "5"), (20 * M, "20"), (59 * M, "50"), (H, "60"), (23 * H, "720"),
     (D, "1440"), (13 * D, "10080"), (400 * D, "20160"), (-M, "0")],
)  # fmt: skip
def test_a_duration_falls_in_the_band_of_its_lower_edge(span, key):
    assert band_of(span) == key


def test_median_of_an_odd_count_is_one_band_and_of_an_even_count_spans_the_middle_two():
    assert median_band({"20": 1, "30": 1, "60": 1}) == Band(30 * M, 40 * M)
    assert median_band({"20": 2, "30": 1, "60": 1}) == Band(20 * M, 40 * M)
    assert median_band({"20": 2, "60": 2}) == Band(20 * M, 75 * M)
    assert median_band({"20": 4}) == Band(20 * M, 25 * M)
    assert median_band({"20160": 3}) == Band(14 * D, None)
    assert median_band({}) is None
    assert median_band({"20": 0}) is None


def test_band_wording_says_it_is_a_range():
    assert band(Band(20 * M, 25 * M)) == "20–25 min"
    assert band(Band(60 * M, 75 * M)) == "60–75 min"
    assert band(Band(2 * H, 6 * H)) == "2–6 h"
    assert band(Band(12 * H, D)) == "12–24 h"
    assert band(Band(D, 2 * D)) == "1–2 d"
    assert band(Band(0 * M, 5 * M)) == "under 5 min"
    assert band(Band(14 * D, None)) == "over 14 d"
    assert band(None) == "–"


def _bands() -> set[tuple]:
    rows = DailyCount.objects.filter(figure__in=(DURATION, TO_SIGN), n__gt=0)
    return set(rows.values_list("clinician", "day", "figure", "key", "n"))


def test_the_recount_puts_exams_at_every_edge_in_the_band_the_running_counts_do(releases, clinic, clinician):
    now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    # A second either side of every edge and on it (exam_at reads a zero span as "not completed": skip it).
    spans = [dt.timedelta(minutes=edge) + offset for edge in BAND_EDGES for offset in (-S, 0 * S, S)]
    spans = [span for span in spans if span > 0 * S]
    for i, span in enumerate(spans):
        exam_at(clinic, clinician, ("1.0.0", "1.1.0")[i % 2], now, completed=span, signed=span)
    running = _bands()

    counts_rebuild()

    assert _bands() == running
    assert sum(n for *_, n in running) == 2 * len(spans)
    assert {key for _, _, _, key, _ in running} == {str(edge) for edge in BAND_EDGES}
