"""Patient registry over REST: the same selectors and services as the pages, so scoping cannot differ."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from clinics.access import ClinicApiRequest
from core.api_inputs import QueryParams, QueryText, StrictSerializer, query_params_read
from core.api_paging import ApiPage, page_respond
from patients import selectors, services
from patients.models import Patient, Sex

PATIENT_EXAMPLE = {
    "identifier": "RP-0042",
    "given_name": "Amelia",
    "family_name": "Hart",
    "date_of_birth": "1984-03-09",
    "sex": "female",
    "national_id": "9434765919",
    "address": "4 Mill Lane\nOxford OX2 6AB",
    "phone": "07700 900123",
    "email": "amelia.hart@example.org",
    "gp_practice_name": "Jericho Health Centre",
    "gp_practice_address": "Walton Street\nOxford OX2 6NW",
    "notes": "Runner; left buttock pain for 6 weeks.",
}
OUTPUT_EXAMPLE = {
    "id": 42,
    **PATIENT_EXAMPLE,
    "created_at": "2026-11-20T09:15:00Z",
    "updated_at": "2026-11-20T09:15:00Z",
    "created_by": 3,
    "updated_by": 3,
}
ERROR_EXAMPLE = OpenApiExample(
    "Duplicate identifier",
    value={"identifier": ["Another patient in this clinic already has this identifier."]},
    response_only=True,
    status_codes=["400"],
)


class PatientInputSerializer(StrictSerializer):
    """Shape of a patient write; unknown keys are refused so a typo never goes unnoticed."""

    identifier = serializers.CharField(max_length=40)
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNKNOWN)
    national_id = serializers.CharField(
        max_length=40, allow_blank=True, default="", help_text="Spaces and hyphens are removed before storing."
    )
    address = serializers.CharField(max_length=500, allow_blank=True, default="", trim_whitespace=True)
    phone = serializers.CharField(max_length=40, allow_blank=True, default="")
    email = serializers.EmailField(allow_blank=True, allow_null=True, default="")
    gp_practice_name = serializers.CharField(max_length=200, allow_blank=True, default="")
    gp_practice_address = serializers.CharField(max_length=500, allow_blank=True, default="")
    notes = serializers.CharField(max_length=5000, allow_blank=True, default="")

    def validate_email(self, value: str | None) -> str:
        return value or ""


class PatientOutputSerializer(serializers.Serializer[Patient]):
    """Every field spelled out, so the schema says exactly what a client receives (null, never "", for no email)."""

    id = serializers.IntegerField()
    identifier = serializers.CharField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    national_id = serializers.CharField(help_text="Empty when not recorded; named by the clinic's setting.")
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.SerializerMethodField()
    gp_practice_name = serializers.CharField()
    gp_practice_address = serializers.CharField()
    notes = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    created_by = serializers.IntegerField(source="created_by_id", allow_null=True)
    updated_by = serializers.IntegerField(source="updated_by_id", allow_null=True)

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_email(self, patient: Patient) -> str | None:
        return patient.email or None


class PatientListQuery(QueryParams):
    q = QueryText(help_text="Words to find in the names or patient number, or a national identifier.")


class PatientCollectionApi(APIView):
    """List the clinic's patients (searchable) or add one."""

    pagination_class = ApiPage

    @extend_schema(
        operation_id="patients_list",
        summary="List the clinic's patients, optionally searched",
        parameters=[PatientListQuery],
        responses={200: PatientOutputSerializer(many=True)},
        examples=[
            OpenApiExample(
                "One page",
                value=[OUTPUT_EXAMPLE],
                response_only=True,
            )
        ],
    )
    def get(self, request: ClinicApiRequest) -> Response:
        query = query_params_read(request, PatientListQuery).get("q", "")
        patients = selectors.patient_list(clinic=request.clinic, query=query)
        return page_respond(request, self, patients, PatientOutputSerializer)

    @extend_schema(
        operation_id="patients_create",
        summary="Add a patient to the clinic's registry",
        request=PatientInputSerializer,
        responses={201: PatientOutputSerializer},
        examples=[
            OpenApiExample("New patient", value=PATIENT_EXAMPLE, request_only=True),
            OpenApiExample("Created", value=OUTPUT_EXAMPLE, response_only=True, status_codes=["201"]),
            ERROR_EXAMPLE,
        ],
    )
    def post(self, request: ClinicApiRequest) -> Response:
        serializer = PatientInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        patient = services.patient_create(clinic=request.clinic, user=request.user, **serializer.validated_data)
        location = reverse("patient-api-detail", args=[patient.pk])
        body = PatientOutputSerializer(patient).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


class PatientItemApi(APIView):
    """Read or change one patient of the clinic; another clinic's patient is a 404."""

    @extend_schema(
        operation_id="patients_retrieve",
        summary="Read one patient",
        responses={200: PatientOutputSerializer},
        examples=[OpenApiExample("A patient", value=OUTPUT_EXAMPLE, response_only=True)],
    )
    def get(self, request: ClinicApiRequest, pk: int) -> Response:
        patient = selectors.patient_get(clinic=request.clinic, pk=pk)
        return Response(PatientOutputSerializer(patient).data)

    @extend_schema(
        operation_id="patients_replace",
        summary="Replace a patient's details (every field)",
        request=PatientInputSerializer,
        responses={200: PatientOutputSerializer},
        examples=[
            OpenApiExample("Every field", value=PATIENT_EXAMPLE, request_only=True),
            OpenApiExample("Saved", value=OUTPUT_EXAMPLE, response_only=True, status_codes=["200"]),
            ERROR_EXAMPLE,
        ],
    )
    def put(self, request: ClinicApiRequest, pk: int) -> Response:
        return self._patient_write(request, pk, partial=False)

    @extend_schema(
        operation_id="patients_update",
        summary="Change some of a patient's details",
        request=PatientInputSerializer(partial=True),
        responses={200: PatientOutputSerializer},
        examples=[
            OpenApiExample("New phone number", value={"phone": "07700 900456"}, request_only=True),
            OpenApiExample("Saved", value=OUTPUT_EXAMPLE, response_only=True, status_codes=["200"]),
            ERROR_EXAMPLE,
        ],
    )
    def patch(self, request: ClinicApiRequest, pk: int) -> Response:
        return self._patient_write(request, pk, partial=True)

    def _patient_write(self, request: ClinicApiRequest, pk: int, *, partial: bool) -> Response:
        patient = selectors.patient_get(clinic=request.clinic, pk=pk)
        serializer = PatientInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.patient_update(patient=patient, user=request.user, changes=serializer.validated_data)
        return Response(PatientOutputSerializer(patient).data)
