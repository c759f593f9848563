"""The lead's team and clinic-settings pages; a clinician gets 403, another clinic's member 404."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinics import tasks, team
from clinics.access import ClinicRequest
from clinics.forms import ClinicSettingsForm, MemberAddForm, MemberEditForm
from clinics.models import Membership
from clinics.roles import lead_required
from core.errors import DomainError


def _member_get(request: ClinicRequest, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user", "clinic"), clinic=request.clinic, pk=pk)


@require_GET
@lead_required
def member_list(request: ClinicRequest) -> HttpResponse:
    members = (
        Membership.objects.filter(clinic=request.clinic)
        .select_related("user")
        .order_by("-user__is_active", "user__first_name", "user__username")
    )
    return render(request, "clinics/member_list.html", {"members": members})


@never_cache
@require_http_methods(["GET", "POST"])
@lead_required
def member_add(request: ClinicRequest) -> HttpResponse:
    form = MemberAddForm(request.POST or None)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        access = data.pop("access")
        try:
            invitation = team.member_add(
                clinic=request.clinic,
                one_time_password=access == "password",
                email_link_from=request.build_absolute_uri("/") if access == "email" else "",
                **data,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # Shown once, never stored in the clear: the page is not cached and the link works only once.
            link = request.build_absolute_uri(invitation.set_password_path) if invitation.set_password_path else ""
            return render(request, "clinics/member_added.html", {"invitation": invitation, "link": link})
    return render(request, "clinics/member_form.html", {"form": form}, status=400 if form.is_bound else 200)


def _edit_form(membership: Membership, data: QueryDict | None = None) -> MemberEditForm:
    user = membership.user
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": membership.role,
        "profession": membership.profession,
        "registration_number": membership.registration_number,
    }
    return MemberEditForm(data, initial=initial)


def _edit_page(request: ClinicRequest, membership: Membership, form: MemberEditForm, refusal: str = "") -> HttpResponse:
    context = {"form": form, "member": membership, "refusal": refusal}
    return render(request, "clinics/member_form.html", context, status=400 if form.is_bound or refusal else 200)


@require_http_methods(["GET", "POST"])
@lead_required
def member_edit(request: ClinicRequest, pk: int) -> HttpResponse:
    membership = _member_get(request, pk)
    form = _edit_form(membership, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            team.member_update(membership=membership, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            membership.refresh_from_db()
        else:
            messages.success(request, f"Saved {membership.user.get_full_name() or membership.user.username}.")
            return redirect("clinics:member-list")
    return _edit_page(request, membership, form)


@require_POST
@lead_required
def member_active_set(request: ClinicRequest, pk: int) -> HttpResponse:
    """Deactivate or reactivate a member; a refusal (last lead, oneself) answers 400 on the member's page."""
    membership = _member_get(request, pk)
    active = request.POST.get("active") == "1"
    name = membership.user.get_full_name() or membership.user.username
    try:
        team.member_active_set(membership=membership, active=active, by=request.user)
    except DomainError as error:
        return _edit_page(request, membership, _edit_form(membership), refusal=error.message)
    messages.success(
        request, f"{name} {'can sign in again' if active else 'is deactivated and can no longer sign in'}."
    )
    return redirect("clinics:member-list")


@require_POST
@lead_required
def member_invite(request: ClinicRequest, pk: int) -> HttpResponse:
    """Email a member who has not chosen a password a new set-password link (queued for the worker).

    Also the resend of a failed invitation email, from the team page; another clinic's member is a 404.
    """
    membership = _member_get(request, pk)
    try:
        with transaction.atomic():
            tasks.invitation_queue(membership=membership, site=request.build_absolute_uri("/"))
    except DomainError as error:
        return _edit_page(request, membership, _edit_form(membership), refusal=error.message)
    messages.success(request, f"A new set-password link is on its way to {membership.user.email}.")
    if request.POST.get("back") == "team":  # the resend beside a failed email on the team page
        return redirect("clinics:member-list")
    return redirect("clinics:member-edit", pk=membership.pk)


@require_http_methods(["GET", "POST"])
@lead_required
def clinic_settings(request: ClinicRequest) -> HttpResponse:
    form = ClinicSettingsForm(request.POST or None, request.FILES or None, instance=request.clinic)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, "Clinic settings saved; new letters use them.")
        return redirect("clinics:settings")
    return render(request, "clinics/clinic_settings.html", {"form": form}, status=400 if form.is_bound else 200)
