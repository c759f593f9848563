"""The patient form: shape and plain-language messages; the service decides uniqueness within the clinic."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.errors import DomainError
from patients.models import Patient, national_id_normalise

TOO_LONG = "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."


class DateInput(forms.DateInput):
    """A native date picker: tablets show their own calendar, and ISO dates round-trip."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def get_context(self, name, value, attrs):  # type: ignore[no-untyped-def]
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("max", timezone.localdate().isoformat())
        context["widget"]["attrs"].setdefault("min", "1900-01-01")
        return context


NATIONAL_ID_DEFAULT = "National identifier"

# The form in the order a receptionist fills it: who, how to reach them, their GP, anything else.
SECTIONS = (
    ("Patient", ("identifier", "national_id", "given_name", "family_name", "date_of_birth", "sex")),
    ("Contact", ("address", "phone", "email")),
    ("GP practice", ("gp_practice_name", "gp_practice_address")),
    ("Notes", ("notes",)),
)
TEXT_FIELDS = ("identifier", "given_name", "family_name", "national_id", "address", "phone", "email")


class PatientForm(forms.ModelForm[Patient]):
    class Meta:
        model = Patient
        fields = [name for _, names in SECTIONS for name in names]
        labels = {
            "identifier": "Patient number",
            "given_name": "Given name",
            "family_name": "Family name",
            "gp_practice_name": "Practice name",
            "gp_practice_address": "Practice address",
        }
        help_texts = {
            "identifier": "Your clinic's own number for this patient (MRN or chart number).",
            "national_id": "Optional. Spaces and hyphens are removed.",
            "gp_practice_address": "Referral letters are addressed here.",
        }
        widgets = {
            "date_of_birth": DateInput(),
            "sex": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"inputmode": "email"}),
            "gp_practice_address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            name: {"max_length": TOO_LONG}
            for name in [*TEXT_FIELDS, "gp_practice_name", "gp_practice_address", "notes"]
        }

    def __init__(self, *args, national_id_label: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["invalid"] = "Enter the date of birth as day, month and year."
        self.fields["email"].error_messages["invalid"] = "Enter an email address such as name@example.org."
        self.fields["national_id"].label = national_id_label or NATIONAL_ID_DEFAULT
        for field in self.fields.values():
            # Browser autofill would offer the clinician's own details for a patient's name or phone.
            field.widget.attrs.setdefault("autocomplete", "off")

    def clean_national_id(self) -> str:
        return national_id_normalise(self.cleaned_data.get("national_id") or "")

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The bound fields grouped under their headings, for the template."""
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def domain_error_add(self, error: DomainError) -> None:
        """Show a service's refusal beside the field it names (or above the form)."""
        self.add_error(error.field if error.field in self.fields else None, error.message)
