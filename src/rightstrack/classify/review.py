"""The review queue and the recommendation panel: what they list, built outside the views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.types import Viewer
from rightstrack.classify.models import PublicationSetting, Suggestion, SuggestionQuerySet
from rightstrack.classify.permissions import can_review, reviewable_suggestions
from rightstrack.classify.shown import label_objects, shown_suggestions
from rightstrack.classify.taxonomies import BY_KEY, TAXONOMIES

QUEUE_PAGE = 50


class QueueFilter(forms.Form):
    """Filters of the review queue: taxonomy, label (words of its name or code), score."""

    taxonomy = forms.ChoiceField(
        label=_("Taxonomy"),
        required=False,
        choices=[("", _("All")), *Suggestion.Taxonomy.choices],
    )
    label = forms.CharField(label=_("Label"), required=False, max_length=100)
    min_score = forms.FloatField(label=_("Minimum score"), required=False, min_value=0, max_value=1)
    max_score = forms.FloatField(label=_("Maximum score"), required=False, min_value=0, max_value=1)


class PublicationForm(forms.Form):
    """Whether public outputs show suggestions, and from which score."""

    publish = forms.BooleanField(
        label=_("Show suggestions in public pages and outputs"), required=False
    )
    threshold = forms.FloatField(label=_("Minimum score"), min_value=0, max_value=1)


@dataclass
class Row:
    """One suggestion as the page shows it."""

    suggestion: Suggestion
    taxonomy: str
    label: str

    @property
    def pk(self) -> int:
        """The suggestion's id."""
        return int(self.suggestion.pk)


def rows(suggestions: list[Suggestion]) -> list[Row]:
    """The suggestions with their taxonomy title and label text (labels fetched at once)."""
    labels = label_objects(suggestions)
    out = []
    for s in suggestions:
        tax = BY_KEY[s.taxonomy]
        label = labels.get((s.taxonomy, s.label_id))
        if label is not None:
            out.append(Row(s, str(tax.title), str(label)))
    return out


def _label_ids(key: str, words: str) -> list[int]:
    tax = BY_KEY[key]
    qs = tax.model._default_manager.all()
    field = {"sdg_goal": "number", "sdg_target": "code", "action_category": "number"}.get(
        key, "name"
    )
    if field == "number":
        return (
            list(qs.filter(number=int(words)).values_list("pk", flat=True))
            if words.isdigit()
            else []
        )
    lookup = f"{field}__iexact" if field == "code" else f"{field}__icontains"
    return list(qs.filter(**{lookup: words}).values_list("pk", flat=True))


def queue(user: Viewer, data: dict[str, Any]) -> tuple[QueueFilter, SuggestionQuerySet]:
    """The pending suggestions ``user`` may review, filtered by the query ``data``."""
    form = QueueFilter(data)
    qs = reviewable_suggestions(user).pending()
    if form.is_valid():
        f = form.cleaned_data
        if f["taxonomy"]:
            qs = qs.for_taxonomy(f["taxonomy"])
            if f["label"]:
                qs = qs.filter(label_id__in=_label_ids(f["taxonomy"], f["label"].strip()))
        if f["min_score"] is not None:
            qs = qs.filter(score__gte=f["min_score"])
        if f["max_score"] is not None:
            qs = qs.filter(score__lte=f["max_score"])
    else:
        qs = qs.none()
    return form, qs.select_related("recommendation__document").order_by("-score", "pk")


def panel_context(user: Viewer, rec: Any) -> dict[str, Any] | None:
    """The suggested labels of ``rec`` for the recommendation page (``None``: nothing to show)."""
    reviewer = can_review(user)
    shown = shown_suggestions(user, [rec.pk])
    if not shown and not reviewer:
        return None
    groups = []
    by_tax = {t.key: [r for r in rows(shown) if r.suggestion.taxonomy == t.key] for t in TAXONOMIES}
    for tax in TAXONOMIES:
        if by_tax[tax.key]:
            groups.append({"title": tax.title, "rows": by_tax[tax.key]})
    return {
        "rec": rec,
        "groups": groups,
        "can_review": reviewer,
        "threshold": PublicationSetting.current().threshold,
    }
