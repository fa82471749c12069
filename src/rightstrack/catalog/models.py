"""Catalogue: mechanisms, countries, documents, recommendations and taxonomies.

Terms follow UN usage: a *mechanism* (treaty body, UPR, special procedure,
regional body) issues a *document* (concluding observations, UPR Working Group
report, Views...) made of numbered *recommendations*; some are flagged for
*follow-up* with a deadline.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rightstrack.core.periods import add_period


class Visibility(models.TextChoices):
    """Who may see a record. Restricted records (SPT visit reports, pending
    communications, embargoed submissions) are shown to coordinators and
    admins only, never in public outputs."""

    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")


class Mechanism(models.Model):
    """A UN or regional human rights mechanism, identified by its code (``CCPR``, ``UPR``...)."""

    class Kind(models.TextChoices):
        TREATY_BODY = "treaty_body", _("Treaty body")
        UPR = "upr", _("Universal Periodic Review")
        SPECIAL_PROCEDURE = "special_procedure", _("Special procedure")
        REGIONAL = "regional", _("Regional mechanism")
        NHRI = "nhri", _("National human rights institution")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    treaty = models.CharField(_("treaty"), max_length=255, blank=True)
    symbol_prefix = models.CharField(_("symbol prefix"), max_length=32, blank=True)

    class Meta:
        ordering: ClassVar = ["code"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        """The name in the active language (``catalog/mechanism_names.py``); the stored
        English name when the catalogues have no translation (a mechanism added by hand)."""
        return gettext(self.name)


class Country(models.Model):
    """A State, keyed by ISO 3166-1 alpha-3, with its UN short names in the six UN languages.

    Names come from ``catalog/data/countries.csv`` (UN Terminology via
    cehdi-upr-maternal-health ``countries.xlsx``, completed with pycountry).
    """

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, blank=True)
    m49 = models.CharField(_("UN M49 code"), max_length=3, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    formal_name_en = models.CharField(_("formal name (English)"), max_length=255, blank=True)
    region = models.CharField(_("region"), max_length=64, blank=True)
    un_member = models.BooleanField(_("UN Member State"), default=True)

    class Meta:
        ordering: ClassVar = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The short name in the active language, falling back to English."""
        return str(getattr(self, self.name_column(), "") or self.name_en)

    #: The short-name columns, one per UN language.
    NAME_COLUMNS: ClassVar = ("name_en", "name_fr", "name_es", "name_ru", "name_zh", "name_ar")

    @staticmethod
    def name_column() -> str:
        """The column :attr:`name` reads first in the active language (``"name_fr"``);
        ``"name_en"``: English (where :attr:`name` is ``name_en`` itself) or a language
        with no column of its own."""
        column = f"name_{(get_language() or 'en')[:2]}"
        return column if column in Country.NAME_COLUMNS else "name_en"


class Theme(models.Model):
    """A UHRI human rights theme (e.g. "Equality & non-discrimination")."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    code = models.CharField(_("code"), max_length=16, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    source = models.CharField(_("source"), max_length=64, default="UHRI")

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return gettext(self.name)  # in the visitor's language (taxonomy_names.py)


class AffectedGroup(models.Model):
    """A UHRI "affected persons" label (e.g. "Women", "Persons deprived of their liberty")."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    source = models.CharField(_("source"), max_length=64, default="UHRI")

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("affected persons")
        verbose_name_plural = _("affected persons")

    def __str__(self) -> str:
        return gettext(self.name)


class SdgGoal(models.Model):
    """One of the 17 Sustainable Development Goals (A/RES/71/313)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=128, blank=True)

    class Meta:
        ordering: ClassVar = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return gettext("SDG %(number)s: %(title)s") % {
            "number": self.number,
            "title": gettext(self.short_title or self.title),
        }


class SdgTarget(models.Model):
    """One of the 169 SDG targets, coded as printed ("16.3", "5.a")."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.PROTECT, related_name="targets")
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["goal__number", "order"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code}"


