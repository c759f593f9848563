"""A refusal of a FHIR endpoint as a FHIR OperationOutcome: one issue per message, naming the field at fault.

A FHIR client reads errors as OperationOutcome resources (FHIR R4 http.html#summary), so the export answers its
errors in FHIR's shape and media type rather than DRF's; the messages are the ones the rest of the API gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fhir.resources.operationoutcome import OperationOutcome, OperationOutcomeIssue

# HTTP status to FHIR's issue-type code (http://hl7.org/fhir/issue-type).
ISSUE_TYPES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    409: "conflict",
    415: "not-supported",
    429: "throttled",
}
# Keys of DRF's error body that name no field.
UNNAMED = {"detail", "non_field_errors"}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A FHIR R4 OperationOutcome: one issue per problem, `diagnostics` naming the field at fault.",
    "properties": {
        "resourceType": {"type": "string", "enum": ["OperationOutcome"]},
        "issue": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "severity": {"type": "string", "enum": ["fatal", "error", "warning", "information"]},
                    "code": {"type": "string", "enum": sorted(set(ISSUE_TYPES.values()) | {"exception"})},
                    "diagnostics": {"type": "string"},
                },
                "required": ["severity", "code"],
            },
        },
    },
    "required": ["resourceType", "issue"],
    "example": {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "invalid", "diagnostics": "version: This value does not match."}],
    },
}


def _messages(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (field path, message) for each message of DRF's error body, nested lists and objects included."""
    if isinstance(data, dict):
        for key, value in data.items():
            name = "" if key in UNNAMED and not path else f"{path}.{key}" if path else str(key)
            yield from _messages(value, name)
    elif isinstance(data, list):
        nested = any(isinstance(item, dict | list) for item in data)
        for index, item in enumerate(data):
            yield from _messages(item, f"{path}[{index}]" if nested else path)
    elif data is not None:
        yield path, str(data)


def operation_outcome(status: int, data: Any) -> OperationOutcome:
    """Return the OperationOutcome for an error answer with HTTP `status` and DRF error body `data`."""
    code = ISSUE_TYPES.get(status, "exception")
    severity = "fatal" if status >= 500 else "error"
    issues = [
        OperationOutcomeIssue(severity=severity, code=code, diagnostics=f"{path}: {message}" if path else message)
        for path, message in _messages(data)
    ]
    return OperationOutcome(issue=issues or [OperationOutcomeIssue(severity=severity, code=code)])
