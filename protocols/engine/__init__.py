"""Pure-Python diagnosis engine: parse an exam, assess it against a protocol, shape the result as JSON.

It imports nothing from Django, reads no files and uses no clock, so the same exam always gives the same
assessment (style.md section 5).
"""

from .assess import assess
from .errors import EngineInputError, FieldError
from .parse import exam_input_parse
from .serialize import assessment_from_dict, assessment_to_dict
from .types import (
    Accuracy,
    Assessment,
    Basis,
    Cluster,
    ClusterStatus,
    Condition,
    DependenceGroup,
    DifferentialEntry,
    Direction,
    EvidenceItem,
    ExamInput,
    ExamStep,
    Feature,
    Finding,
    Level,
    Maneuver,
    PainRegion,
    Protocol,
    RedFlag,
    Result,
    Side,
    Source,
    SuggestedManeuver,
    Thresholds,
    UrgentReferral,
)

__all__ = [
    "Accuracy",
    "Assessment",
    "Basis",
    "Cluster",
    "ClusterStatus",
    "Condition",
    "DependenceGroup",
    "DifferentialEntry",
    "Direction",
    "EngineInputError",
    "EvidenceItem",
    "ExamInput",
    "ExamStep",
    "Feature",
    "FieldError",
    "Finding",
    "Level",
    "Maneuver",
    "PainRegion",
    "Protocol",
    "RedFlag",
    "Result",
    "Side",
    "Source",
    "SuggestedManeuver",
    "Thresholds",
    "UrgentReferral",
    "assess",
    "assessment_from_dict",
    "assessment_to_dict",
    "exam_input_parse",
]
