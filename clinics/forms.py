"""Forms of the lead's team and clinic-settings pages; each error sits beside the field it names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from clinics.invitations import link_lifetime
from clinics.models import Clinic, Role

LOGO_MAX_BYTES = 1024 * 1024
LOGO_TYPES = {"PNG", "JPEG"}


class MemberAddForm(forms.Form):
    username = forms.CharField(max_length=150, validators=[UnicodeUsernameValidator()], help_text="Used to sign in.")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CLINICIAN)
    profession = forms.CharField(max_length=80, initial="Physiotherapist")
    registration_number = forms.CharField(max_length=40, required=False, help_text="Printed on their letters.")
    access = forms.ChoiceField(label="First sign-in", initial="email", widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        valid = f"valid for {link_lifetime()}, works once"  # the token's lifetime, never a figure of our own
        self.fields["access"].choices = [  # type: ignore[attr-defined]
            ("email", f"Email them a set-password link ({valid})"),
            ("link", f"A set-password link to pass on ({valid})"),
            ("password", "A one-time password, changed at first sign-in"),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("access") == "email" and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Give an email address to send the set-password link to, or choose another way.")
        return cleaned

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(f"The username “{username}” is taken; choose another.")
        return username


class MemberEditForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=Role.choices)
    profession = forms.CharField(max_length=80)
    registration_number = forms.CharField(max_length=40, required=False, help_text="Printed on their letters.")


class ClinicSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Clinic
        fields = [
            "name",
            "address",
            "phone",
            "email",
            "logo",
            "paper_size",
            "national_id_label",
            "copy_letters_to_patient",
            "require_two_factor",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            if logo.size and logo.size > LOGO_MAX_BYTES:
                raise ValidationError("Choose a logo of at most 1 MB.")
            kind = getattr(getattr(logo, "image", None), "format", None)
            if kind not in LOGO_TYPES:
                raise ValidationError("Choose a PNG or JPEG logo.")
        return logo
