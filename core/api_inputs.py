"""Shared API input rules: bodies refuse unknown keys, query filters are parsed strictly, values have JSON types.

A filter that is empty, repeated, out of range or not a number answers 400 naming the parameter: silently
ignoring `?patient=` or `?patient=1&patient=2` would hand an integrator the wrong list without a word.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from rest_framework import serializers
from rest_framework.request import Request

# Why a query parameter is refused before its value is read (core.api_query says the same for every operation).
UNKNOWN = "Unknown parameter: this operation does not take it."
REPEATED = "Give this parameter once."
EMPTY = "Give a value, or leave the parameter out."

# Database ids are signed 64-bit on PostgreSQL; anything larger names nothing and is refused, not overflowed.
ID_MAX = 2**63 - 1


# JSON types each field accepts: DRF would otherwise read 0 as false and 42 as "42", which the schema forbids.
JSON_TYPES: tuple[tuple[type[serializers.Field[Any, Any, Any, Any]], tuple[type, ...], str], ...] = (
    (serializers.BooleanField, (bool,), "Must be true or false."),
    (serializers.IntegerField, (int,), "Must be a whole number."),
    (serializers.CharField, (str,), "Must be a string."),
    (serializers.ChoiceField, (str,), "Must be a string."),
    (serializers.DateField, (str,), "Must be a date as a string, YYYY-MM-DD."),
)


def json_type_error(field: serializers.Field[Any, Any, Any, Any], value: Any) -> str | None:
    """Return why `value` has the wrong JSON type for `field` (None when it fits, or is an allowed null)."""
    if value is None:
        return None  # the field's own allow_null rule answers
    for kind, types, message in JSON_TYPES:
        if isinstance(field, kind):
            fits = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
            return None if fits else message
    return None


class StrictSerializer(serializers.Serializer[Any]):
    """Refuse keys the operation does not know, so a typo never passes silently (schema: additionalProperties).

    Values must also have the JSON type the schema documents: no 0 for false, no 42 for "42".
    """

    refuses_unknown_keys = True

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):
            wrong = {
                name: [message]
                for name, field in self.fields.items()
                if name in data and (message := json_type_error(field, data[name]))
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        result: dict[str, Any] = super().to_internal_value(data)
        return result

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        data = self.initial_data
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        if unknown:
            raise serializers.ValidationError({key: ["Unknown key."] for key in unknown})
        return attrs


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """Return an integer field for a database id: 1 up to the largest id any database can hold."""
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


class QueryParams(serializers.Serializer[Any]):
    """Base for a view's query filters: declare fields, then call `query_params_read`."""


def query_params_read(request: Request, shape: type[QueryParams]) -> dict[str, Any]:
    """Validate the query filters `shape` declares; raise a 400 naming each bad or repeated parameter."""
    given = request.query_params
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name, _field in shape().fields.items():  # items(): the stubs type iterating it as fields, not names
        if name not in given:
            continue
        items = given.getlist(name)
        if len(items) > 1:
            errors[name] = [REPEATED]
        elif items[0] == "":
            errors[name] = [EMPTY]
        else:
            values[name] = items[0]
    serializer = shape(data=values, partial=True)  # every filter is optional
    if not serializer.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in serializer.errors.items()} | errors
    if errors:
        raise serializers.ValidationError(errors)
    return {name: value for name, value in serializer.validated_data.items() if name in values}


NO_CONTROL_CHARACTERS = RegexValidator(
    r"^[^\x00-\x1f\x7f]*$", message="Remove control characters from the text."
)  # PostgreSQL refuses NUL; the pattern is also documented in the schema


class QueryText(serializers.CharField):
    """Free text in a query string: bounded, and never a control character."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("validators", [NO_CONTROL_CHARACTERS])
        super().__init__(**kwargs)


class OptionalEmailField(serializers.EmailField):
    """An e-mail address or nothing: null (or "") stores no address, and no address reads back as null.

    Reading back null rather than "" keeps every answer true to `format: email`.
    """

    def __init__(self, **kwargs: Any) -> None:
        # Blank is accepted on input only: the schema then offers "" beside an address (drf-spectacular).
        kwargs.update(allow_null=True, allow_blank=not kwargs.get("read_only", False))
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        return "" if data in (None, "") else str(super().to_internal_value(data))

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            return (True, "")
        return super().validate_empty_values(data)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]  # null is the point
        return str(value) if value else None
