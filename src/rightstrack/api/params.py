"""Query parameters shared by the API's lists, and the unknown-parameter check."""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema

from rightstrack.api.errors import ApiError
from rightstrack.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from rightstrack.portal.filters import MAX_INT, SORTS

#: A database integer (the portal's ``parse_int`` bound).
DbInt = Annotated[int, Field(ge=0, le=MAX_INT)]


class PageQuery(Schema):
    """``cursor`` (from a ``next`` link) and ``limit`` (page size, 1-500)."""

    cursor: str | None = Field(None, description="Opaque position from a list's `next` link.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size (1-500).")


class RecommendationQuery(PageQuery):
    """The portal list's parameters (``portal.filters``), same names; repeat a facet to OR
    its values, facets are ANDed."""

    q: str | None = Field(None, description='Full-text query: words, "phrases", -excluded.')
    country: list[str] = Field([], description="ISO 3166 alpha-3 code of the State concerned.")
    mechanism: list[str] = Field([], description="Mechanism code (CCPR, UPR...).")
    theme: list[str] = Field([], description="Theme slug.")
    affected: list[str] = Field([], description="Affected persons slug.")
    issue: list[str] = Field([], description="UPR Info issue slug.")
    sdg: list[DbInt] = Field([], description="SDG goal number.")
    position: list[str] = Field([], description="Position of the State (supported, noted).")
    recommending_state: list[str] = Field([], description="ISO3 of a recommending State.")
    cycle: list[DbInt] = Field([], description="UPR cycle.")
    year: list[DbInt] = Field([], description="Year.")
    document: list[str] = Field([], description="Natural key of the document.")
    repeated: Literal["1"] | None = Field(
        None,
        description="1: only recommendations made again (an earlier recommendation of the "
        "same ask to the same State exists).",
    )
    sort: str | None = Field(
        None,
        description="One of: " + ", ".join(SORTS) + " (default relevance with q, else newest).",
        json_schema_extra={"enum": list(SORTS)},
    )


def allowed_params(schema: type[Schema]) -> set[str]:
    """The query parameter names of ``schema`` (aliases where set)."""
    return {field.alias or name for name, field in schema.model_fields.items()}


def reject_unknown(request: HttpRequest, schema: type[Schema] | None) -> None:
    """Raise a 400 naming the first query parameter ``schema`` does not declare.

    Raises:
        ApiError: 400 with ``field`` = the unknown parameter.
    """
    allowed = allowed_params(schema) if schema is not None else set()
    for name in request.GET:
        if name not in allowed:
            raise ApiError(400, _("Unknown parameter “%(name)s”.") % {"name": name}, name)