class UprIssue(models.Model):
    """One of the 56 UPR Info database issues (e.g. "Torture and other CID treatment")."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("UPR Info issue")
        verbose_name_plural = _("UPR Info issues")

    def __str__(self) -> str:
        return gettext(self.name)


class ActionCategory(models.Model):
    """UPR Info action category 1-5 (1 minimal action ... 5 specific action)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=128)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering: ClassVar = ["number"]
        verbose_name = _("action category")
        verbose_name_plural = _("action categories")

    def __str__(self) -> str:
        return f"{self.number}. {gettext(self.name)}"


class DocumentQuerySet(models.QuerySet["Document"]):
    """Query helpers for documents."""

    def public(self) -> DocumentQuerySet:
        """Documents anyone may see."""
        return self.filter(visibility=Visibility.PUBLIC, is_archived=False)


class Document(models.Model):
    """A UN document identified by its symbol (``CERD/C/BRA/CO/18-20``).

    ``key`` is the natural key: the symbol when known, otherwise a synthetic
    key from the source (UPR Info rows carry no symbol:
    ``upr-info:SVN:WG7``).
    """

    class Type(models.TextChoices):
        CONCLUDING_OBSERVATIONS = "concluding_observations", _("Concluding observations")
        UPR_WG_REPORT = "upr_wg_report", _("UPR Working Group report")
        UPR_ADDENDUM = "upr_addendum", _("UPR addendum (State's positions)")
        THEMATIC_LIST = "thematic_list", _("UPR thematic list of recommendations")
        VISIT_REPORT = "visit_report", _("Visit report")
        INQUIRY_REPORT = "inquiry_report", _("Inquiry report")
        VIEWS = "views", _("Views on an individual communication")
        FOLLOW_UP_REPLY = "follow_up_reply", _("Follow-up reply of the State party")
        FOLLOW_UP_ASSESSMENT = "follow_up_assessment", _("Follow-up assessment")
        DATABASE_EXPORT = "database_export", _("Database export")
        OTHER = "other", _("Other")

    class NextReportStatus(models.TextChoices):
        UNKNOWN = "", _("Unknown")
        FIXED = "fixed", _("Fixed date")
        YEAR = "year", _("Year only")
        TBD_PREDICTABLE_CYCLE = (
            "tbd_predictable_cycle",
            _("To be set under the predictable review cycle"),
        )

    key = models.CharField(_("natural key"), max_length=255, unique=True)
    symbol = models.CharField(_("UN symbol"), max_length=128, blank=True, db_index=True)
    doc_type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    title = models.TextField(_("title"), blank=True)
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="documents")
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="documents", null=True, blank=True
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    received_on = models.DateField(
        _("received on"),
        null=True,
        blank=True,
        help_text=_("For replies: date the UN received it."),
    )
    session = models.CharField(_("session"), max_length=64, blank=True)
    upr_cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    hrc_session = models.PositiveSmallIntegerField(
        _("Human Rights Council session"), null=True, blank=True
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "The document this one answers or completes (e.g. the CO a follow-up reply answers)."
        ),
    )
    next_report_label = models.CharField(_("next report"), max_length=255, blank=True)
    next_report_due = models.DateField(_("next report due"), null=True, blank=True)
    next_report_year = models.PositiveSmallIntegerField(
        _("next report year"), null=True, blank=True
    )
    next_report_status = models.CharField(
        _("next report status"), max_length=32, choices=NextReportStatus.choices, blank=True
    )
    source_file = models.CharField(_("source file"), max_length=500, blank=True)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-adopted_on", "symbol"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        """The symbol; for a UPR Info database export (no symbol), a title in the active
        language built from its State and session; else the stored title or the key."""
        if self.symbol:
            return self.symbol
        if self.key.startswith("upr-info:") and self.session and self.country is not None:
            return gettext(
                "UPR Info database: %(country)s, UPR Working Group session %(session)s"
            ) % {
                "country": self.country.name,
                "session": self.session,
            }
        return self.title or self.key

    @property
    def name_language(self) -> str:
        """The language of ``str(self)`` when it is the stored title (a document with no
        symbol: a regional body's report, in its own language), for a ``lang`` attribute;
        ``""`` when it is a symbol or a name in the active language."""
        if self.symbol or (self.key.startswith("upr-info:") and self.session):
            return ""
        return self.language if self.title else ""


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    """Query helpers for recommendations (``public()``, ``for_country()``)."""

    def public(self) -> RecommendationQuerySet:
        """Recommendations anyone may see: public, not archived, in a public document.

        Reads the flag ``is_public``, which database triggers keep equal to that rule
        (``catalog/derived.py``), so no join to the documents is needed.
        """
        return self.filter(is_public=True)

    def for_country(self, iso3: str) -> RecommendationQuerySet:
        """Recommendations addressed to the State with this ISO3 code."""
        return self.filter(country__iso3=iso3.upper())


class Recommendation(models.Model):
    """One recommendation (or concern/observation) as printed in its source.

    Identity: ``natural_key`` is stable across re-imports, e.g.
    ``CERD/C/BRA/CO/18-20#17 (a)`` or ``A/HRC/59/15#140.7`` or, for UPR Info
    rows that carry no paragraph number, a hash of State, session,
    recommending State and text. A re-import updates the row with that key.
    """

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        CONCERN = "concern", _("Concern / observation")

    class Position(models.TextChoices):
        SUPPORTED = "supported", _("Supported")
        NOTED = "noted", _("Noted")
        PENDING = "pending", _("Pending")
        NONE = "", _("No position")

    natural_key = models.CharField(_("natural key"), max_length=255, unique=True)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="recommendations")
    paragraph = models.CharField(_("paragraph as printed"), max_length=64, blank=True)
    order = models.PositiveIntegerField(_("order in the document"), default=0)
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="recommendations"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="recommendations", null=True, blank=True
    )
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, default="en")
    kind = models.CharField(
        _("kind"), max_length=32, choices=Kind.choices, default=Kind.RECOMMENDATION
    )
    section = models.CharField(_("section heading"), max_length=255, blank=True)
    # UPR only
    recommending_states = models.ManyToManyField(
        Country,
        related_name="recommendations_made",
        blank=True,
        verbose_name=_("recommending States"),
    )
    position = models.CharField(_("position"), max_length=16, choices=Position.choices, blank=True)
    position_raw = models.CharField(_("position as printed"), max_length=128, blank=True)
    position_source = models.CharField(_("source of position"), max_length=255, blank=True)
    upr_cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    upr_session = models.PositiveSmallIntegerField(
        _("UPR Working Group session"), null=True, blank=True
    )
    # Tags
    themes = models.ManyToManyField(Theme, related_name="recommendations", blank=True)
    affected_groups = models.ManyToManyField(
        AffectedGroup,
        related_name="recommendations",
        blank=True,
        verbose_name=_("affected persons"),
    )
    sdg_goals = models.ManyToManyField(SdgGoal, related_name="recommendations", blank=True)
    sdg_targets = models.ManyToManyField(SdgTarget, related_name="recommendations", blank=True)
    upr_issues = models.ManyToManyField(UprIssue, related_name="recommendations", blank=True)
    action_category = models.ForeignKey(
        ActionCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    # Identity in the source
    uhri_id = models.CharField(_("UHRI annotation id"), max_length=64, blank=True, db_index=True)
    source_row = models.CharField(_("source row id"), max_length=128, blank=True)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    #: Public, not archived, in a public document: set by database triggers only
    #: (``catalog/derived.py``); whatever Python writes here is recomputed.
    is_public = models.BooleanField(_("public"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[themes, affected_groups], excluded_fields=["is_public"])

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["document_id", "order"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes: ClassVar = [
            models.Index(fields=["country", "mechanism"]),
            models.Index(fields=["document", "order"]),
            models.Index(fields=["position"]),
        ]

    def __str__(self) -> str:
        ref = (
            gettext("%(symbol)s para. %(paragraph)s")
            % {"symbol": self.document.symbol, "paragraph": self.paragraph}
            if self.paragraph
            else self.natural_key
        )
        return ref

    def texts_by_language(self) -> dict[str, str]:
        """Every text of the recommendation by language code: its own ``text`` in
        ``language`` first, then the :class:`RecommendationText` rows (prefetch
        ``other_texts`` to avoid a query per recommendation)."""
        texts = {self.language: self.text}
        for other in self.other_texts.all():
            texts.setdefault(other.language, other.text)
        return texts

    def text_in(self, language: str | None) -> tuple[str, str]:
        """The text to quote for a reader of ``language``: ``(language code, text)``.

        The official text in ``language`` when the catalogue holds it (compared on the
        primary subtag: ``es`` for ``es-419``, ``zh`` for ``zh-hans``), else the text as
        imported with its own language. Never a machine translation: a report or page in
        Spanish quotes the UN's Spanish text, or the English one marked as English.
        Prefetch ``other_texts`` to avoid one query per recommendation.
        """
        wanted = (language or "").split("-")[0].lower()
        if wanted and self.language.split("-")[0].lower() != wanted:
            for code, text in self.texts_by_language().items():
                if code.split("-")[0].lower() == wanted:
                    return code, text
        return self.language, self.text


def texts_in(own: dict[int, tuple[str, str]], language: str | None) -> dict[int, tuple[str, str]]:
    """:meth:`Recommendation.text_in` for many recommendations in one query at most.

    Args:
        own: ``{pk: (language, text)}``: each recommendation's own ``language`` and
            ``text``.
        language: the visitor's language code (``"fr"``, ``"zh-hans"``).

    Returns:
        ``{pk: (language code, text)}`` in the order of ``own``: the text in ``language``
        when held, else the recommendation's own. No query when every recommendation is
        already in ``language`` (an English visitor of English records).
    """
    wanted = (language or "").split("-")[0].lower()
    shown = dict(own)
    others = [pk for pk, (code, _text) in own.items() if code.split("-")[0].lower() != wanted]
    if wanted and others:
        rows = RecommendationText.objects.filter(
            recommendation_id__in=others, language__istartswith=wanted
        ).order_by("recommendation_id", "language")
        for row in rows:
            code = row.language.split("-")[0].lower()
            if code == wanted and shown[row.recommendation_id][0].split("-")[0] != wanted:
                shown[row.recommendation_id] = (row.language, row.text)
    return shown


class CatalogueChange(models.Model):
    """One row whose ``token`` database triggers replace after every write to the
    catalogue tables the recommendations list counts (see ``catalog/derived.py``); caches
    of counts are keyed by it. Never written by Python code."""

    token = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("catalogue change")
        verbose_name_plural = _("catalogue changes")

    def __str__(self) -> str:
        return self.token


class RecommendationText(models.Model):
    """The text of a recommendation in another language than its ``Recommendation.text``.

    The UN publishes every document in its six official languages, and trackers keep
    more than one (Morocco's DIDH database: French and Arabic). The recommendation's own
    ``text``/``language`` is the version it was first imported in; each other language
    has at most one row here, with where it came from (``source``: the file or database
    it was read from).
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="other_texts"
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["recommendation_id", "language"]
        verbose_name = _("text in another language")
        verbose_name_plural = _("texts in other languages")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recommendation", "language"], name="uniq_recommendation_text_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} [{self.language}]"


class VoluntaryPledge(models.Model):
    """A voluntary pledge made by a State under review (kept apart from recommendations)."""

    natural_key = models.CharField(max_length=255, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="pledges")
    text = models.TextField(_("text"))
    upr_session = models.PositiveSmallIntegerField(
        _("UPR Working Group session"), null=True, blank=True
    )
    upr_cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    upr_issues = models.ManyToManyField(UprIssue, related_name="pledges", blank=True)
    source_row = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voluntary pledge")
        verbose_name_plural = _("voluntary pledges")

    def __str__(self) -> str:
        return f"{self.country.iso3}: {self.text[:60]}"


class FollowUpRequest(models.Model):
    """One item a mechanism asked the State to report on by a deadline.

    Created by the document parser (one per expanded item, e.g. "36 (b)") or by
    hand. ``kind`` separates the written follow-up procedure (with a deadline)
    from CERD's "paragraphs of particular importance" and the CRC's "urgent
    measures" (flags without a deadline). ``due_basis`` records whether the date
    was stated in the text or computed from the adoption date.
    """

    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Follow-up")
        PARTICULAR_IMPORTANCE = "particular_importance", _("Particular importance")
        URGENT_MEASURES = "urgent_measures", _("Urgent measures")
        VIEWS_REPLY = "views_reply", _("Reply on Views")

    class DueBasis(models.TextChoices):
        STATED = "stated", _("Stated in the text")
        COMPUTED = "computed", _("Computed from the adoption date")
        MANUAL = "manual", _("Entered by hand")
        NONE = "", _("No deadline")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="follow_up_requests"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_requests",
    )
    item = models.CharField(_("item as cited"), max_length=64)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.FOLLOW_UP)
    period_text = models.CharField(_("period as printed"), max_length=255, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_basis = models.CharField(max_length=16, choices=DueBasis.choices, blank=True)
    source_paragraph = models.CharField(_("follow-up paragraph"), max_length=16, blank=True)
    reply_received_on = models.DateField(_("State reply received on"), null=True, blank=True)
    reply_document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers_follow_up"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["document_id", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["document", "kind", "item"], name="uniq_followup_item"),
        ]
        verbose_name = _("follow-up request")
        verbose_name_plural = _("follow-up requests")

    def __str__(self) -> str:
        return f"{self.document} {self.item}"


