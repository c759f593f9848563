"""POST /api/v1/assess: exam findings in, the engine's working diagnosis out (contract: docs assess-api.md).

Stateless: nothing is read but the released protocol and nothing is stored. The engine's own parser validates
the body, so the rules and the error paths live in one place; the serializers below only document the schema.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_inputs import StrictSerializer
from protocols.api_codes import CURRENT_RELEASE, ProtocolCodeField
from protocols.engine import assess, assessment_to_dict, exam_input_parse
from protocols.engine.types import Result, Side
from protocols.registry import protocol_current

MAX_BODY_BYTES = 256 * 1024  # a full exam is about 8 KB; anything near this is a mistake or an attack
# The engine's own values: the schema's enums are read from what the parser accepts.
SIDES = [s.value for s in Side]
RESULTS = [r.value for r in Result]


def assessment_build(raw: object) -> dict[str, Any]:
    """Assess a raw request body against the current protocol; raise EngineInputError naming each bad field."""
    protocol = protocol_current()
    return assessment_to_dict(assess(protocol, exam_input_parse(protocol, raw)))


def _code(kind: str, **kwargs: Any) -> ProtocolCodeField:
    """A code of the current release (what the engine parses against): the schema lists every one as an enum."""
    return ProtocolCodeField(kind, CURRENT_RELEASE, **kwargs)


# Documentation only: the engine's parser checks the body. Each shape refuses unknown keys, as the parser does.
class FindingInputSerializer(StrictSerializer):
    maneuver = _code("maneuver", help_text="Maneuver code, e.g. fair.")
    side = serializers.ChoiceField(SIDES, required=False, allow_null=True, help_text="Required for sided maneuvers.")
    result = serializers.ChoiceField(RESULTS)
    familiar_pain = serializers.BooleanField(
        required=False, allow_null=True, help_text="A provocation counts as positive only when true."
    )


class PainRegionInputSerializer(StrictSerializer):
    region = _code("region")
    side = serializers.ChoiceField(SIDES)


class AssessInputSerializer(StrictSerializer):
    age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120, help_text="Years.")
    duration_weeks = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=2600, help_text="Whole weeks since onset."
    )
    affected_side = serializers.ChoiceField(SIDES, required=False, allow_null=True)
    red_flags = serializers.ListField(child=_code("red_flag"), required=False, help_text="Red flags present.")
    pain_regions = PainRegionInputSerializer(many=True, required=False)
    symptoms = serializers.ListField(child=_code("symptom"), required=False)
    findings = FindingInputSerializer(many=True)


class EvidenceItemOutputSerializer(serializers.Serializer[Any]):
    maneuver = serializers.CharField(required=False, help_text="Or cluster, symptom, region, red_flag.")
    side = serializers.ChoiceField(SIDES, allow_null=True)
    result = serializers.CharField(allow_null=True, help_text="As counted, after the familiar-pain rule.")
    lr = serializers.FloatField(help_text="Likelihood ratio, bounded by the protocol's lr_min..lr_max.")
    counted = serializers.BooleanField(help_text="False: shown but not multiplied (cluster member, weaker twin).")
    basis = serializers.ChoiceField(["published", "judgement"])
    # DRF's metaclass pops declared fields off the class, so a field named like a Field attribute (source,
    # label) never shadows it at run time; the stubs cannot see that.
    source = serializers.CharField(  # type: ignore[assignment]
        allow_null=True, help_text="Short citation, e.g. 'Martin 2014'."
    )
    note = serializers.CharField(allow_blank=True)


class DifferentialOutputSerializer(serializers.Serializer[Any]):
    condition = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field: see EvidenceItemOutputSerializer
    icd10 = serializers.CharField(allow_null=True)
    red_flag = serializers.BooleanField(help_text="True: placed at the head by a red flag; show it as a referral.")
    display = serializers.CharField(allow_null=True, help_text='"Red flag: refer" on a red-flag head, else null.')
    probability = serializers.FloatField(
        allow_null=True, help_text="One-vs-rest, 3 dp, never 0 or 1; null on a red-flag head (never shown as odds)."
    )
    prior = serializers.FloatField()
    supporting = EvidenceItemOutputSerializer(many=True)
    against = EvidenceItemOutputSerializer(many=True)
    evidence = serializers.ListField(child=serializers.CharField())


class ClusterOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    condition = serializers.CharField()
    positive = serializers.IntegerField()
    tested = serializers.IntegerField()
    members = serializers.IntegerField()
    threshold = serializers.IntegerField(allow_null=True)
    met = serializers.BooleanField()
    decided = serializers.BooleanField()


class SuggestionOutputSerializer(serializers.Serializer[Any]):
    maneuver = serializers.CharField()
    side = serializers.ChoiceField(SIDES, required=False)
    why = serializers.CharField()
    expected_gain = serializers.FloatField(help_text="Expected information gain in bits.")


class UrgentReferralOutputSerializer(serializers.Serializer[Any]):
    level = serializers.ChoiceField(["emergency", "urgent"])
    reasons = serializers.ListField(child=serializers.CharField())
    referral = serializers.CharField()
    condition = serializers.CharField()


class ProtocolRefOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    version = serializers.CharField()


class UnsafeTestOutputSerializer(serializers.Serializer[Any]):
    maneuver = serializers.CharField()
    red_flags = serializers.ListField(child=serializers.CharField())
    why = serializers.CharField()
    suspected = serializers.BooleanField(
        help_text="True: only suspected flags (half their picture recorded, not routed) forbid it; false: a flag."
    )


class AssessOutputSerializer(serializers.Serializer[Any]):
    protocol = ProtocolRefOutputSerializer()
    disclaimer = serializers.CharField()
    urgent_referral = UrgentReferralOutputSerializer(allow_null=True)
    working_diagnosis = serializers.CharField(allow_null=True)
    differential = DifferentialOutputSerializer(many=True)
    clusters = ClusterOutputSerializer(many=True)
    suggested_next = SuggestionOutputSerializer(many=True)
    unsafe_tests = UnsafeTestOutputSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


REQUEST_EXAMPLE = {
    "affected_side": "left",
    "red_flags": [],
    "pain_regions": [{"region": "deep_buttock", "side": "left"}],
    "symptoms": ["worse_sitting", "burning_or_electric"],
    "findings": [
        {"maneuver": "fair", "side": "left", "result": "positive", "familiar_pain": True},
        {"maneuver": "active_piriformis", "side": "left", "result": "positive", "familiar_pain": True},
        {"maneuver": "sij_distraction", "result": "negative"},
    ],
}
RESPONSE_EXAMPLE = {
    "protocol": {"code": "buttock-pain", "version": "1.0.0"},
    "disclaimer": "Working diagnosis for clinical decision support, not a final diagnosis. ...",
    "urgent_referral": None,
    "working_diagnosis": "piriformis_syndrome",
    "differential": [
        {
            "condition": "piriformis_syndrome",
            "label": "Deep gluteal syndrome: piriformis entrapment",
            "icd10": "G57.0",
            "probability": 0.86,
            "prior": 0.1,
            "supporting": [
                {
                    "maneuver": "fair",
                    "side": "left",
                    "result": "positive",
                    "lr": 5.2,
                    "counted": True,
                    "basis": "published",
                    "source": "Fishman 2002",
                    "note": "",
                }
            ],
            "against": [],
            "evidence": ["BMC DGS 2023", "Martin 2014", "Fishman 2002"],
        }
    ],
    "clusters": [
        {
            "code": "martin_dgs",
            "condition": "piriformis_syndrome",
            "positive": 1,
            "tested": 1,
            "members": 2,
            "threshold": 1,
            "met": True,
            "decided": True,
        }
    ],
    "suggested_next": [
        {
            "maneuver": "slump",
            "side": "left",
            "expected_gain": 0.21,
            "why": "Separates lumbar_radiculopathy from piriformis_syndrome and sij_pain: "
            "positive LR+ 4.94, negative LR- 0.19 (Majlesi 2008).",
        }
    ],
    "notes": [],
}
ERROR_EXAMPLE = {"findings": [{}, {"side": ["fair is sided: give left or right."]}], "colour": ["Unknown key."]}


class AssessView(APIView):
    """Assess one exam's findings; stores nothing."""

    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="assess",
        summary="Working diagnosis from exam findings",
        request=AssessInputSerializer,
        responses={
            200: AssessOutputSerializer,
            400: OpenApiResponse(description="Bad input: every offending field named by its path, DRF-style."),
        },
        examples=[
            OpenApiExample("Deep gluteal exam", value=REQUEST_EXAMPLE, request_only=True),
            OpenApiExample("Assessment", value=RESPONSE_EXAMPLE, response_only=True, status_codes=["200"]),
            OpenApiExample("Field errors", value=ERROR_EXAMPLE, response_only=True, status_codes=["400"]),
        ],
    )
    def post(self, request: Request) -> Response:
        return Response(assessment_build(_body_read(request)))


def _body_read(request: Request) -> object:
    """Return the parsed JSON body, refusing oversize or absurdly nested input with a 400, never a 500."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        # Only the findings list can legitimately grow large, so the refusal names it (assess-api.md).
        raise ValidationError(
            {"findings": [f"Request body too large ({length} bytes, at most {MAX_BODY_BYTES}): too many findings."]}
        )
    try:
        return request.data
    except RequestDataTooBig as exc:
        raise ValidationError({"findings": ["Request body too large: too many findings."]}) from exc
    except RecursionError as exc:
        raise ParseError("JSON nested too deeply.") from exc
