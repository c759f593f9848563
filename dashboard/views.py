"""The clinic lead's dashboard: thin views over filters, figures and facets; clinicians get 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from clinics.access import ClinicRequest
from clinics.roles import lead_required
from core.errors import DomainError
from dashboard import charts, export
from dashboard.facets import FACETS, facet_exams, red_flag_present
from dashboard.figures import dashboard_figures, red_flag_codes
from dashboard.filters import FilterForm
from dashboard.models import ReferralMade
from dashboard.protocol_groups import vocabulary
from exams.models import Exam

PAGE_SIZE = 25
NOTE_MAX = ReferralMade._meta.get_field("note").max_length or 300


def _refused(request: ClinicRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Answer a bad filter with the page itself, the error beside its field, and status 400."""
    return render(request, template, context, status=400)


@require_GET
@lead_required
def dashboard(request: ClinicRequest) -> HttpResponse:
    form = FilterForm(request.GET, clinic=request.clinic)
    if not form.is_valid():
        return _refused(request, "dashboard/dashboard.html", {"form": form})
    filters = form.filters()
    figures = dashboard_figures(filters)
    chart_set = {
        "weeks": charts.week_chart(slug="weeks", title="Exams per week", weeks=figures["weeks"]),
        "diagnoses": charts.bar_chart(slug="diagnoses", title="Final diagnosis mix", shares=figures["diagnoses"]),
        "overrides": charts.bar_chart(
            slug="overrides",
            title="Engine overridden, by working diagnosis",
            shares=figures["overrides"],
            as_percent=True,
        ),
        "skipped": charts.bar_chart(
            slug="skipped", title="Maneuver groups skipped", shares=figures["skipped"], as_percent=True
        ),
        "versions": charts.bar_chart(slug="versions", title="Protocol version per exam", shares=figures["versions"]),
    }
    context = {"form": form, "filters": filters, "charts": chart_set, **figures}
    return render(request, "dashboard/dashboard.html", context)


@require_GET
@lead_required
def exam_list(request: ClinicRequest) -> HttpResponse:
    """List, paginated, exactly the exams one figure counts (the same facet)."""
    form = FilterForm(request.GET, clinic=request.clinic)
    name, value = request.GET.get("facet", ""), request.GET.get("value", "")
    context: dict[str, Any] = {"form": form, "facet": name, "value": value}
    if not form.is_valid():
        return _refused(request, "dashboard/exam_list.html", context)
    filters = form.filters()
    try:
        exams = facet_exams(filters=filters, facet=name, value=value, now=timezone.now())
    except DomainError as error:
        return _refused(request, "dashboard/exam_list.html", context | {"error": error})
    rows = exams.annotate(flags=red_flag_codes()).select_related("clinician", "patient").order_by("-started_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    vocab = vocabulary()
    label = FACETS[name][0]
    if value:
        label += (
            f": {vocab.condition(value) if name in {'diagnosis', 'override'} else vocab.group_titles.get(value, value)}"
        )
    context |= {
        "filters": filters,
        "page": page,
        "label": label,
        "vocab": vocab,
        "query": filters.query(facet=name, value=value),
    }
    return render(request, "dashboard/exam_list.html", context)


@require_GET
@lead_required
def export_csv(request: ClinicRequest) -> HttpResponseBase:
    """Stream one CSV row per exam started in the period (same filters as the page); 400 names a bad filter."""
    form = FilterForm(request.GET, clinic=request.clinic)
    if not form.is_valid():
        problems = "; ".join(f"{field}: {' '.join(map(str, errors))}" for field, errors in form.errors.items())
        return HttpResponseBadRequest(f"Export refused. {problems}\n", content_type="text/plain; charset=utf-8")
    filters = form.filters()
    response = StreamingHttpResponse(export.exam_rows_csv(filters), content_type="text/csv; charset=utf-8")
    name = f"exams-{filters.period.start:%Y%m%d}-{filters.period.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@lead_required
def referral_made(request: ClinicRequest, pk: int) -> HttpResponse:
    """Record that the urgent referral a red-flag exam called for was made (once; the first record stands)."""
    exam = get_object_or_404(
        Exam.objects.filter(red_flag_present()).select_related("patient"), clinic=request.clinic, pk=pk
    )
    note = request.POST.get("note", "").strip()
    back = request.POST.get("next", "")
    back = back if back.startswith("/dashboard/") else reverse("dashboard:dashboard")
    if len(note) > NOTE_MAX:
        messages.error(request, f"Note: keep it to {NOTE_MAX} characters; the referral was not recorded.")
        return redirect(back)
    _, created = ReferralMade.objects.get_or_create(exam=exam, defaults={"recorded_by": request.user, "note": note})
    if created:
        messages.success(request, f"Referral recorded as made for {exam.patient.full_name}.")
    else:
        messages.info(request, "The referral was already recorded as made.")
    return redirect(back)
