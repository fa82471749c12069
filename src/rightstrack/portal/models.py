"""Portal models: the flattened search document of each recommendation.

``SearchDocument`` is written only by database triggers (see
:mod:`rightstrack.portal.search_index`), never by Python code. It is a managed
model so that Django creates, flushes and migrates its table like any other.
On SQLite it is the *external content* table of the FTS5 index
``portal_recommendation_fts``; on PostgreSQL it also carries a weighted
``tsvector`` column ``vector`` (GIN-indexed, holding the facet keys too) that the model
does not declare.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Recommendation


class SearchDocument(models.Model):
    """Searchable text of one recommendation: symbol, paragraph, text and tag names.

    ``tags`` holds the names of the recommendation's themes, affected persons
    and UPR Info issues separated by " | ". ``paragraph``, ``text`` and ``tags`` are
    folded for search (``search_index.SEARCH_FOLDS``: Arabic harakat removed...), so
    they are not for display: the recommendation keeps its text as written. ``language`` is the recommendation's
    language code (``en``, ``fr``...), which picks the PostgreSQL text-search
    configuration; ``is_public`` the recommendation's public flag.
    """

    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="search_document",
        db_constraint=False,
    )
    symbol = models.TextField(_("symbol"), blank=True)
    paragraph = models.TextField(_("paragraph"), blank=True)
    text = models.TextField(_("text"), blank=True)
    tags = models.TextField(_("tags"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    #: A copy of ``Recommendation.is_public``, kept by the index's triggers
    #: (``search_index``: written with the row, and on every change of the flag), so that
    #: a visitor's search is counted and ranked from the index alone, without a join to
    #: ``catalog_recommendation`` per match (``docs/scaling.md``, "The public flag on the
    #: search row").
    is_public = models.BooleanField(_("public"), default=False, db_default=False, editable=False)
    #: SQLite: the recommendation's facet keys as FTS5 tokens (``country187 year2013 ...``,
    #: ``search_index.fts_key_token``), written by the index's refresh statements and
    #: indexed in the FTS5 column ``keys``, so that a visitor's query with facets is one
    #: ``MATCH`` (``docs/scaling.md``, "Facet keys in the FTS5 index"). PostgreSQL keeps its
    #: keys in the vector instead, and leaves this column empty (``NULL``).
    fts_keys = models.TextField(_("facet keys"), null=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"search document of recommendation {self.pk}"


class ListSummary(models.Model):
    """Facet counts of one recommendations list, stored for every process
    (``portal/list_cache.py``): ``key`` names the audience, language and parameters; the
    row is valid while ``token`` is the catalogue's change token, and the next count for
    the same key replaces it (so the table holds one row per key)."""

    key = models.CharField(max_length=128, unique=True)
    token = models.CharField(max_length=64)
    payload = models.JSONField()

    class Meta:
        verbose_name = _("list summary")
        verbose_name_plural = _("list summaries")

    def __str__(self) -> str:
        return self.key
