"""Cached totals and facet counts of the recommendations list, keyed by the catalogue's
change token.

Counting every facet of a broad list is the expensive part of the list page (at 250,000
recommendations, 11 ``GROUP BY`` over the whole catalogue: seconds, where the page of
results takes milliseconds). What a count depends on is all in its key:

* the catalogue's change token (``catalog/derived.py``), which database triggers replace
  after any write to the tables counted (recommendations, documents, tags, labels), in
  the same transaction; so a count is never served for data that changed since, in any
  process, and a rolled-back write brings back a token whose counts are right again;
* the audience: ``public`` or ``restricted`` (``accounts.permissions.can_see_restricted``),
  so counts made for a coordinator never reach anyone else;
* the active language (labels), the normalised query and the selected facet values.

Where the counts live: the Django cache (``CACHES["default"]``: local memory per process,
or Redis when configured) for every list; the unfiltered list, the one most visited and
the most expensive to count, also in the database (``portal.ListSummary``), so that it is
counted once per change of the catalogue for all processes: after a large import
(:func:`precompute_common_pages`, on commit) or by its first visitor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import translation

from rightstrack.accounts.permissions import can_see_restricted, visible_recommendations
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.derived import CHANGE, catalogue_token
from rightstrack.portal.facets import FacetValue, facet_counts
from rightstrack.portal.filters import ListParams, searched
from rightstrack.portal.models import ListSummary

T = TypeVar("T")

#: Seconds a cached count may stay in the Django cache (the token already invalidates it;
#: this only bounds the memory of lists nobody asks for again).
CACHE_SECONDS = 24 * 3600


def audience(user: Viewer | None) -> str:
    """``"restricted"`` for users who see restricted records, else ``"public"``."""
    return "restricted" if can_see_restricted(user) else "public"


def summary_key(token: str, who: str, lang: str | None, params: ListParams, part: str) -> str:
    """The cache key of one part (``count`` or ``facets``) of a list: a SHA-256 of
    everything the part depends on (see the module docstring)."""
    data = [
        token,
        who,
        lang or "",
        params.q,
        params.matches_nothing,
        sorted((k, sorted(v)) for k, v in params.selected.items()),
        params.repeated,
        part,
    ]
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()
    return f"rightstrack:list:{digest}"


def _facets_to_json(facets: dict[str, list[FacetValue]]) -> dict[str, list[list[Any]]]:
    return {
        p: [[v.value, v.label, v.count, v.selected] for v in vals] for p, vals in facets.items()
    }


def _facets_from_json(data: dict[str, list[list[Any]]]) -> dict[str, list[FacetValue]]:
    return {
        p: [FacetValue(str(a), str(b), int(c), bool(d)) for a, b, c, d in vals]
        for p, vals in data.items()
    }


class ListSummaryCache:
    """The cached parts of one request's list: one query per request reads the change
    token (and, for the unfiltered list, its stored facet counts in the same query).

    Args:
        user: the requesting user (their audience is part of every key).
        params: the parsed list parameters.
        lang: the active language.
    """

    def __init__(self, user: Viewer | None, params: ListParams, lang: str | None) -> None:
        self.who = audience(user)
        self.params = params
        self.lang = lang
        self._read = False
        self._token: str | None = None
        self._stored: dict[str, Any] | None = None

    @property
    def stored_key(self) -> str:
        """The ``ListSummary`` key of this list's facets (without the token: one row per
        audience, language and list, whatever the token, so the table stays small)."""
        return summary_key("", self.who, self.lang, self.params, "facets")

    @property
    def token(self) -> str | None:
        if not self._read:
            self._read = True
            if self.params.is_filtered:
                self._token = catalogue_token()
            else:
                self._token, self._stored = token_and_stored(self.stored_key)
        return self._token

    def key(self, part: str) -> str | None:
        token = self.token
        return None if token is None else summary_key(token, self.who, self.lang, self.params, part)

    def get_or_compute(self, part: str, compute: Callable[[], T]) -> T:
        """The cached ``part`` or ``compute()``, then cached (nothing cached without a token).

        Inside a transaction that wrote to the catalogue the token is that transaction's
        own, new and random: a rollback leaves its entries unreachable."""
        key = self.key(part)
        if key is None:
            return compute()
        hit = cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
        return value

    def count(self, compute: Callable[[], int]) -> int:
        """The number of matching recommendations (the unfiltered list's also through
        ``ListSummary``: SQLite counts it by reading the whole table)."""
        if not self.params.is_filtered and self.token is not None and self._stored is not None:
            return int(self._stored["count"])
        return self.get_or_compute("count", compute)

    def facets(
        self,
        compute: Callable[[], dict[str, list[FacetValue]]],
        count: Callable[[], int] | None = None,
    ) -> dict[str, list[FacetValue]]:
        """Every facet's counts; the unfiltered list's also through ``ListSummary``, stored
        with its total (``count``)."""
        if self.params.is_filtered or count is None:
            return self.get_or_compute("facets", compute)
        return self.get_or_compute("facets", lambda: self._stored_facets(compute, count))

    def kept_facets(self) -> dict[str, list[FacetValue]] | None:
        """This list's facet counts when they are already kept (the Django cache, or
        ``ListSummary`` for the unfiltered list), else ``None``; never counts anything.

        The list page asks this first: kept counts are shown inline, otherwise the page
        is sent without counts and they are loaded after it (``views.recommendation_facets``).
        """
        if not self.params.is_filtered and self.token is not None and self._stored is not None:
            return _facets_from_json(self._stored["facets"])
        key = self.key("facets")
        if key is None:
            return None
        hit = cache.get(key)
        return hit if hit is not None else None

    def last_stored_facets(self) -> dict[str, list[FacetValue]] | None:
        """The facets of this list as last stored in ``ListSummary`` for its audience and
        language, *whatever the change token*, or ``None`` (one query). Stale counts: use
        them only for what the values are (the options a list offers before its counts
        are known), never for the counts."""
        payload = (
            ListSummary.objects.filter(key=self.stored_key)
            .values_list("payload", flat=True)
            .first()
        )
        if isinstance(payload, str):
            payload = json.loads(payload)
        if not isinstance(payload, dict) or "facets" not in payload:
            return None
        return _facets_from_json(payload["facets"])

    def _stored_facets(
        self, compute: Callable[[], dict[str, list[FacetValue]]], count: Callable[[], int]
    ) -> dict[str, list[FacetValue]]:
        token = self.token
        if self._stored is not None:
            return _facets_from_json(self._stored["facets"])
        facets = compute()
        if token is not None:
            payload = {"count": count(), "facets": _facets_to_json(facets)}
            store_summary(self.stored_key, token, payload)
        return facets


def token_and_stored(key: str) -> tuple[str | None, dict[str, Any] | None]:
    """The change token and the ``ListSummary`` payload stored under ``key`` for that token
    (``None`` when there is none), in one query."""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT c.token, s.payload FROM {CHANGE} c "  # noqa: S608 - constant table names
            f"LEFT JOIN {ListSummary._meta.db_table} s "
            "ON s.key = %s AND s.token = c.token WHERE c.id = 1",
            [key],
        )
        row = cur.fetchone()
    if row is None:
        return None, None
    payload = row[1]
    if isinstance(payload, str):  # SQLite returns the JSON text
        payload = json.loads(payload)
    if not isinstance(payload, dict) or not {"count", "facets"} <= payload.keys():
        payload = None
    return str(row[0]), payload


def store_summary(key: str, token: str, payload: dict[str, Any]) -> None:
    """Keep ``payload`` under ``key`` for ``token`` (one upsert; the row of an older token
    is replaced).

    A failed write (a read-only replica, a locked SQLite file) only costs the next
    visitor a count, so it is ignored.
    """
    try:
        ListSummary.objects.bulk_create(
            [ListSummary(key=key, token=token, payload=payload)],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["token", "payload"],
        )
    except DatabaseError:
        return


def precompute_common_pages() -> int:
    """Count the unfiltered list's facets for the public in every language and store them
    (``ListSummary``), so that no visitor waits for them after an import.

    Returns:
        The number of lists counted (0 without a token, or when they were stored already).
    """
    params = ListParams()
    done = 0
    total: int | None = None
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lang = translation.get_language()
            summary = ListSummaryCache(None, params, lang)
            if summary.token is None:
                return done
            if summary._stored is not None:
                continue
            base = searched(visible_recommendations(None), params, lang)
            if total is None:
                total = base.count()
            payload = {"count": total, "facets": _facets_to_json(facet_counts(base, {}))}
            store_summary(summary.stored_key, summary.token, payload)
            done += 1
    return done
