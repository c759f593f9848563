"""Every list answers one page: `{"count", "next", "previous", "results"}`, documented as exactly that.

A list view sets `pagination_class = ApiPage` and declares `responses={200: Output(many=True)}`; drf-spectacular
then documents the paginated object and the `page` parameter, and `page_respond` answers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class ApiPage(PageNumberPagination):
    """Django REST framework's page-number pagination (PAGE_SIZE from settings), with `page` documented as >= 1."""

    def paginate_queryset(self, queryset: Any, request: Request, view: APIView | None = None) -> list[Any] | None:
        """A page that is no whole number from 1 is bad input (400 naming `page`); only one past the end is a 404."""
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings and not (raw.isascii() and raw.isdigit() and int(raw)):
            raise serializers.ValidationError({self.page_query_param: ["Give a whole page number from 1."]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = "Page number from 1 (else 400); past the last page: 404."
        return parameters

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        page: dict[str, Any] = super().get_paginated_response_schema(schema)
        for link, number in (("next", 3), ("previous", 1)):
            page["properties"][link]["example"] = f"https://exam.example.org/api/v1/patients/?page={number}"
        page["properties"]["count"]["example"] = 57
        return page


def page_respond(
    request: Request,
    view: APIView,
    rows: QuerySet[Any] | Sequence[Any],
    output: type[serializers.BaseSerializer[Any]],
) -> Response:
    """Answer one page of `rows` (a query, or a list built already), each shaped by `output`; past the end: 404."""
    paginator = ApiPage()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(output(page, many=True).data)
