"""The taxonomies RightsTrack suggests labels for, and where their confirmed labels live.

Each taxonomy is a reference table of ``catalog`` (seeded from ``catalog/data/*.csv``) and a
field of :class:`~rightstrack.catalog.models.Recommendation` that holds the *confirmed*
labels (many-to-many, or the ``action_category`` foreign key). Suggestions are kept apart
(:class:`rightstrack.classify.models.Suggestion`) until a coordinator accepts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from rightstrack.catalog.models import (
    ActionCategory,
    AffectedGroup,
    SdgGoal,
    SdgTarget,
    Theme,
    UprIssue,
)


@dataclass(frozen=True)
class Taxonomy:
    """One taxonomy.

    Attributes:
        key: stored in ``Suggestion.taxonomy`` (``"theme"``, ``"sdg_target"``...).
        model: the catalogue table of its labels.
        field: the field of ``Recommendation`` with the confirmed labels.
        multi: ``True`` for many-to-many (several labels), ``False`` for one label
            (the action category).
        json_key: the key of the confirmed labels in a recommendation row
            (``portal/rows.py``), reused for ``suggested``.
        title: shown to people.
    """

    key: str
    model: type[models.Model]
    field: str
    multi: bool
    json_key: str
    title: StrOrPromise

    def label_text(self, label: models.Model) -> str:
        """The label as a recommendation row prints it: a name, a target code or a number."""
        if isinstance(label, SdgGoal | ActionCategory):
            return str(label.number)
        if isinstance(label, SdgTarget):
            return label.code
        return str(label.name)  # type: ignore[attr-defined]

    def label_value(self, label: models.Model) -> str | int:
        """The label as it appears in the JSON of a recommendation (same as confirmed ones)."""
        if isinstance(label, SdgGoal | ActionCategory):
            return int(label.number)
        return self.label_text(label)


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("theme", Theme, "themes", True, "themes", _("Themes")),
    Taxonomy(
        "affected_group",
        AffectedGroup,
        "affected_groups",
        True,
        "affected_persons",
        _("Affected persons"),
    ),
    Taxonomy("sdg_goal", SdgGoal, "sdg_goals", True, "sdgs", _("SDG goals")),
    Taxonomy("sdg_target", SdgTarget, "sdg_targets", True, "sdg_targets", _("SDG targets")),
    Taxonomy("upr_issue", UprIssue, "upr_issues", True, "upr_issues", _("UPR Info issues")),
    Taxonomy(
        "action_category",
        ActionCategory,
        "action_category",
        False,
        "action_category",
        _("UPR Info action category"),
    ),
)
BY_KEY: dict[str, Taxonomy] = {t.key: t for t in TAXONOMIES}


def get(key: str) -> Taxonomy:
    """The taxonomy named ``key``.

    Raises:
        KeyError: no such taxonomy.
    """
    return BY_KEY[key]
