"""Exams over REST: list and start, read with answers and assessment, complete, sign and add addenda."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.access import ClinicApiRequest
from core.api_inputs import QueryParams, id_field, query_params_read
from core.api_paging import ApiPage, page_respond
from core.errors import DomainError
from exams import services
from exams.api.history import history_values
from exams.api.serializers import (
    AddendumOutput,
    ExamAddendumInput,
    ExamCompleteInput,
    ExamCreateInput,
    ExamDetailOutput,
    ExamHistoryOutput,
    ExamOutput,
    answers_shape,
)
from exams.assessment import exam_assessment_dict
from exams.models import Exam, Status
from exams.selectors import addendum_list, exam_answers_get, exam_get, exam_list
from patients.selectors import patient_get

EXAM_EXAMPLE = {
    "id": 12,
    "patient": 42,
    "clinician": 3,
    "protocol": {"code": "buttock-pain", "version": "1.0.0"},
    "status": "in_progress",
    "current_step": "deep_gluteal",
    "version": 7,
    "affected_side": "left",
    "started_at": "2026-11-20T09:20:00Z",
    "completed_at": None,
    "signed_at": None,
    "signed_by": None,
    "cosigned_at": None,
    "cosigned_by": None,
    "engine_diagnosis": "",
    "final_diagnosis": "",
    "override_reason": "",
    "url": "/exams/12/",
}
DETAIL_EXAMPLE = {
    **EXAM_EXAMPLE,
    "answers": {
        "red_flags": [{"code": "saddle_anaesthesia", "present": False, "revision": 2}],
        "pain_regions": [{"region": "deep_buttock", "side": "left", "revision": 4}],
        "symptoms": [{"code": "worse_sitting", "revision": 5}],
        "findings": [{"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True, "revision": 7}],
    },
    "assessment": {
        "protocol": {"code": "buttock-pain", "version": "1.0.0"},
        "working_diagnosis": None,
        "urgent_referral": None,
        "differential": [],
        "clusters": [],
        "suggested_next": [],
    },
    "addenda": [],
}


def exam_detail_shape(exam: Exam) -> dict[str, Any]:
    """Return the exam with every answer and its assessment (stored once completed, else live)."""
    answers = exam_answers_get(exam=exam)
    return {
        **ExamOutput(exam).data,
        "answers": answers_shape(answers),
        "history": ExamHistoryOutput(history_values(exam, answers.history)).data,
        "assessment": exam_assessment_dict(exam, answers),
        "addenda": AddendumOutput(addendum_list(exam=exam), many=True).data,
    }


class ExamListQuery(QueryParams):
    patient = id_field(help_text="Only this patient's exams (a patient id).")
    status = serializers.ChoiceField(choices=Status.choices, help_text="Only exams in this state.")


class ExamCollectionApi(APIView):
    pagination_class = ApiPage

    @extend_schema(
        summary="List your clinic's exams",
        parameters=[ExamListQuery],
        responses={200: ExamOutput(many=True)},
        examples=[
            OpenApiExample(
                "Page",
                value=[EXAM_EXAMPLE],
                response_only=True,
            )
        ],
    )
    def get(self, request: ClinicApiRequest) -> Response:
        filters = query_params_read(request, ExamListQuery)
        exams = exam_list(clinic=request.clinic)
        if "patient" in filters:
            exams = exams.filter(patient_id=filters["patient"])
        if "status" in filters:
            exams = exams.filter(status=filters["status"])
        return page_respond(request, self, exams, ExamOutput)

    @extend_schema(
        summary="Start an exam for a patient (or get the one in progress)",
        request=ExamCreateInput,
        responses={201: ExamOutput, 200: ExamOutput},
        examples=[
            OpenApiExample("Start", value={"patient": 42}, request_only=True),
            OpenApiExample("Started", value=EXAM_EXAMPLE, response_only=True, status_codes=["201"]),
        ],
    )
    def post(self, request: ClinicApiRequest) -> Response:
        serializer = ExamCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            patient = patient_get(clinic=request.clinic, pk=serializer.validated_data["patient"])
        except Http404:
            raise DomainError("patient", "No such patient in your clinic.") from None
        exam, created = services.exam_start(clinic=request.clinic, patient=patient, clinician=request.user)
        return Response(ExamOutput(exam).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ExamItemApi(APIView):
    @extend_schema(
        summary="Read an exam with its answers and assessment",
        responses={200: ExamDetailOutput},
        examples=[OpenApiExample("Exam", value=DETAIL_EXAMPLE, response_only=True)],
    )
    def get(self, request: ClinicApiRequest, pk: int) -> Response:
        return Response(exam_detail_shape(exam_get(clinic=request.clinic, pk=pk)))


class ExamCompleteApi(APIView):
    @extend_schema(
        summary="Complete: store the assessment with the confirmed or overridden final diagnosis",
        request=ExamCompleteInput,
        responses={200: ExamOutput, 400: None, 409: None},
        examples=[
            OpenApiExample(
                "Override",
                value={
                    "final_diagnosis": "sij_pain",
                    "override_reason": "Positive SIJ cluster and a clear history of a fall on the buttock.",
                    "version": 9,
                },
                request_only=True,
            ),
            OpenApiExample(
                "Reason missing",
                value={
                    "override_reason": [
                        "Give the reason for a final diagnosis that differs from the working diagnosis."
                    ]
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        serializer = ExamCompleteInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.exam_complete(
            exam=exam,
            final_diagnosis=data["final_diagnosis"],
            override_reason=data["override_reason"],
            version=data.get("version"),
            user=request.user,
        )
        return Response(ExamOutput(exam).data)


class ExamSignApi(APIView):
    @extend_schema(
        summary="Sign a completed exam; it becomes read-only",
        request=None,
        responses={200: ExamOutput, 400: None, 409: None},
        examples=[
            OpenApiExample(
                "Already signed",
                value={"__all__": ["This exam is already signed."]},
                response_only=True,
                status_codes=["409"],
            )
        ],
    )
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        services.exam_sign(exam=exam, user=request.user)
        return Response(ExamOutput(exam).data)


class ExamCosignApi(APIView):
    @extend_schema(
        summary="Co-sign a signed exam (clinic leads other than the examining clinician)",
        request=None,
        responses={200: ExamOutput, 400: None, 403: None, 409: None},
    )
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        services.exam_cosign(exam=exam, user=request.user, is_lead=request.membership.is_lead)
        return Response(ExamOutput(exam).data)


class AddendumApi(APIView):
    @extend_schema(
        summary="Add an addendum to a signed exam",
        request=ExamAddendumInput,
        responses={201: AddendumOutput},
        examples=[
            OpenApiExample("Addendum", value={"text": "Patient phoned: pain eased after two weeks."}, request_only=True)
        ],
    )
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        serializer = ExamAddendumInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        addendum = services.addendum_add(exam=exam, author=request.user, text=serializer.validated_data["text"])
        return Response(AddendumOutput(addendum).data, status=status.HTTP_201_CREATED)
