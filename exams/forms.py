"""Shape checks for each tap and form; the services check codes against the exam's protocol."""

from __future__ import annotations

from django import forms

from exams.history import FIELD_NAMES
from exams.models import Result, Side

YES_NO = (("yes", "Yes"), ("no", "No"))
SIDE_CHOICES = (("", "No side"), *Side.choices)


def _yes(value: str) -> bool:
    return value == "yes"


def yes_no_field(*, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(choices=YES_NO, coerce=_yes, required=required, empty_value=None)


class AnswerForm(forms.Form):
    """Every answer carries the exam version the tablet last saw, for the stale-write check."""

    version = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class RedFlagForm(AnswerForm):
    code = forms.CharField(max_length=50)
    present = yes_no_field()


class PainRegionForm(AnswerForm):
    region = forms.CharField(max_length=50)
    side = forms.ChoiceField(choices=Side.choices)
    present = yes_no_field()


class PainRegionListForm(AnswerForm):
    """The plain checkbox list: what is ticked now, and what was ticked when the page was drawn."""

    marks = forms.MultipleChoiceField(required=False)
    shown = forms.MultipleChoiceField(required=False)

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["marks"].choices = choices  # type: ignore[attr-defined]
        self.fields["shown"].choices = choices  # type: ignore[attr-defined]

    def changes(self) -> list[tuple[str, str, bool]]:
        """Return (region, side, present) for each box the clinician ticked or cleared."""
        marks, shown = set(self.cleaned_data["marks"]), set(self.cleaned_data["shown"])
        changed = sorted((marks - shown) | (shown - marks))
        out = []
        for mark in changed:
            region, side = mark.split(":", 1)
            out.append((region, side, mark in marks))
        return out


class SymptomForm(AnswerForm):
    code = forms.CharField(max_length=50)
    present = yes_no_field()


class AffectedSideForm(AnswerForm):
    side = forms.ChoiceField(choices=SIDE_CHOICES, required=False)
    expected = forms.ChoiceField(choices=SIDE_CHOICES, required=False)


class FindingForm(AnswerForm):
    """One maneuver on one side; the tapped button comes last in the post, so its value wins over the hidden one."""

    maneuver = forms.CharField(max_length=50)
    side = forms.ChoiceField(choices=SIDE_CHOICES, required=False)
    result = forms.ChoiceField(choices=Result.choices)
    familiar_pain = yes_no_field(required=False)


class HistoryForm(AnswerForm):
    """One history field per post: the service checks the value and names the field when it refuses it."""

    field = forms.ChoiceField(choices=[(name, name) for name in FIELD_NAMES])
    value = forms.CharField(required=False, max_length=5000, strip=False)


class CompleteForm(forms.Form):
    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    final_diagnosis = forms.CharField(max_length=50, required=False)
    override_reason = forms.CharField(max_length=2000, required=False, widget=forms.Textarea)


class AddendumForm(forms.Form):
    text = forms.CharField(max_length=5000, widget=forms.Textarea)


def form_errors_text(form: forms.Form) -> str:
    """Flatten a form's errors into one sentence for the alert region and the 400 body."""
    parts = []
    for name, errors in form.errors.items():
        label = "" if name == "__all__" else f"{name.replace('_', ' ')}: "
        parts.append(label + " ".join(str(e) for e in errors))
    return "; ".join(parts)
