"""The lead's trail filters, shared by the page and the API so both refuse bad input the same way."""

from __future__ import annotations

from django import forms

from audit.models import Action
from audit.selectors import TrailFilter

ID_MAX = 2**63 - 1


class TrailFilterForm(forms.Form):
    patient = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    user = forms.CharField(required=False, max_length=150, label="User name")
    action = forms.ChoiceField(required=False, choices=[("", "Any action"), *Action.choices])
    # ISO dates only: what the date picker sends and the API documents (`format: date`), nothing locale-shaped.
    since = forms.DateField(
        required=False, label="From", input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"})
    )

    def trail_filter(self) -> TrailFilter:
        data = self.cleaned_data
        return TrailFilter(
            patient_id=data.get("patient"),
            username=data.get("user") or "",
            action=data.get("action") or "",
            since=data.get("since"),
            until=data.get("until"),
        )
