"""Patient registry pages: thin views that read through selectors and write through services."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from clinics.access import ClinicRequest
from clinics.models import Clinic
from core.errors import DomainError
from patients import selectors, services
from patients.forms import NATIONAL_ID_DEFAULT, PatientForm
from patients.models import Patient

PAGE_SIZE = 20
QUERY_MAX = 100


def _id_label(clinic: Clinic) -> str:
    """The clinic's name for the national identifier ("NHS number"), or the form's neutral default."""
    return clinic.national_id_label


@require_GET
def patient_list(request: ClinicRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    patients = selectors.patient_list(clinic=request.clinic, query=query)
    page = Paginator(patients, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "patients/patient_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#patient-rows"
    response = render(request, template, {"page": page, "query": query})
    # The same URL answers a whole page or only the rows: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
def patient_create(request: ClinicRequest) -> HttpResponse:
    form = PatientForm(request.POST if request.method == "POST" else None, national_id_label=_id_label(request.clinic))
    if form.is_bound and form.is_valid():
        try:
            patient = services.patient_create(clinic=request.clinic, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.domain_error_add(error)
        else:
            messages.success(request, f"Added {patient.full_name} to the registry.")
            return redirect(patient)
    return _form_render(request, form, patient=None)


@require_http_methods(["GET", "POST"])
def patient_edit(request: ClinicRequest, pk: int) -> HttpResponse:
    patient = selectors.patient_get(clinic=request.clinic, pk=pk)
    # The form edits a copy, so a refused save leaves the page heading with the stored name.
    form = PatientForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(patient),
        national_id_label=_id_label(patient.clinic),
    )
    if form.is_bound and form.is_valid():
        try:
            services.patient_update(patient=patient, user=request.user, changes=form.cleaned_data)
        except DomainError as error:
            form.domain_error_add(error)
        else:
            messages.success(request, f"Saved {patient.full_name}.")
            return redirect(patient)
    return _form_render(request, form, patient=patient)


def _form_render(request: ClinicRequest, form: PatientForm, *, patient: Patient | None) -> HttpResponse:
    # A refused form answers 400, so scripts, proxies and tests can tell a refusal from a blank form.
    status = 400 if form.is_bound else 200
    return render(request, "patients/patient_form.html", {"form": form, "patient": patient}, status=status)


@require_GET
def patient_detail(request: ClinicRequest, pk: int) -> HttpResponse:
    patient = selectors.patient_get(clinic=request.clinic, pk=pk)
    # The exams and the documents panel come from their apps' template tags (patients sits below both).
    context = {"patient": patient, "national_id_label": _id_label(patient.clinic) or NATIONAL_ID_DEFAULT}
    return render(request, "patients/patient_detail.html", context)
