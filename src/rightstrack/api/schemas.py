"""Output schemas of the API (pydantic models published in ``/api/v1/openapi.json``).

A recommendation has one shape everywhere: :class:`RecommendationOut` has exactly the
fields of ``portal.rows.RECOMMENDATION_COLUMNS`` (the portal's ``.json`` and ``.csv`` and
every export), filled by the same function (``portal.pages.result_rows``); a test checks
the names match. A deadline has the shape of ``rightstrack deadlines --json``
(``tracking.deadlines.Deadline.as_json``). The write operations' input and output
schemas are at the end.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from rightstrack.api.errors import ErrorDetail
from rightstrack.catalog.models import Visibility
from rightstrack.tracking.models import Action, Level, PublicationState


class RecommendationOut(Schema):
    """A recommendation row (``portal.rows``): ``url`` is its portal page; its API URL is
    ``/api/v1/recommendations/{id}``. Empty values are ``null``."""

    id: int
    symbol: str | None
    paragraph: str | None
    text: str | None
    kind: str | None
    mechanism: str | None
    country: str | None
    date: str | None
    year: int | None
    recommending_states: list[str]
    position: str | None
    upr_cycle: int | None
    upr_session: int | None
    themes: list[str]
    affected_persons: list[str]
    sdgs: list[int]
    sdg_targets: list[str]
    upr_issues: list[str]
    action_category: int | None
    uhri_id: str | None
    document: str | None
    url: str


class SuggestedLabel(Schema):
    """A suggested label: not confirmed by a person (``docs/classify.md``). ``label`` is
    written as the confirmed labels of the same taxonomy are (name, target code, number)."""

    label: str | int
    score: float
    reason: str


class SuggestedLabels(Schema):
    """Suggested labels per taxonomy, under the keys of the confirmed labels."""

    themes: list[SuggestedLabel]
    affected_persons: list[SuggestedLabel]
    sdgs: list[SuggestedLabel]
    sdg_targets: list[SuggestedLabel]
    upr_issues: list[SuggestedLabel]
    action_category: list[SuggestedLabel]


class RecommendationDetailOut(RecommendationOut):
    """A recommendation with the ids of the same text elsewhere, its text by language
    code and its suggested labels (the portal's ``/recommendations/{id}.json``). Suggested
    labels are shown to coordinators, and to others only when a coordinator published
    suggestions from a minimum score."""

    same_text: list[int]
    texts: dict[str, str]
    suggested: SuggestedLabels


class RecommendationPage(Schema):
    count: int
    next: str | None
    results: list[RecommendationOut]


class DocumentOut(Schema):
    """A UN document (concluding observations, UPR Working Group report, Views...)."""

    id: int
    key: str
    symbol: str | None
    doc_type: str
    title: str | None
    mechanism: str
    country: str | None
    language: str
    adopted_on: str | None
    published_on: str | None
    session: str | None
    upr_cycle: int | None
    hrc_session: int | None
    parent: int | None
    next_report_label: str | None
    next_report_due: str | None
    next_report_year: int | None
    recommendations: int
    url: str
    api_url: str


class DocumentPage(Schema):
    count: int
    next: str | None
    results: list[DocumentOut]


class ViewsFollowUpOut(Schema):
    """One public step of the follow-up of Views (State reply, author's comments, assessment)."""

    kind: str
    date: str
    symbol: str | None
    grade: str | None
    dialogue: str | None


class CommunicationOut(Schema):
    """A public individual communication and the Views on it."""

    id: int
    mechanism: str
    number: str
    symbol: str | None
    country: str | None
    author: str | None
    status: str
    outcome: str | None
    views_adopted_on: str | None
    articles_violated: list[str]
    remedies: list[str]
    reply_period: str | None
    reply_due: str | None
    reply_due_basis: str | None
    follow_up: list[ViewsFollowUpOut]
    url: str
    api_url: str


class CommunicationPage(Schema):
    count: int
    next: str | None
    results: list[CommunicationOut]


class CountryOut(Schema):
    """A State (ISO 3166), its UN short names, and its number of visible recommendations."""

    iso3: str
    iso2: str | None
    m49: str | None
    name: str
    name_en: str
    name_fr: str | None
    name_es: str | None
    name_ru: str | None
    name_zh: str | None
    name_ar: str | None
    region: str | None
    un_member: bool
    recommendations: int
    url: str
    api_url: str


class CountryPage(Schema):
    count: int
    next: str | None
    results: list[CountryOut]


class MechanismOut(Schema):
    """A mechanism (treaty body, UPR...) and its number of visible recommendations."""

    code: str
    kind: str
    name: str
    treaty: str | None
    symbol_prefix: str | None
    recommendations: int
    api_url: str


class MechanismPage(Schema):
    count: int
    next: str | None
    results: list[MechanismOut]


class FollowUpRequestOut(Schema):
    """An item a mechanism asked the State to report on by a deadline, and its state
    (``tracking.followup``: pending, submitted_on_time, submitted_late, overdue,
    no_deadline) judged today."""

    id: int
    document: int
    symbol: str | None
    recommendation: int | None
    item: str
    kind: str
    period_text: str | None
    due_on: str | None
    due_basis: str | None
    source_paragraph: str | None
    reply_received_on: str | None
    reply_document: int | None
    state: str
    country: str | None
    mechanism: str
    api_url: str


class FollowUpRequestPage(Schema):
    count: int
    next: str | None
    results: list[FollowUpRequestOut]


class DeadlineOut(Schema):
    """A dated event of the calendar (``rightstrack deadlines --json``); ``uid`` is its
    stable id, ``url`` the page to open."""

    date: str
    kind: str
    title: str
    symbol: str
    item: str
    state: str
    basis: str
    url: str
    uid: str
    country: str
    mechanism: str
    state_label: str


class DeadlinePage(Schema):
    count: int
    next: str | None
    results: list[DeadlineOut]


# --------------------------------------------------------------------------- writes
#
# Input schemas of the write operations (``api.writes``) refuse fields they do not
# declare (``extra="forbid"``: a 400 naming the field), as the lists refuse unknown
# query parameters. Limits are the model's (``tracking.models``) or the web form's.

#: Longest free text accepted in a write (descriptions, assessments, notes).
MAX_TEXT = 20_000


class _WriteIn(Schema):
    model_config = ConfigDict(extra="forbid")


class ActionOut(Schema):
    """An action of an implementation plan as the requester may see it
    (``tracking.permissions.shown_action``): its responsible institution's people and
    coordinators see the current row, drafts included; everyone else its last published
    version. ``version`` is what a ``PATCH`` must send back."""

    id: int
    title: str
    description: str
    plan: int
    responsible: str | None
    status: Action.Status
    start_date: dt.date | None
    target_date: dt.date | None
    publication_state: PublicationState
    version: int
    recommendations: list[int]
    url: str
    api_url: str


class ActionPatch(_WriteIn):
    """A change of an action's status or progress, made from ``version``.

    Only the fields sent change (``null`` for a date clears it). A focal point's change
    is a draft for a validator of their institution (``submit: true`` sends it for
    validation at once); a coordinator's, or a validator's for their own institution,
    is published."""

    version: int = Field(
        ..., ge=1, description="The action's `version` the change is based on (optimistic lock)."
    )
    status: Action.Status | None = Field(None, description="New status (null: unchanged).")
    description: str | None = Field(
        None, max_length=MAX_TEXT, description="What was done, the progress so far."
    )
    start_date: dt.date | None = None
    target_date: dt.date | None = None
    submit: bool = Field(False, description="Send the change for validation now.")


class ConflictOut(Schema):
    """A ``409``: the record changed since the ``version`` the write was based on;
    ``current`` is the record as it is now (apply the change to it and send again)."""

    error: ErrorDetail
    current_version: int
    current: ActionOut


class AssessmentIn(_WriteIn):
    """An assessment of how far a recommendation is implemented, by the requester's
    organisation (source and organisation follow from it). A focal point's is a draft
    or waits for validation (``submit``); a contributor's waits for moderation."""

    date: dt.date = Field(..., description="Date of the assessment (YYYY-MM-DD).")
    level: Level | None = Field(None, description="Level of implementation (null: not stated).")
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)
    visibility: Visibility = Field(
        Visibility.PUBLIC, description="`restricted` (e.g. embargoed): coordinators only."
    )
    submit: bool = Field(True, description="Send for validation (false: keep as a draft).")


class AssessmentOut(Schema):
    """An assessment the requester wrote."""

    id: int
    recommendation: int
    source: str
    organisation: str | None
    date: dt.date
    level: str | None
    text: str
    visibility: str
    publication_state: PublicationState
    version: int
    url: str


class MeasurementIn(_WriteIn):
    """A dated value of an indicator (published at once by a coordinator or a validator
    of the action's institution; a focal point's waits for validation)."""

    date: dt.date
    value: Decimal = Field(..., max_digits=18, decimal_places=4, allow_inf_nan=False)
    note: str = Field("", max_length=MAX_TEXT)
    source: str = Field("", max_length=500, description="Where the value comes from.")


class MeasurementOut(Schema):
    """A measurement; ``value`` is the exact decimal as a string (up to 4 decimals)."""

    id: int
    indicator: int
    date: dt.date
    value: str
    note: str
    source: str
    publication_state: PublicationState
    version: int


class EvidenceIn(_WriteIn):
    """A link to evidence (a report, a decree, a web page): ``http`` or ``https``. Files
    are uploaded on the web pages."""

    url: str = Field(..., min_length=1, max_length=1000)
    title: str = Field("", max_length=255)


class EvidenceOut(Schema):
    """A piece of evidence attached to an action or an assessment."""

    id: int
    action: int | None
    assessment: int | None
    title: str
    url: str
    publication_state: PublicationState
    version: int
