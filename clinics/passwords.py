"""A new member's first password: set through a one-use link, or changed from the one-time password at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy

from clinics import team


class NewPasswordChangeForm(PasswordChangeForm):
    """Refuses the current password as the new one: after a one-time password the lead has seen, keeping it
    would leave the change a formality (tests/security/test_password_change.py)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        new = cleaned.get("new_password1")
        if new and cleaned.get("old_password") == new:
            self.add_error("new_password1", "Choose a password different from your current one.")
        return cleaned


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")
    form_class = NewPasswordChangeForm

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        """A refused password answers 400, like every other refused form, with the reason beside its field."""
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        team.password_change_done(user=form.user)
        messages.success(self.request, "Password changed.")
        return response


class PasswordChangeRequiredMiddleware:
    """Keep a member who signed in with a one-time password on the change page until they choose their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = getattr(request, "membership", None)
        if membership is not None and membership.password_change_required:
            allowed = {reverse("password_change"), reverse("logout")}
            # Two-factor set-up stays open too: a new lead must enrol and choose a password, in either order.
            open_prefixes = ("/static/", "/api/", "/account/security/two-factor/", "/account/security/session/")
            if request.path not in allowed and not request.path.startswith(open_prefixes):
                return redirect("password_change")
        return self.get_response(request)


urlpatterns = [
    path(
        "accounts/password/set/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_set.html", success_url=reverse_lazy("password_set_done")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/set/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_set_done.html"),
        name="password_set_done",
    ),
    path("accounts/password/change/", PasswordChange.as_view(), name="password_change"),
]
