"""The dashboard's filters (period and clinician), read strictly: bad input names its field, never a 500."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.http import QueryDict
from django.utils import timezone

from clinics.models import Clinic

PERIODS = {"7": 7, "30": 30, "90": 90}
DEFAULT_PERIOD = "30"
CUSTOM = "custom"
MAX_DAYS = 3660


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates, both inclusive; `since`/`until` are the aware instants bounding them."""

    start: dt.date
    end: dt.date
    key: str

    @property
    def since(self) -> dt.datetime:
        return local_midnight(self.start)

    @property
    def until(self) -> dt.datetime:
        return local_midnight(self.end + dt.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Filters:
    clinic: Clinic
    period: Period
    clinician: User | None

    def query(self, **extra: str) -> str:
        """Return the query string that reproduces these filters, plus `extra` (a facet, a page)."""
        params = {"period": self.period.key}
        if self.period.key == CUSTOM:
            params |= {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        if self.clinician is not None:
            params["clinician"] = str(self.clinician.pk)
        return urlencode(params | {k: v for k, v in extra.items() if v})


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class FilterForm(forms.Form):
    period = forms.ChoiceField(
        choices=[("7", "Last 7 days"), ("30", "Last 30 days"), ("90", "Last 90 days"), (CUSTOM, "Custom range")],
        required=False,
        error_messages={"invalid_choice": "Choose 7, 30 or 90 days, or a custom range."},
    )
    start = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
    clinician = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Everyone",
        error_messages={"invalid_choice": "Choose a clinician of this clinic."},
    )

    def __init__(self, data: QueryDict, *, clinic: Clinic, **kwargs: Any) -> None:
        if not data.get("period"):
            data = data.copy()
            data["period"] = DEFAULT_PERIOD  # so the form shows the period the figures use
        super().__init__(data, **kwargs)
        self.clinic = clinic
        users = get_user_model().objects.filter(membership__clinic=clinic).order_by("first_name", "username")
        self.fields["clinician"].queryset = users  # type: ignore[attr-defined]
        self.fields["clinician"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key = cleaned.get("period") or DEFAULT_PERIOD
        today = timezone.localdate()
        if key != CUSTOM:
            cleaned["range"] = Period(start=today - dt.timedelta(days=PERIODS[key] - 1), end=today, key=key)
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if "start" not in self.errors and start is None:
            self.add_error("start", "Give the first day of the custom range.")
        if "end" not in self.errors and end is None:
            self.add_error("end", "Give the last day of the custom range.")
        if start and end:
            if end < start:
                self.add_error("end", "The range ends before it starts: choose a last day on or after the first.")
            elif (end - start).days >= MAX_DAYS:
                self.add_error("start", "Choose a range of at most ten years.")
            else:
                cleaned["range"] = Period(start=start, end=end, key=CUSTOM)
        return cleaned

    def filters(self) -> Filters:
        """Return the validated filters; call only after is_valid()."""
        return Filters(clinic=self.clinic, period=self.cleaned_data["range"], clinician=self.cleaned_data["clinician"])
