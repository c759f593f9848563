"""The lead's clinic-wide trail page, with filters, newest first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.access import lead_clinic
from audit.forms import TrailFilterForm
from audit.presentation import events_with_patients
from audit.selectors import event_list
from clinics.access import ClinicRequest

PAGE_SIZE = 50


@require_GET
def trail(request: ClinicRequest) -> HttpResponse:
    clinic = lead_clinic(request)
    form = TrailFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/trail.html", {"form": form, "page": None}, status=400)
    page = Paginator(event_list(clinic=clinic, filters=form.trail_filter()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": events_with_patients(page, clinic), "query": query.urlencode()}
    return render(request, "audit/trail.html", context)
