"""The patient form: shape and plain-language messages; the service decides uniqueness within the clinic."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.errors import DomainError
from patients.models import Patient

TOO_LONG = "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."


class DateInput(forms.DateInput):
    """A native date picker: tablets show their own calendar, and ISO dates round-trip."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def get_context(self, name, value, attrs):  # type: ignore[no-untyped-def]
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("max", timezone.localdate().isoformat())
        return context


class PatientForm(forms.ModelForm):
    class Meta:
        model = Patient
        fields = ["identifier", "given_name", "family_name", "date_of_birth", "sex", "phone", "email", "notes"]
        labels = {"identifier": "Patient number", "given_name": "Given name", "family_name": "Family name"}
        help_texts = {"identifier": "Your clinic's own number for this patient (MRN or chart number)."}
        widgets = {
            "date_of_birth": DateInput(),
            "sex": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            name: {"max_length": TOO_LONG}
            for name in ["identifier", "given_name", "family_name", "phone", "email", "notes"]
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["invalid"] = "Enter the date of birth as day, month and year."
        for field in self.fields.values():
            # Browser autofill would offer the clinician's own details for a patient's name or phone.
            field.widget.attrs.setdefault("autocomplete", "off")

    def domain_error_add(self, error: DomainError) -> None:
        """Show a service's refusal beside the field it names (or above the form)."""
        self.add_error(error.field if error.field in self.fields else None, error.message)
