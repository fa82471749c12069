"""Who may review suggestions, and the one helper that fetches a suggestion for a user."""

from __future__ import annotations

from django.http import Http404

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.permissions import user_rank, visible_recommendations
from rightstrack.accounts.types import Viewer
from rightstrack.classify.models import Suggestion, SuggestionQuerySet


def can_review(user: Viewer | None) -> bool:
    """Coordinators and administrators accept and reject suggestions and choose what is
    published (the roles table in ``docs/security.md``); nobody else."""
    return user_rank(user) >= ROLE_RANK[Role.COORDINATOR]


def reviewable_suggestions(user: Viewer | None) -> SuggestionQuerySet:
    """Suggestions ``user`` may review: those of recommendations ``user`` may see, for a
    reviewer; none for anyone else."""
    if not can_review(user):
        return Suggestion.objects.none()
    return Suggestion.objects.filter(recommendation__in=visible_recommendations(user).values("pk"))


def get_suggestion_for_user(user: Viewer | None, pk: int) -> Suggestion:
    """One suggestion ``user`` may review.

    Raises:
        Http404: no such suggestion, one of a hidden recommendation, or ``user`` is not a
            reviewer (existence is not revealed).
    """
    try:
        return reviewable_suggestions(user).select_related("recommendation").get(pk=pk)
    except (Suggestion.DoesNotExist, ValueError, TypeError):
        raise Http404("No such suggestion") from None
