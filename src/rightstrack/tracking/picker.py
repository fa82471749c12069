"""The recommendation search picker: one form field for every form that links recommendations.

A multi-select of every recommendation cannot scale (the "New action" form once listed
41,612 of them: 2.8 MB, 19–24 s). The picker instead renders only

* the recommendations already chosen (checked checkboxes), and
* the results of a search (at most :data:`PICKER_LIMIT` unchecked checkboxes),

inside a *scope*: the country, document or plan at hand, always within what the user
may see (``accounts.permissions.visible_recommendations``, applied by the caller).

Without JavaScript, the search box and its "Find" button submit the form with
``_find=<field name>``: the view re-renders the form with the search results and the
user's input (nothing is saved, see :func:`finding` and :func:`initial_from`). With
JavaScript, ``tracking/picker.js`` fetches the same results from ``tracking:picker``
as the user types (progressive enhancement; no inline script, the CSP stays strict).

Used by tracking's action form and reports' plain-language editor; any form of a higher
layer may use :class:`RecommendationPickerField` and :func:`scope_queryset`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.text import Truncator

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Recommendation

#: Most results a search returns (the page stays small whatever the database holds).
PICKER_LIMIT = 25
#: Words of the recommendation's text shown after its symbol and paragraph.
FIRST_WORDS = 18
#: Longest query read (characters); longer input is cut.
MAX_QUERY = 100
#: Name of the submit button of the no-JavaScript search ("Find"); its value is the field name.
FIND = "_find"
#: A query that looks like a paragraph number as printed: "29", "29 (a)", "140.7", "13(a)".
PARAGRAPH_QUERY = re.compile(r"^\d+(?:\.\d+)*\s*(?:\(\s*[a-z]{1,4}\s*\))?$", re.IGNORECASE)


@dataclass(frozen=True)
class PickerRow:
    """One recommendation as the picker shows it."""

    pk: int
    symbol: str
    paragraph: str
    first_words: str


def scope_queryset(
    user: Viewer | None,
    *,
    country: str = "",
    document: int | None = None,
    include: list[int] | None = None,
) -> QuerySet[Recommendation]:
    """Recommendations ``user`` may see, limited to a country (ISO3) and/or a document.

    Args:
        user: the acting user (restricted records only for coordinators, as everywhere).
        country: ISO3 code; empty for every country.
        document: a document's primary key; ``None`` for every document.
        include: primary keys kept in scope even outside country and document (the
            recommendations an edited record already links), still only if visible.
    """
    visible = visible_recommendations(user)
    cond = Q()
    if country:
        cond &= Q(country__iso3=country.upper())
    if document is not None:
        cond &= Q(document_id=document)
    if include:
        cond |= Q(pk__in=include)
    return visible.filter(cond)


def picker_search(scope: QuerySet[Recommendation], query: str) -> list[PickerRow]:
    """At most :data:`PICKER_LIMIT` recommendations of ``scope`` matching ``query``.

    A query that looks like a paragraph number ("29", "29 (a)", "140.7") matches the
    paragraph as printed: equal, or starting with it followed by a space, a dot or a
    parenthesis ("29" finds "29", "29 (a)", but not "290"). Any other query matches
    recommendations whose text or symbol contains every word (case-insensitive).
    Results come in document and printed order. An empty query finds nothing.
    """
    text = " ".join(query.split())[:MAX_QUERY]
    if not text:
        return []
    if PARAGRAPH_QUERY.match(text):
        para = re.sub(r"\s+", " ", text)
        compact = para.replace(" ", "")
        cond = (
            Q(paragraph__iexact=para)
            | Q(paragraph__iexact=compact)
            | Q(paragraph__istartswith=f"{compact} ")
            | Q(paragraph__istartswith=f"{compact}(")
            | Q(paragraph__istartswith=f"{compact}.")
        )
    else:
        cond = Q()
        for word in text.split():
            cond &= Q(text__icontains=word) | Q(document__symbol__icontains=word)
    found = scope.filter(cond).order_by("document_id", "order", "id")[:PICKER_LIMIT]
    return picker_rows(found)


def picker_rows(qs: QuerySet[Recommendation]) -> list[PickerRow]:
    """``qs`` as :class:`PickerRow` (symbol, paragraph as printed, first words); two queries."""
    rows = qs.select_related("document").only(
        "pk", "paragraph", "text", "natural_key", "document__symbol", "document__title"
    )
    return [
        PickerRow(
            pk=r.pk,
            symbol=r.document.symbol or r.document.title or r.natural_key,
            paragraph=r.paragraph,
            first_words=Truncator(r.text).words(FIRST_WORDS),
        )
        for r in rows
    ]


class RecommendationPicker(forms.Widget):
    """Checkboxes of the chosen recommendations, a search box, "Find" and its results.

    Set ``scope``, ``query`` and ``scope_params`` through
    :meth:`RecommendationPickerField.set_scope`; the widget never lists the whole scope.
    """

    template_name = "tracking/widgets/recommendation_picker.html"
    allow_multiple_selected = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.scope: QuerySet[Recommendation] = Recommendation.objects.none()
        self.query = ""
        self.scope_params: dict[str, str] = {}

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an unchecked box sends nothing: "no recommendation" is a value

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list | tuple | set | QuerySet):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = [int(v) for v in context["widget"]["value"] if str(v).isdigit()]
        selected = picker_rows(self.scope.filter(pk__in=chosen).order_by("document_id", "order"))
        results = [r for r in picker_search(self.scope, self.query) if r.pk not in set(chosen)]
        params = {"name": name, **self.scope_params}
        context["picker"] = {
            "selected": selected,
            "results": results,
            "query": self.query,
            "searched": bool(self.query.strip()),
            "limit": PICKER_LIMIT,
            "find": FIND,
            "url": f"{reverse('tracking:picker')}?{urlencode(params)}",
        }
        return context


class RecommendationPickerField(forms.ModelMultipleChoiceField[Recommendation]):
    """A multiple choice of recommendations through :class:`RecommendationPicker`.

    Validation checks the chosen keys against the scope only (one query); nothing
    iterates over the scope.
    """

    widget = RecommendationPicker

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(queryset=Recommendation.objects.none(), **kwargs)

    def set_scope(
        self,
        scope: QuerySet[Recommendation],
        *,
        query: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        """Limit choices to ``scope``; search it for ``query``; ``params`` (``country``,
        ``document``) let the JavaScript ask the server for the same scope."""
        self.queryset = scope
        widget: RecommendationPicker = self.widget  # type: ignore[assignment]
        widget.scope = scope
        widget.query = query[:MAX_QUERY]
        widget.scope_params = {k: str(v) for k, v in (params or {}).items() if v}


def finding(request: HttpRequest) -> bool:
    """The form was submitted by a picker's "Find" button (search, do not save)."""
    return request.method == "POST" and FIND in request.POST


def picker_query(request: HttpRequest, name: str) -> str:
    """What was typed into the search box of the picker ``name`` (POST, else GET)."""
    data = request.POST if request.method == "POST" else request.GET
    return (data.get(f"{name}_q") or "")[:MAX_QUERY]


def initial_from(
    data: QueryDict, multiple: tuple[str, ...] = ("recommendations",)
) -> dict[str, Any]:
    """The submitted values as a form's ``initial`` (re-shown unbound after a "Find")."""
    return {k: (v if k in multiple else v[-1]) for k, v in data.lists()}
