"""API shapes for exams: strict inputs (unknown keys refused) and plain outputs; no rules live here."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api_inputs import StrictSerializer, id_field
from exams.history import FIELDS, SCORE_MAX, WEEKS_MAX
from exams.models import Onset, Result, Side, Status
from exams.selectors import ExamAnswers
from protocols.api_codes import ProtocolCodeField

SIDE_OR_NONE = [("", "No side"), *Side.choices]


class VersionedInput(StrictSerializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="The exam version the client last saw."
    )


class ExamCreateInput(StrictSerializer):
    patient = id_field()


class ExamFindingInput(VersionedInput):
    maneuver = ProtocolCodeField("maneuver")
    side = serializers.ChoiceField(choices=SIDE_OR_NONE, allow_null=True, default="")
    result = serializers.ChoiceField(choices=Result.choices)
    familiar_pain = serializers.BooleanField(allow_null=True, default=None)


class ExamRedFlagInput(VersionedInput):
    code = ProtocolCodeField("red_flag")
    present = serializers.BooleanField()


class ExamPainRegionInput(VersionedInput):
    region = ProtocolCodeField("region")
    side = serializers.ChoiceField(choices=Side.choices)
    present = serializers.BooleanField(default=True)


class ExamSymptomInput(VersionedInput):
    code = ProtocolCodeField("symptom")
    present = serializers.BooleanField(default=True)


class ExamAffectedSideInput(VersionedInput):
    side = serializers.ChoiceField(choices=SIDE_OR_NONE, allow_blank=True)
    expected = serializers.ChoiceField(choices=SIDE_OR_NONE, allow_blank=True, allow_null=True, default=None)


def _score() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=SCORE_MAX, allow_null=True, required=False)


def _text(name: str) -> serializers.CharField:
    return serializers.CharField(max_length=FIELDS[name].max_length, allow_blank=True, required=False)


class ExamHistoryInput(StrictSerializer):
    """Any subset of the history fields with the exam version; null or "" clears a field."""

    version = serializers.IntegerField(min_value=1, help_text="The exam version the client last saw.")
    onset = serializers.ChoiceField(choices=Onset.choices, allow_blank=True, required=False)
    mechanism = _text("mechanism")
    onset_date = serializers.DateField(allow_null=True, required=False, help_text="Not in the future.")
    onset_weeks = serializers.IntegerField(min_value=0, max_value=WEEKS_MAX, allow_null=True, required=False)
    pain_now = _score()
    pain_worst = _score()
    aggravating = _text("aggravating")
    easing = _text("easing")
    activity_1 = _text("activity_1")
    activity_1_score = _score()
    activity_2 = _text("activity_2")
    activity_2_score = _score()
    treatment = _text("treatment")
    medication = _text("medication")
    relevant_history = _text("relevant_history")


class ExamHistoryOutput(serializers.Serializer[Any]):
    """Every field (empty text as "", unknown numbers and dates as null), with what the engine reads from it."""

    onset = serializers.CharField(help_text="sudden, gradual or empty")
    mechanism = serializers.CharField()
    onset_date = serializers.DateField(allow_null=True)
    onset_weeks = serializers.IntegerField(allow_null=True)
    pain_now = serializers.IntegerField(allow_null=True)
    pain_worst = serializers.IntegerField(allow_null=True)
    aggravating = serializers.CharField()
    easing = serializers.CharField()
    activity_1 = serializers.CharField()
    activity_1_score = serializers.IntegerField(allow_null=True)
    activity_2 = serializers.CharField()
    activity_2_score = serializers.IntegerField(allow_null=True)
    treatment = serializers.CharField()
    medication = serializers.CharField()
    relevant_history = serializers.CharField()
    duration_weeks = serializers.IntegerField(allow_null=True, help_text="Weeks since onset on the exam date.")
    age = serializers.IntegerField(allow_null=True, help_text="Age in whole years on the exam date.")
    revisions = serializers.DictField(
        child=serializers.IntegerField(), help_text="Per field, the exam version it was last written at."
    )
    version = serializers.IntegerField(help_text="The exam version now; send it with the next write.")


class ExamHistorySavedOutput(ExamHistoryOutput):
    changed = serializers.BooleanField(help_text="False when every value sent was already stored (no new version).")


class ExamCompleteInput(StrictSerializer):
    final_diagnosis = ProtocolCodeField("condition", allow_blank=True, default="")
    override_reason = serializers.CharField(max_length=2000, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class ExamAddendumInput(StrictSerializer):
    text = serializers.CharField(max_length=5000)


class ProtocolRef(serializers.Serializer[Any]):
    code = serializers.CharField(source="protocol_code")
    version = serializers.CharField(source="protocol_version")


class ExamOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    patient = serializers.IntegerField(source="patient_id")
    clinician = serializers.IntegerField(source="clinician_id")
    protocol = ProtocolRef(source="*", help_text="The protocol version this exam is pinned to.")
    status = serializers.ChoiceField(choices=Status.choices)
    current_step = serializers.CharField()
    version = serializers.IntegerField()
    affected_side = serializers.CharField()
    started_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    signed_by = serializers.IntegerField(source="signed_by_id", allow_null=True)
    cosigned_at = serializers.DateTimeField(allow_null=True)
    cosigned_by = serializers.IntegerField(source="cosigned_by_id", allow_null=True)
    engine_diagnosis = serializers.CharField()
    final_diagnosis = serializers.CharField()
    override_reason = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class AddendumOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    author = serializers.IntegerField(source="author_id")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ExamDetailOutput(ExamOutput):
    """Documents the detail shape: the exam, every answer with its revision, the assessment and addenda."""

    answers = serializers.DictField(help_text="red_flags, pain_regions, symptoms and findings, each with revision")
    history = ExamHistoryOutput(help_text="Onset, pain, function and treatment so far, with age and duration")
    assessment = serializers.DictField(help_text="The assess contract: stored at completion, else computed live")
    addenda = AddendumOutput(many=True)


class AnswerSavedOutput(serializers.Serializer[Any]):
    version = serializers.IntegerField(help_text="The exam version after this call; send it with the next write.")
    changed = serializers.BooleanField(help_text="False when the same answer was already stored (no new version).")


def answers_shape(answers: ExamAnswers) -> dict[str, list[dict[str, Any]]]:
    """Return every stored answer with the revision it was last written at."""
    return {
        "red_flags": [
            {"code": r.code, "present": r.present, "revision": r.revision} for r in answers.red_flags.values()
        ],
        "pain_regions": [
            {"region": r.region, "side": r.side, "revision": r.revision} for r in answers.regions.values()
        ],
        "symptoms": [{"code": r.code, "revision": r.revision} for r in answers.symptoms.values()],
        "findings": [
            {
                "maneuver": r.maneuver,
                "side": r.side or None,
                "result": r.result,
                "familiar_pain": r.familiar_pain,
                "revision": r.revision,
            }
            for r in answers.findings.values()
        ],
    }
