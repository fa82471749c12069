"""``/api/v1/similar``: the recommendations of a country most similar to a text.

The same as ``rightstrack classify similar --json`` (``classify.consolidation.matching``),
over the recommendations the requester may see (``accounts.permissions``): public ones
for anonymous requests and tokens of most roles, restricted ones too for a coordinator's
or administrator's token. ``GET`` with query parameters, or ``POST`` with the same fields
as a JSON body (for texts too long for a URL).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.api.errors import ERRORS, ApiError
from rightstrack.api.params import reject_unknown
from rightstrack.catalog.models import Country
from rightstrack.classify.consolidation.matching import scope, similar_rows
from rightstrack.classify.consolidation.similarity import DEFAULT_LIMIT, MAX_LIMIT

router = Router()
#: Longest text accepted (characters): a long paragraph of a shadow report.
MAX_TEXT = 5000


class SimilarQuery(Schema):
    country: str = Field(..., description="ISO 3166 alpha-3 code of the State, e.g. SVN.")
    text: str = Field(
        ..., min_length=1, max_length=MAX_TEXT, description="The text to match, any language."
    )
    document: str | None = Field(None, description="Only this document (UN symbol).")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many (1-100).")


class SimilarOut(Schema):
    """A recommendation and its similarity to the text (cosine of TF-IDF vectors, 0-1)."""

    id: int
    score: float
    language: str
    symbol: str | None
    paragraph: str | None
    mechanism: str
    date: str | None
    upr_cycle: int | None
    text: str
    url: str


class SimilarPage(Schema):
    country: str
    count: int
    results: list[SimilarOut]


def _answer(request: HttpRequest, params: SimilarQuery) -> dict[str, Any]:
    iso3 = params.country.strip().upper()
    if not Country.objects.filter(iso3=iso3).exists():
        raise ApiError(400, _("Unknown country “%(code)s”.") % {"code": iso3}, "country")
    recs = scope(visible_recommendations(request.user), iso3, params.document)
    rows = similar_rows(recs, params.text, params.limit)
    for row in rows:
        row["url"] = request.build_absolute_uri(row["url"])
        row["symbol"] = row["symbol"] or None
        row["paragraph"] = row["paragraph"] or None
    return {"country": iso3, "count": len(rows), "results": rows}


@router.get(
    "/similar",
    response={200: SimilarPage, **ERRORS},
    url_name="similar",
    tags=["similar"],
)
def similar_get(request: HttpRequest, params: Query[SimilarQuery]) -> Any:
    """The ``limit`` recommendations of ``country`` most similar to ``text``, best first
    (optionally in one ``document``); a Spanish text matches Spanish texts of recommendations."""
    reject_unknown(request, SimilarQuery)
    return _answer(request, params)


@router.post(
    "/similar",
    response={200: SimilarPage, **ERRORS},
    url_name="similar_post",
    tags=["similar"],
)
def similar_post(request: HttpRequest, params: SimilarQuery) -> Any:
    """The same as ``GET /similar`` with the fields as a JSON body."""
    return _answer(request, params)
