"""Server-drawn SVG charts: geometry here, markup in templates/dashboard/components/chart_*.html.

Hand-written rather than pygal: pygal's SVG embeds a <script> and inline styles that the strict Content Security
Policy (issue 16) refuses, and lacks role="img"/aria-labelledby, so patching its output would take more code
than these two chart shapes (horizontal bars, grouped weekly columns). Each chart carries a title and a text
alternative, and every page prints the same numbers in a table beside it, where each number links to its exams.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.figures import Share, Week

WIDTH = 640
BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 230
SERIES = (("started", "Started", "series-a"), ("completed", "Completed", "series-b"), ("signed", "Signed", "series-c"))


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: str
    x: float
    y: float
    width: float
    height: float
    css: str = "series-a"

    @property
    def end(self) -> float:
        return round(self.x + self.width + 6, 1)


@dataclass(frozen=True, slots=True)
class Chart:
    slug: str
    title: str
    summary: str
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...] = ()
    axis_labels: tuple[tuple[float, str], ...] = ()

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 10


def bar_chart(*, slug: str, title: str, shares: Sequence[Share], as_percent: bool = False) -> Chart:
    """Return horizontal bars, one per share, scaled to the largest; `as_percent` plots count/total."""
    values = [s.percent if as_percent else s.count for s in shares]
    top = max(values, default=0) or 1
    span = WIDTH - LABEL_WIDTH - 70
    bars = tuple(
        Bar(
            label=s.label,
            value=f"{s.percent}% ({s.count} of {s.total})" if as_percent else str(s.count),
            x=LABEL_WIDTH,
            y=i * (BAR_HEIGHT + GAP),
            width=round(span * v / top, 1),
            height=BAR_HEIGHT,
        )
        for i, (s, v) in enumerate(zip(shares, values, strict=True))
    )
    described = "; ".join(f"{b.label}: {b.value}" for b in bars) or "nothing in this period"
    return Chart(slug, title, f"{title}. {described}.", max(len(bars), 1) * (BAR_HEIGHT + GAP), bars)


def week_chart(*, slug: str, title: str, weeks: Sequence[Week]) -> Chart:
    """Return grouped columns (started, completed, signed) per week, with a few y ticks and week labels."""
    plot_top, plot_height, left = 10, 180, 40
    top = max((max(w.started, w.completed, w.signed) for w in weeks), default=0) or 1
    slot = (WIDTH - left) / max(len(weeks), 1)
    column = slot * 0.8 / len(SERIES)
    bars = []
    for i, week in enumerate(weeks):
        for j, (field, name, css) in enumerate(SERIES):
            value: int = getattr(week, field)
            height = round(plot_height * value / top, 1)
            x = round(left + i * slot + slot * 0.1 + j * column, 1)
            bars.append(
                Bar(
                    f"{name}, week of {_day(week.start)}",
                    str(value),
                    x,
                    plot_top + plot_height - height,
                    round(column, 1),
                    height,
                    css,
                )
            )
    ticks = tuple((plot_top + plot_height - plot_height * f, str(round(top * f))) for f in (0, 0.5, 1))
    every = max(1, len(weeks) // 6)
    labels = tuple((left + i * slot + slot / 2, _day(w.start)) for i, w in enumerate(weeks) if i % every == 0)
    described = "; ".join(
        f"week of {_day(w.start)}: {w.started} started, {w.completed} completed, {w.signed} signed" for w in weeks
    )
    return Chart(slug, title, f"{title}. {described}.", plot_top + plot_height + 30, tuple(bars), ticks, labels)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"
