"""The exam's history over REST: read it, or change some fields with the exam version (409 when stale)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.access import ClinicApiRequest
from exams import services
from exams.api.serializers import ExamHistoryInput, ExamHistoryOutput, ExamHistorySavedOutput
from exams.assessment import exam_age, exam_duration_weeks
from exams.history import FIELDS, Kind
from exams.models import Exam, ExamHistory
from exams.selectors import exam_get, exam_history_get

HISTORY_EXAMPLE = {
    "onset": "sudden",
    "mechanism": "Felt a pop water-skiing",
    "onset_date": "2026-11-10",
    "onset_weeks": None,
    "pain_now": 4,
    "pain_worst": 8,
    "aggravating": "Sitting on hard chairs",
    "easing": "Lying on the other side",
    "activity_1": "Running",
    "activity_1_score": 2,
    "activity_2": "",
    "activity_2_score": None,
    "treatment": "",
    "medication": "Ibuprofen 400 mg as needed",
    "relevant_history": "",
}


def history_values(exam: Exam, history: ExamHistory | None) -> dict[str, Any]:
    """The history's fields and what follows from them; an exam without one answers every field empty."""
    row = history or ExamHistory(exam=exam)
    values = {name: getattr(row, name) for name in FIELDS}
    for name, spec in FIELDS.items():
        if spec.kind in (Kind.CHOICE, Kind.LINE, Kind.TEXT):
            values[name] = values[name] or ""
    return {
        **values,
        "duration_weeks": exam_duration_weeks(exam, history),
        "age": exam_age(exam),
        "revisions": row.revisions,
        "version": exam.version,
    }


class HistoryApi(APIView):
    """Read or change the history of the clinic's exam; another clinic's exam is a 404."""

    @extend_schema(summary="Read the exam's history", responses={200: ExamHistoryOutput, 404: dict})
    def get(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        return Response(ExamHistoryOutput(history_values(exam, exam_history_get(exam=exam))).data)

    @extend_schema(
        summary="Change some history fields (those sent; the rest stay)",
        request=ExamHistoryInput,
        responses={200: ExamHistorySavedOutput, 400: dict, 404: dict, 409: dict},
        examples=[
            OpenApiExample("Request", value={"pain_now": 4, "pain_worst": 8, "version": 6}, request_only=True),
            OpenApiExample(
                "Saved",
                value={**HISTORY_EXAMPLE, "duration_weeks": 3, "age": 42, "version": 7, "changed": True},
                response_only=True,
            ),
            OpenApiExample(
                "Future onset date",
                value={"onset_date": ["Onset date cannot be in the future."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def patch(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        serializer = ExamHistoryInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version")
        saved = services.history_record(exam=exam, changes=changes, version=version)
        body = {**history_values(exam, exam_history_get(exam=exam)), "changed": saved.changed}
        return Response(ExamHistorySavedOutput(body).data)
