"""One endpoint per kind of answer; each runs the same service as the exam screens, with the same version rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.access import ClinicApiRequest
from exams import services
from exams.api.serializers import (
    AnswerSavedOutput,
    ExamAffectedSideInput,
    ExamFindingInput,
    ExamPainRegionInput,
    ExamRedFlagInput,
    ExamSymptomInput,
)
from exams.models import Exam
from exams.selectors import exam_get

F = TypeVar("F", bound=Callable[..., Any])

SAVED_EXAMPLE = OpenApiExample("Saved", value={"version": 8, "changed": True}, response_only=True, status_codes=["200"])
CONFLICT_EXAMPLE = OpenApiExample(
    "Changed on another device",
    value={
        "result": ["Changed on another device since you last looked; your tap was not saved."],
        "current": {"result": "negative", "familiar_pain": None},
        "version": 9,
    },
    response_only=True,
    status_codes=["409"],
)
BAD_EXAMPLE = OpenApiExample(
    "Unknown code", value={"maneuver": ["Unknown maneuver “fiar”."]}, response_only=True, status_codes=["400"]
)


def _schema(
    input_class: type[serializers.Serializer[Any]], request_example: dict[str, Any], summary: str
) -> Callable[[F], F]:
    return extend_schema(
        summary=summary,
        request=input_class,
        responses={200: AnswerSavedOutput, 409: None},
        examples=[
            OpenApiExample("Request", value=request_example, request_only=True),
            SAVED_EXAMPLE,
            CONFLICT_EXAMPLE,
            BAD_EXAMPLE,
        ],
    )


class AnswerApi(APIView):
    """Validate the shape, save through the service, answer with the new version (409 when stale)."""

    input_class: ClassVar[type[serializers.Serializer[Any]]]

    def save(self, exam: Exam, data: dict[str, Any]) -> services.AnswerSaved:
        raise NotImplementedError

    def write(self, request: ClinicApiRequest, pk: int) -> Response:
        exam = exam_get(clinic=request.clinic, pk=pk)
        serializer = self.input_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = self.save(exam, serializer.validated_data)
        return Response(AnswerSavedOutput({"version": saved.exam.version, "changed": saved.changed}).data)


class FindingApi(AnswerApi):
    input_class = ExamFindingInput

    @_schema(
        ExamFindingInput,
        {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True, "version": 7},
        "Record one maneuver result (upsert)",
    )
    def put(self, request: ClinicApiRequest, pk: int) -> Response:
        return self.write(request, pk)

    def save(self, exam: Exam, data: dict[str, Any]) -> services.AnswerSaved:
        return services.finding_record(
            exam=exam,
            maneuver=data["maneuver"],
            side=data["side"] or "",
            result=data["result"],
            familiar_pain=data["familiar_pain"],
            version=data["version"],
        )


class RedFlagApi(AnswerApi):
    input_class = ExamRedFlagInput

    @_schema(ExamRedFlagInput, {"code": "saddle_anaesthesia", "present": False, "version": 3}, "Answer one red flag")
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        return self.write(request, pk)

    def save(self, exam: Exam, data: dict[str, Any]) -> services.AnswerSaved:
        return services.red_flag_record(exam=exam, code=data["code"], present=data["present"], version=data["version"])


class PainRegionApi(AnswerApi):
    input_class = ExamPainRegionInput

    @_schema(
        ExamPainRegionInput,
        {"region": "deep_buttock", "side": "left", "present": True, "version": 4},
        "Mark or unmark one pain region",
    )
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        return self.write(request, pk)

    def save(self, exam: Exam, data: dict[str, Any]) -> services.AnswerSaved:
        return services.pain_region_set(
            exam=exam, region=data["region"], side=data["side"], present=data["present"], version=data["version"]
        )


class SymptomApi(AnswerApi):
    input_class = ExamSymptomInput

    @_schema(ExamSymptomInput, {"code": "worse_sitting", "present": True, "version": 5}, "Mark or unmark one symptom")
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        return self.write(request, pk)

    def save(self, exam: Exam, data: dict[str, Any]) -> services.AnswerSaved:
        return services.symptom_set(exam=exam, code=data["code"], present=data["present"], version=data["version"])


class AffectedSideApi(AnswerApi):
    input_class = ExamAffectedSideInput

    @_schema(ExamAffectedSideInput, {"side": "left", "expected": "", "version": 2}, "Set the affected side")
    def post(self, request: ClinicApiRequest, pk: int) -> Response:
        return self.write(request, pk)

    def save(self, exam: Exam, data: dict[str, Any]) -> services.AnswerSaved:
        return services.affected_side_set(
            exam=exam, side=data["side"], version=data["version"], expected=data["expected"]
        )
