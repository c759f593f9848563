"""The OpenAPI schema tells the truth about errors: one AutoSchema adds every error answer an operation can give.

Each operation documents, with a body schema, the error statuses its view can actually produce: 400 when it
reads a body or query parameters, 401/403 when it needs a signed-in clinic member, 404 when its path names an
object or its list is paged, 415 when it reads a body, 429 when a throttle applies. 409 stays explicit per view,
since only some writes can conflict. Inputs that refuse unknown keys say so with `additionalProperties: false`.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from rest_framework.permissions import AllowAny

from protocols.api_codes import ProtocolCodeField, protocol_codes

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A refusal that names no field: DRF's `detail` message.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "DRF's validation-error shape: each offending field (by name, nested for lists and objects) maps to its "
        "messages; `non_field_errors` holds errors of the whole body, `detail` a body that could not be parsed."
    ),
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "object"}, {"type": "string"}]},
    "example": {"findings": [{}, {"side": ["fair is sided: give left or right."]}], "colour": ["Unknown key."]},
}
CONFLICT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "The write conflicts with the object's current state. A stale answer names its field with the message and "
        "carries the stored `current` value and the exam's `version`, so the client can show both and retry; "
        "a write to something frozen (a signed exam) names `__all__`."
    ),
    "properties": {
        "current": {"nullable": True, "description": "The value stored now (stale answers only)."},
        "version": {"type": "integer", "nullable": True, "description": "The exam's version now."},
    },
    "additionalProperties": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {}]},
    "example": {
        "result": ["Changed on another device since you last looked; your tap was not saved."],
        "current": {"result": "negative", "familiar_pain": None},
        "version": 9,
    },
}
COMPONENTS = {"Error": ERROR_SCHEMA, "ValidationError": VALIDATION_ERROR_SCHEMA, "Conflict": CONFLICT_SCHEMA}
DESCRIPTIONS = {
    "400": "Bad input: every offending field or query parameter named, DRF-style.",
    "401": "No valid credentials: send `Authorization: Token <key>` (or sign in for the browsable docs).",
    "403": "Signed in, but not allowed: the account is not attached to a clinic, or a CSRF check failed.",
    "404": "No such object in your clinic (another clinic's objects are never shown), or no such page.",
    "409": "Conflicts with the current state: changed elsewhere since you last looked, or read-only.",
    "415": "The body is not JSON: send `Content-Type: application/json`.",
    "429": "Too many requests: wait for the number of seconds in the `Retry-After` header.",
}
ERROR_COMPONENT = {"400": "ValidationError", "409": "Conflict"}
BODY_METHODS = {"POST", "PUT", "PATCH"}


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the error answers and strict inputs described in the module docstring."""

    def _component(self, name: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema or COMPONENTS[name]
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _error_codes(self) -> set[str]:
        has_body = self.method in BODY_METHODS and self.get_request_serializer() is not None
        has_query = any(p.get("in") == "query" for p in self._get_parameters())
        needs_member = not all(isinstance(p, AllowAny) for p in self.view.get_permissions())
        codes: set[str] = set()
        if has_body or has_query:
            codes.add("400")
        if needs_member:
            codes |= {"401", "403"}
        paged = self.method == "GET" and self._is_list_view() and getattr(self.view, "pagination_class", None)
        if "{" in self.path or paged:
            codes.add("404")
        if has_body:
            codes.add("415")
        if self.view.get_throttles():
            codes.add("429")
        return codes

    def _get_parameters(self) -> list[dict[str, Any]]:
        """Say of each text query parameter what core.api_query enforces for all of them: never empty."""
        parameters: list[dict[str, Any]] = super()._get_parameters()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if parameter.get("in") == "query" and schema.get("type") == "string" and "enum" not in schema:
                schema.setdefault("minLength", 1)
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        declared = {code for code in responses if code.startswith("4")}
        # A view with errors of its own shape (FHIR's OperationOutcome) names it and its media type.
        media_type = getattr(self.view, "error_media_type", "application/json")
        own_schema = getattr(self.view, "error_schema", None)
        for code in sorted(declared | set(self._error_codes())):
            component = (
                self._component(*own_schema) if own_schema else self._component(ERROR_COMPONENT.get(code, "Error"))
            )
            if not responses.get(code, {}).get("content"):
                # Built like a declared answer, so the view's examples for this status are kept.
                # drf-spectacular leaves its AutoSchema hooks unannotated; reached through `self`, the call is
                # not covered by untyped_calls_exclude.
                responses[code] = self._get_response_for_code(  # type: ignore[no-untyped-call]
                    OpenApiTypes.OBJECT, code, [media_type]
                )
            answer = responses[code]
            answer["description"] = answer.get("description") or DESCRIPTIONS.get(code, "")
            for media in answer["content"].values():
                media["schema"] = component
        return dict(sorted(responses.items()))

    def _map_basic_serializer(self, serializer: Any, direction: Any) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)  # type: ignore[no-untyped-call]
        if not type(serializer).__dict__.get("__doc__"):
            schema.pop("description", None)  # a base class's docstring says nothing about this shape
        if direction == "request" and getattr(serializer, "refuses_unknown_keys", False):
            schema["additionalProperties"] = False
        return schema


class ProtocolCodeFieldExtension(OpenApiSerializerFieldExtension):
    """Document a protocol code as an enum of every code the released protocols define, read when served.

    Each kind is one named component (`ManeuverCode`, `RedFlagCode`, ...) that every field of that kind refers
    to, whatever the field is called; `...CodeCurrent` when the current release's codes differ from all releases'.
    """

    target_class = ProtocolCodeField

    def map_serializer_field(self, auto_schema: AutoSchema, direction: Any) -> dict[str, Any]:
        field: ProtocolCodeField = self.target
        codes = protocol_codes(field.kind, field.releases)
        if not codes:
            return {"type": "string", "maxLength": 50}
        if field.allow_blank:  # a code or "" for none: a set of its own
            return {"type": "string", "enum": [*codes, ""]}
        name = "".join(word.capitalize() for word in field.kind.split("_")) + "Code"
        if codes != protocol_codes(field.kind):
            name += "Current"
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema={"type": "string", "enum": codes}
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref
