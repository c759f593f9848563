"""Read-only protocol knowledge over REST: what a client needs to render the exam and show its evidence."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_paging import ApiPage, page_respond
from protocols.engine.types import Accuracy, Maneuver, Protocol
from protocols.registry import ProtocolNotFound, protocol_current, protocol_get, releases_list


class ProtocolAccuracyOutputSerializer(serializers.Serializer[Any]):
    condition = serializers.CharField()
    # DRF's metaclass pops declared fields off the class, so a field named like a Field attribute (source,
    # label) never shadows it at run time; the stubs cannot see that.
    source = serializers.CharField(allow_null=True)  # type: ignore[assignment]
    citation = serializers.CharField(allow_null=True, help_text="Short citation, e.g. 'Laslett 2005'.")
    basis = serializers.ChoiceField(choices=["published", "judgement"])
    sensitivity = serializers.FloatField(allow_null=True)
    specificity = serializers.FloatField(allow_null=True)
    lr_pos = serializers.FloatField(allow_null=True)
    lr_neg = serializers.FloatField(allow_null=True)
    n = serializers.IntegerField(allow_null=True)
    reference_standard = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    preferred = serializers.BooleanField(help_text="The one estimate the assessment uses for this condition.")
    confirmed = serializers.BooleanField(help_text="False where the figure could not be checked in a source.")


class ProtocolManeuverOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    sided = serializers.BooleanField()
    either_side = serializers.BooleanField(help_text="Record against the symptomatic leg, whichever leg moves.")
    provocation = serializers.BooleanField(help_text="Positive only when it reproduces the familiar pain.")
    position = serializers.CharField()
    action = serializers.CharField()
    positive = serializers.CharField()
    targets = serializers.ListField(child=serializers.CharField())
    accuracy = ProtocolAccuracyOutputSerializer(many=True)


class ProtocolStepOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    title = serializers.CharField()
    maneuvers = ProtocolManeuverOutputSerializer(many=True)


class ProtocolRedFlagOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    level = serializers.ChoiceField(choices=["emergency", "urgent"])
    question = serializers.CharField()
    lay_words = serializers.CharField()
    suggests = serializers.CharField()
    referral = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field: see above
    citation = serializers.CharField()


class ProtocolConditionOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field: see above
    icd10 = serializers.CharField(allow_null=True)
    red_flag_level = serializers.CharField(allow_null=True)
    prior = serializers.FloatField()
    prior_basis = serializers.CharField()
    prior_note = serializers.CharField()
    regions = serializers.ListField(child=serializers.CharField())
    referral = serializers.CharField()


class ProtocolClusterOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    condition = serializers.CharField()
    members = serializers.ListField(child=serializers.CharField())
    threshold = serializers.IntegerField(allow_null=True)
    rule = serializers.CharField()
    accuracy = ProtocolAccuracyOutputSerializer(allow_null=True)


class ProtocolSourceOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    short = serializers.CharField()
    citation = serializers.CharField()


class ProtocolDetailOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    version = serializers.CharField()
    title = serializers.CharField()
    disclaimer = serializers.CharField()
    steps = ProtocolStepOutputSerializer(many=True)
    red_flags = ProtocolRedFlagOutputSerializer(many=True)
    regions = serializers.ListField(child=serializers.CharField())
    symptoms = serializers.ListField(child=serializers.CharField())
    conditions = ProtocolConditionOutputSerializer(many=True)
    clusters = ProtocolClusterOutputSerializer(many=True)
    sources = ProtocolSourceOutputSerializer(many=True)


class ProtocolListOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    version = serializers.CharField()
    title = serializers.CharField()
    current = serializers.BooleanField(help_text="The version new exams are recorded under.")
    url = serializers.CharField()


def protocol_document_build(protocol: Protocol) -> dict[str, Any]:
    """Flatten the frozen knowledge into the detail reply, naming each figure's short citation."""

    def short(key: str | None) -> str | None:
        found = protocol.sources.get(key) if key is not None else None
        return found.short if found is not None else None

    def accuracy(entry: Accuracy | None) -> dict[str, Any] | None:
        return None if entry is None else {**asdict(entry), "citation": short(entry.source)}

    def maneuver(m: Maneuver) -> dict[str, Any]:
        return {**asdict(m), "accuracy": [accuracy(a) for a in m.accuracy]}

    return {
        "code": protocol.code,
        "version": protocol.version,
        "title": protocol.title,
        "disclaimer": protocol.disclaimer,
        "steps": [
            {"code": s.code, "title": s.title, "maneuvers": [maneuver(protocol.maneuvers[c]) for c in s.maneuvers]}
            for s in protocol.steps
        ],
        "red_flags": [{**asdict(f), "citation": short(f.source)} for f in protocol.red_flags.values()],
        "regions": list(protocol.regions),
        "symptoms": list(protocol.symptoms),
        "conditions": [asdict(c) for c in protocol.conditions.values()],
        "clusters": [{**asdict(c), "accuracy": accuracy(c.accuracy)} for c in protocol.clusters.values()],
        "sources": [asdict(s) for s in protocol.sources.values()],
    }