class CommunicationQuerySet(models.QuerySet["Communication"]):
    def public(self) -> CommunicationQuerySet:
        """Public, not archived communications (a pending one is public only when a
        coordinator chose so: ``visibility`` is restricted by default until the Views)."""
        return self.filter(visibility=Visibility.PUBLIC, is_archived=False)

    def for_country(self, iso3: str) -> CommunicationQuerySet:
        """Communications against the State ``iso3`` (ISO 3166 alpha-3, any case)."""
        return self.filter(country__iso3=iso3.upper())


class Communication(models.Model):
    """An individual communication (complaint, petition) to a treaty body, and the
    published record of what the Committee decided on it.

    Created by the Views importer (``ingest/sources/treaty_documents.py``) from the
    Views/decision document, or by hand for a pending case
    (``tracking/communication_actions.py``). ``number`` is the registration number
    as the symbol prints it (``2836/2016`` in ``CCPR/C/134/D/2836/2016``).

    Confidentiality: a pending communication, its author and any submission on it are
    restricted (``visibility``) until the Committee publishes its Views or a
    coordinator decides otherwise; ``anonymise_author`` shows the author's initials in
    every public output (``accounts.permissions.public_author``).

    Reply deadline (``reply_due``): the period the Views state ("within 180 days",
    "within six months", stored in ``reply_days``/``reply_months``), counted from the
    transmittal of the Views to the State when known (``reply_due_basis =
    "transmittal"``), otherwise from their adoption (``"adoption"``, the earliest
    possible date). Computed by :meth:`compute_reply_due`; sources in its docstring.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        VIEWS_ADOPTED = "views_adopted", _("Views adopted")
        INADMISSIBLE = "inadmissible", _("Inadmissible")
        DISCONTINUED = "discontinued", _("Discontinued")

    class Outcome(models.TextChoices):
        VIOLATION = "violation", _("Violation found")
        NO_VIOLATION = "no_violation", _("No violation found")
        NONE = "", _("Not decided")

    class Remedy(models.TextChoices):
        COMPENSATION = "compensation", _("Compensation or reparation")
        INVESTIGATION = "investigation", _("Investigation and prosecution")
        LEGISLATIVE_CHANGE = "legislative_change", _("Change of law or regulations")
        NON_REPETITION = "non_repetition", _("Guarantees of non-repetition")
        PUBLICATION = "publication", _("Publication of the Views")
        REHABILITATION = "rehabilitation", _("Rehabilitation and support")
        REVIEW = "review", _("Review of the decision")
        RELEASE = "release", _("Release")
        OTHER = "other", _("Other remedy")

    class DueBasis(models.TextChoices):
        TRANSMITTAL = "transmittal", _("counted from the transmittal of the Views")
        ADOPTION = "adoption", _("counted from the adoption of the Views")
        NONE = "", _("no date to count from")

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="communications"
    )
    number = models.CharField(_("communication number"), max_length=32)
    symbol = models.CharField(_("symbol of the Views"), max_length=128, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="communications"
    )
    author = models.CharField(_("author"), max_length=255, blank=True)
    anonymise_author = models.BooleanField(
        _("show only the author's initials in public"), default=False
    )
    document = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communication",
        verbose_name=_("Views document"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    views_adopted_on = models.DateField(_("date of the Views"), null=True, blank=True)
    transmitted_on = models.DateField(_("Views transmitted to the State on"), null=True, blank=True)
    articles_violated = models.JSONField(_("articles violated"), default=list, blank=True)
    remedies = models.JSONField(_("remedies asked for"), default=list, blank=True)
    remedy_text = models.TextField(_("remedy paragraph"), blank=True)
    remedy_paragraph = models.CharField(_("remedy paragraph number"), max_length=16, blank=True)
    reply_period_text = models.CharField(_("reply period as printed"), max_length=64, blank=True)
    reply_days = models.PositiveIntegerField(_("reply period (days)"), null=True, blank=True)
    reply_months = models.PositiveIntegerField(_("reply period (months)"), null=True, blank=True)
    reply_due = models.DateField(_("State's reply due on"), null=True, blank=True)
    reply_due_basis = models.CharField(
        _("reply deadline basis"), max_length=16, choices=DueBasis.choices, blank=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-views_adopted_on", "mechanism__code", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["mechanism", "number"], name="uniq_communication"),
        ]
        verbose_name = _("individual communication")
        verbose_name_plural = _("individual communications")

    def __str__(self) -> str:
        return f"{self.mechanism.code} {self.number}"

    @property
    def reference(self) -> str:
        """The symbol of the Views, or "CCPR 2836/2016" while there is none."""
        return self.symbol or str(self)

    def remedy_labels(self) -> list[str]:
        """The remedies asked for, as translated labels (unknown codes as stored)."""
        labels = dict(self.Remedy.choices)
        return [str(labels.get(code, code)) for code in self.remedies]

    def compute_reply_due(self) -> None:
        """Set ``reply_due`` and ``reply_due_basis`` from the period and the dates.

        Rule: the State replies within the period the Views state, counted from the
        date the Views are *transmitted* to it. Sources: Human Rights Committee, rules
        of procedure (CCPR/C/3/Rev.12), follow-up of Views: the State is invited to
        inform the Committee "within 180 days" of the measures taken; Committee
        against Torture, rules of procedure (CAT/C/3/Rev.6), rule 118 (5): "within 90
        days from the date of the transmittal of this decision" (as printed in
        CAT/C/51/D/441/2010, para. 16); Optional Protocol to CEDAW, art. 7 (4),
        OP-ICESCR art. 9 (2) and OP-CRC on a communications procedure art. 11 (1):
        a written response "within six months". When the transmittal date is not
        known the adoption date is used (the earliest possible deadline); with
        neither, or without a period, there is no deadline.
        Month and day arithmetic: ``core.periods.add_period``.
        """
        start = self.transmitted_on or self.views_adopted_on
        if start is None or not (self.reply_days or self.reply_months):
            self.reply_due, self.reply_due_basis = None, self.DueBasis.NONE
            return
        self.reply_due = add_period(start, days=self.reply_days or 0, months=self.reply_months or 0)
        self.reply_due_basis = (
            self.DueBasis.TRANSMITTAL if self.transmitted_on else self.DueBasis.ADOPTION
        )


class VisitQuerySet(models.QuerySet["Visit"]):
    def for_country(self, iso3: str) -> VisitQuerySet:
        """Visits and inquiries concerning the State ``iso3`` (ISO 3166 alpha-3, any case)."""
        return self.filter(country__iso3=iso3.upper())

    def publication_pending(self) -> VisitQuerySet:
        """Not archived, not yet published, and either with a publication requested or
        with a publication expected on a date (the coordinator's "to watch" list)."""
        return (
            self.filter(is_archived=False)
            .exclude(status=Visit.Status.PUBLISHED)
            .filter(
                models.Q(status=Visit.Status.PUBLICATION_REQUESTED)
                | models.Q(publication_expected_on__isnull=False)
            )
        )


class Visit(models.Model):
    """A country visit (the SPT, a special procedure mandate) or an inquiry (a treaty
    body's confidential procedure), and the publication of its report.

    Lifecycle (``status``): ``confidential`` (the report or the findings went to the
    State in confidence, ``transmitted_on``) → ``publication_requested`` (the State asked
    for publication, or the Committee decided to publish a summary;
    ``publication_requested_on``) → ``published`` (``published_on``,
    ``published_symbol``). Recorded and changed only through
    ``tracking/visit_actions.py``.

    The report's recommendations live in ``document`` (a catalogue document of type
    visit or inquiry report): restricted, with every recommendation, until the record
    is marked published, when both become public and reach the portal. The visit
    record itself is shown to coordinators only (``accounts.permissions.visible_visits``).
    Sources of the rules in :attr:`legal_basis` and ``docs/visits.md``.
    """

    class Kind(models.TextChoices):
        VISIT = "visit", _("Country visit")
        INQUIRY = "inquiry", _("Inquiry")

    class Status(models.TextChoices):
        CONFIDENTIAL = "confidential", _("Confidential")
        PUBLICATION_REQUESTED = "publication_requested", _("Publication requested")
        PUBLISHED = "published", _("Published")

    #: (mechanism code, kind) -> the provision under which the report or findings stay
    #: confidential and may be published. OP-CAT art. 16 (2): the SPT publishes its
    #: report "whenever requested to do so by that State Party"; CAT art. 20 (5): a
    #: summary account of an inquiry in the Committee's annual report, after
    #: consultations with the State; OP-CEDAW art. 8 and OP-CRPD art. 6: the
    #: confidential inquiry procedures (summary in the annual report, OP-CEDAW art. 12,
    #: OP-CRPD art. 8 read with art. 6). Special procedure visit reports are public.
    LEGAL_BASES: ClassVar[dict[tuple[str, str], str]] = {
        ("SPT", "visit"): "OP-CAT art. 16 (2)",
        ("CAT", "inquiry"): "CAT art. 20",
        ("CEDAW", "inquiry"): "OP-CEDAW art. 8",
        ("CRPD", "inquiry"): "OP-CRPD art. 6",
    }

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="visits", verbose_name=_("mechanism")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.VISIT)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="visits", verbose_name=_("State")
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("to"), null=True, blank=True)
    confidential_reference = models.CharField(
        _("reference of the confidential report"), max_length=128, blank=True
    )
    transmitted_on = models.DateField(_("transmitted to the State on"), null=True, blank=True)
    national_preventive_mechanism = models.CharField(
        _("National Preventive Mechanism"), max_length=255, blank=True
    )
    status = models.CharField(
        _("publication status"), max_length=32, choices=Status.choices, default=Status.CONFIDENTIAL
    )
    publication_requested_on = models.DateField(
        _("publication requested on"), null=True, blank=True
    )
    publication_expected_on = models.DateField(_("publication expected on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_symbol = models.CharField(
        _("symbol of the published report"), max_length=128, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    document = models.OneToOneField(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit",
        verbose_name=_("report"),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-started_on", "-pk"]
        verbose_name = _("visit or inquiry")
        verbose_name_plural = _("visits and inquiries")

    def __str__(self) -> str:
        when = self.started_on.isoformat() if self.started_on else ""
        return " ".join(p for p in (self.mechanism.code, self.country.iso3, when) if p)

    @property
    def reference(self) -> str:
        """The published symbol, else the confidential reference, else the title, else
        ``str(self)`` ("SPT PRY 2009-03-10")."""
        return self.published_symbol or self.confidential_reference or self.title or str(self)

    @property
    def legal_basis(self) -> str:
        """The provision that keeps the report confidential and governs its publication
        (:attr:`LEGAL_BASES`); empty for a public procedure (special procedure visits)."""
        return self.LEGAL_BASES.get((self.mechanism.code, self.kind), "")
