"""Atom feeds per country, mechanism and theme (Django syndication framework).

Each feed mixes three kinds of entries, newest first, at most
:data:`MAX_ENTRIES`:

* **new recommendations**: recommendations added to the catalogue (entry date
  = when RightsTrack recorded them);
* **status changes**: published assessments of a recommendation's
  implementation (from ``tracking`` once it records them);
* **deadlines passed**: follow-up requests whose ``due_on`` is before today
  and for which no State reply has been received (entry date = the due date).

Feeds are read by feed readers without a session, so the request's user is
almost always anonymous: everything goes through the permission helpers and
restricted records never appear. A theme's feed is "not found" for a user who
may see none of its recommendations (:func:`rightstrack.reports.data.shown_theme`),
exactly as an unknown theme, so that it never confirms a restricted theme.

Every text goes through :func:`rightstrack.core.xml_text.xml_safe` (a form feed in
a recommendation text is not allowed in XML 1.0).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Country, FollowUpRequest, Mechanism, Recommendation, Theme
from rightstrack.core.identifiers import atom_id
from rightstrack.core.xml_text import xml_safe
from rightstrack.reports.data import (
    published_assessments,
    shown_follow_ups,
    shown_recommendations,
    shown_theme,
)

#: Entries per feed (newest first).
MAX_ENTRIES = 100


@dataclass(frozen=True)
class FeedEntry:
    """One Atom entry: ``kind`` is ``new_recommendation``, ``status_change`` or ``deadline_passed``."""

    kind: str
    title: str
    description: str
    link: str
    updated: datetime
    guid: str
    categories: tuple[str, ...] = ()


def _as_datetime(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)), timezone.get_default_timezone())


def _rec_label(rec: Recommendation) -> str:
    symbol = rec.document.symbol or rec.document.title or rec.natural_key
    return f"{symbol} para. {rec.paragraph}" if rec.paragraph else symbol


def new_recommendation_entries(recs: QuerySet[Recommendation], limit: int) -> list[FeedEntry]:
    """Most recently recorded recommendations of ``recs`` as entries."""
    rows = recs.select_related("document", "mechanism", "country").order_by("-created_at", "-id")
    return [
        FeedEntry(
            kind="new_recommendation",
            title=_("New recommendation: %(ref)s") % {"ref": _rec_label(rec)},
            description=rec.text,
            link=f"/recommendations/{rec.pk}/",
            updated=rec.created_at,
            guid=atom_id("recommendation", rec.natural_key),
            categories=(rec.mechanism.code, rec.country.iso3 if rec.country else ""),
        )
        for rec in rows[:limit]
    ]


def deadline_passed_entries(
    user: Viewer | None, requests: QuerySet[FollowUpRequest], today: date, limit: int
) -> list[FeedEntry]:
    """Follow-up requests due before ``today`` with no reply received, newest due date first.

    Only requests whose document (and recommendation, if any) ``user`` may see.
    """
    rows = (
        requests.filter(due_on__lt=today, reply_received_on__isnull=True)
        .filter(pk__in=shown_follow_ups(user).values("pk"))
        .select_related("document")
        .order_by("-due_on", "-id")
    )
    return [
        FeedEntry(
            kind="deadline_passed",
            title=_("Deadline passed: %(symbol)s, follow-up on paragraph %(item)s")
            % {"symbol": fr.document.symbol, "item": fr.item},
            description=_(
                "The information requested on paragraph %(item)s was due on %(due)s "
                "and no reply of the State party has been recorded."
            )
            % {"item": fr.item, "due": fr.due_on.isoformat() if fr.due_on else ""},
            link=(
                f"/recommendations/{fr.recommendation_id}/"
                if fr.recommendation_id
                else f"/documents/{fr.document_id}/"
            ),
            updated=_as_datetime(fr.due_on) if fr.due_on else timezone.now(),
            guid=atom_id("followup-overdue", fr.document.key, fr.item),
        )
        for fr in rows[:limit]
    ]


def status_change_entries(
    user: Viewer | None, recs: QuerySet[Recommendation], limit: int
) -> list[FeedEntry]:
    """Published assessments of ``recs`` (empty until tracking records assessments)."""
    return [
        FeedEntry(
            kind="status_change",
            title=_("Status change: %(ref)s is now “%(level)s”")
            % {"ref": _rec_label(a.recommendation), "level": a.level_label},
            description=a.text,
            link=f"/recommendations/{a.recommendation.pk}/",
            updated=a.published_at,
            guid=atom_id("assessment", a.pk),
        )
        for a in published_assessments(user, recs)[:limit]
    ]


def build_entries(
    user: Viewer | None,
    recs: QuerySet[Recommendation],
    requests: QuerySet[FollowUpRequest],
    today: date | None = None,
) -> list[FeedEntry]:
    """All three kinds of entries for one scope, newest first, at most :data:`MAX_ENTRIES`."""
    today = today or timezone.localdate()
    visible = recs.filter(id__in=shown_recommendations(user).values("id"))
    entries = (
        new_recommendation_entries(visible, MAX_ENTRIES)
        + status_change_entries(user, visible, MAX_ENTRIES)
        + deadline_passed_entries(user, requests, today, MAX_ENTRIES)
    )
    entries.sort(key=lambda e: (e.updated, e.guid), reverse=True)
    return entries[:MAX_ENTRIES]


@dataclass(frozen=True)
class Scope:
    """What a feed is about (a country, mechanism or theme) and who asks."""

    obj: Any
    user: Viewer | None


class _ScopedFeed(Feed[Any, Any], ABC):
    """Shared Atom plumbing; subclasses say how a scope filters recommendations and requests."""

    feed_type = Atom1Feed
    author_name = "RightsTrack"

    # The Feed instance is shared by all requests: the user travels inside the
    # object returned by get_object(), never on ``self``.

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Scope:
        return Scope(self.lookup(request.user, **kwargs), request.user)

    @abstractmethod
    def lookup(self, user: Viewer, **kwargs: Any) -> Any:
        """The scope object named by the URL (a Country, Mechanism or Theme); Http404 if
        none, or if ``user`` may not know of it."""

    @abstractmethod
    def scope(self, obj: Any) -> tuple[QuerySet[Recommendation], QuerySet[FollowUpRequest]]:
        """(recommendations, follow-up requests) of that scope, before the visibility filter."""

    def items(self, obj: Scope) -> list[FeedEntry]:
        recs, requests = self.scope(obj.obj)
        return build_entries(obj.user, recs, requests)

    def title(self, obj: Scope) -> str:
        return xml_safe(_("RightsTrack: %(name)s") % {"name": self.name(obj.obj)})

    def subtitle(self, obj: Scope) -> str:
        return xml_safe(
            _("New recommendations, status changes and passed deadlines: %(name)s")
            % {"name": self.name(obj.obj)}
        )

    def link(self, obj: Scope) -> str:
        return f"/recommendations/?{self.param(obj.obj)}"

    def name(self, obj: Any) -> str:
        return str(obj)

    @abstractmethod
    def param(self, obj: Any) -> str:
        """The portal query parameter that selects this scope, e.g. ``country=SVN``."""

    def item_title(self, item: FeedEntry) -> str:
        return xml_safe(item.title)

    def item_description(self, item: FeedEntry) -> str:
        return xml_safe(item.description)

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_updateddate(self, item: FeedEntry) -> datetime:
        return item.updated

    def item_pubdate(self, item: FeedEntry) -> datetime:
        return item.updated

    def item_categories(self, item: FeedEntry) -> tuple[str, ...]:
        return tuple(xml_safe(c) for c in (item.kind, *item.categories) if c)


class CountryFeed(_ScopedFeed):
    """``/reports/feeds/country/<ISO3>.atom``."""

    def lookup(self, user: Viewer, iso3: str) -> Country:  # type: ignore[override]
        return get_object_or_404(Country, iso3=iso3.upper())

    def name(self, obj: Country) -> str:
        return obj.name

    def param(self, obj: Country) -> str:
        return f"country={obj.iso3}"

    def scope(self, obj: Country) -> tuple[QuerySet[Recommendation], QuerySet[FollowUpRequest]]:
        return (
            Recommendation.objects.filter(country=obj),
            FollowUpRequest.objects.filter(document__country=obj),
        )


class MechanismFeed(_ScopedFeed):
    """``/reports/feeds/mechanism/<CODE>.atom``."""

    def lookup(self, user: Viewer, code: str) -> Mechanism:  # type: ignore[override]
        return get_object_or_404(Mechanism, code=code.upper())

    def name(self, obj: Mechanism) -> str:
        return f"{obj.name} ({obj.code})"

    def param(self, obj: Mechanism) -> str:
        return f"mechanism={obj.code}"

    def scope(self, obj: Mechanism) -> tuple[QuerySet[Recommendation], QuerySet[FollowUpRequest]]:
        return (
            Recommendation.objects.filter(mechanism=obj),
            FollowUpRequest.objects.filter(document__mechanism=obj),
        )


class ThemeFeed(_ScopedFeed):
    """``/reports/feeds/theme/<slug>.atom``."""

    def lookup(self, user: Viewer, slug: str) -> Theme:  # type: ignore[override]
        return shown_theme(user, slug)

    def name(self, obj: Theme) -> str:
        return obj.name

    def param(self, obj: Theme) -> str:
        return f"theme={obj.slug}"

    def scope(self, obj: Theme) -> tuple[QuerySet[Recommendation], QuerySet[FollowUpRequest]]:
        return (
            Recommendation.objects.filter(themes=obj),
            FollowUpRequest.objects.filter(recommendation__themes=obj),
        )