LIST_EXAMPLE = {  # one row: drf-spectacular shows it inside the page object
    "code": "buttock-pain",
    "version": "1.1.0",
    "title": "Buttock pain (deep gluteal syndrome and its mimics)",
    "current": True,
    "url": "/api/v1/protocols/buttock-pain/?version=1.1.0",
}
DETAIL_EXAMPLE = {
    "code": "buttock-pain",
    "version": "1.0.0",
    "title": "Buttock pain (deep gluteal syndrome and its mimics)",
    "disclaimer": "Working diagnosis for clinical decision support, not a final diagnosis. ...",
    "steps": [
        {
            "code": "deep_gluteal",
            "title": "Deep gluteal space (sciatic nerve entrapment)",
            "maneuvers": [
                {
                    "code": "active_piriformis",
                    "name": "Active piriformis test",
                    "sided": True,
                    "either_side": False,
                    "provocation": True,
                    "position": "Patient lying on the unaffected side; ...",
                    "action": "Ask the patient to press the heel into the couch ...",
                    "positive": "It brings on the patient's own buttock pain under your fingers.",
                    "targets": ["piriformis_syndrome", "obturator_gemelli_syndrome"],
                    "accuracy": [
                        {
                            "condition": "piriformis_syndrome",
                            "source": "martin2014",
                            "citation": "Martin 2014",
                            "basis": "published",
                            "sensitivity": 0.78,
                            "specificity": 0.8,
                            "lr_pos": 3.9,
                            "lr_neg": 0.27,
                            "n": 33,
                            "reference_standard": "Sciatic nerve entrapment found at endoscopy ...",
                            "note": "Published figures ...",
                            "preferred": True,
                            "confirmed": True,
                        }
                    ],
                }
            ],
        }
    ],
    "red_flags": [
        {
            "code": "saddle_anaesthesia",
            "level": "emergency",
            "question": "Since the pain began, have you noticed numbness ...?",
            "lay_words": "Numb or strange feeling between the legs ...",
            "suggests": "cauda_equina_syndrome",
            "referral": "Emergency department today, without waiting. ...",
            "source": "girft2023",
            "citation": "GIRFT 2023",
        }
    ],
    "regions": ["lower_back", "upper_buttock", "deep_buttock"],
    "symptoms": ["burning_or_electric", "numbness_tingling", "worse_sitting"],
    "conditions": [
        {
            "code": "sij_pain",
            "label": "Sacroiliac joint pain / dysfunction",
            "icd10": "M53.3",
            "red_flag_level": None,
            "prior": 0.15,
            "prior_basis": "judgement",
            "prior_note": "Anchor: 13 % in ... (Laslett 2008, published). ...",
            "regions": ["sacral_dimple", "upper_buttock"],
            "referral": "MSK physiotherapy first; ...",
        }
    ],
    "clusters": [],
    "sources": [{"key": "martin2014", "short": "Martin 2014", "citation": "Martin HD, Kivlan BR, ..."}],
}
NOT_FOUND = OpenApiExample(
    "Unknown protocol or version", value={"detail": "No released protocol buttock-pain 9.9.9."}, status_codes=["404"]
)


class ProtocolListView(APIView):
    pagination_class = ApiPage

    @extend_schema(
        operation_id="protocols_list",
        responses={200: ProtocolListOutputSerializer(many=True)},
        examples=[OpenApiExample("Released versions", value=LIST_EXAMPLE, response_only=True)],
        summary="List released protocol versions",
    )
    def get(self, request: Request) -> Response:
        base = reverse("protocols:protocol-list")
        rows = [{**row, "url": f"{base}{row['code']}/?version={row['version']}"} for row in releases_list()]
        return page_respond(request, self, rows, ProtocolListOutputSerializer)


class ProtocolDetailView(APIView):
    @extend_schema(
        operation_id="protocols_retrieve",
        parameters=[
            OpenApiParameter("version", str, description="A released version, e.g. 1.0.0; default: the current one.")
        ],
        responses={200: ProtocolDetailOutputSerializer, 404: dict},
        examples=[OpenApiExample("Buttock-pain 1.0.0", value=DETAIL_EXAMPLE, response_only=True), NOT_FOUND],
        summary="The exam a client renders: steps, maneuvers with their evidence, red flags, conditions",
    )
    def get(self, request: Request, code: str) -> Response:
        version = request.query_params.get("version")
        try:
            protocol = protocol_get(code, version) if version else protocol_current(code)
        except ProtocolNotFound as exc:
            raise NotFound(str(exc)) from exc
        return Response(ProtocolDetailOutputSerializer(protocol_document_build(protocol)).data)
