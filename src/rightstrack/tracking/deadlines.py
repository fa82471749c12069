"""The deadlines calendar: every dated event a follow-up team must meet or mark.

:func:`build_calendar` returns a sorted list of :class:`Deadline` for a viewer
(who decides what may be seen: everything goes through the permission helpers,
so restricted records only reach coordinators and admins) and
:class:`Filters` (country, mechanism, date range, one organisation's work).

Kinds of events:

``follow_up_reply``
    each ``FollowUpRequest`` with a due date (CERD one year, art. 9 and rule 65;
    CCPR rule 75...); state and basis from :mod:`tracking.followup`.
``periodic_report``
    the next periodic report asked by the *latest* document of a State and
    mechanism: ``next_report_due`` (basis ``fixed``), or ``next_report_year``
    (basis ``year``, dated 31 December: "by 2026" is met until the year ends).
``upr_mid_term``
    the voluntary UPR mid-term report (encouraged by HRC res. 16/21): when a
    mid-term report is *recorded* (a child document of the WG report whose
    title or key says "mid-term"), its date with state ``submitted``; otherwise a
    *suggested* date 30 months (2.5 years) after the WG report's adoption,
    basis ``suggested``.
``action_target``
    target dates of actions not completed or cancelled.
``indicator_measurement``
    ``Indicator.next_measurement_due()`` of those actions' indicators.
``six_months_since``
    six months after a review (CO adoption, UPR WG report adoption) or a
    decision (Views): the seed of an anniversary article. For Views recorded as a
    ``catalog.Communication``: six months after the Views and again at the State's
    reply deadline (basis ``reply_deadline``).
``views_reply``
    the State's reply on Views (``Communication.reply_due``): basis ``transmittal``
    or ``views_adoption`` (counted from the adoption when the transmittal date is not
    known); ``submitted`` once a State reply is recorded (``tracking.ViewsFollowUp``).
``intervention_publication``
    a third-party intervention whose communication's Views are out and whose
    publication nobody decided yet (dated the day of the Views): coordinators only,
    through ``tracking.permissions.visible_interventions``.
``engagement_follow_up``
    the follow-up date of an engagement (a meeting, a hearing...).
``commitment_due``
    the date by which a commitment made during an engagement is to be kept.

Engagements and commitments follow ``tracking.permissions.visible_engagements``:
the ICS feeds and ``rightstrack deadlines`` (without ``--include-restricted``) are
built for an anonymous viewer, so only public engagements reach them.

States: follow-up items use the follow-up states; other obligations are
``upcoming`` or ``overdue`` against ``today``; ``six_months_since`` is
``upcoming`` or ``past``; a suggested mid-term report is ``suggested``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.permissions import (
    can_see_restricted,
    user_rank,
    visible_communications,
    visible_documents,
    visible_follow_up_requests,
)
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Communication, Document, FollowUpRequest
from rightstrack.core.identifiers import ics_uid
from rightstrack.core.periods import ANNIVERSARY_MONTHS, UPR_MID_TERM_MONTHS, add_days, add_months
from rightstrack.tracking import followup
from rightstrack.tracking.models import Action, Assignment, ViewsFollowUp
from rightstrack.tracking.permissions import (
    shown_action,
    visible_actions,
    visible_commitments,
    visible_engagements,
    visible_interventions,
    visible_views_follow_ups,
)

FOLLOW_UP_REPLY = "follow_up_reply"
PERIODIC_REPORT = "periodic_report"
UPR_MID_TERM = "upr_mid_term"
ACTION_TARGET = "action_target"
INDICATOR_MEASUREMENT = "indicator_measurement"
SIX_MONTHS_SINCE = "six_months_since"
ENGAGEMENT_FOLLOW_UP = "engagement_follow_up"
COMMITMENT_DUE = "commitment_due"
VIEWS_REPLY = "views_reply"
INTERVENTION_PUBLICATION = "intervention_publication"

KIND_LABELS: dict[str, Any] = {
    FOLLOW_UP_REPLY: gettext_lazy("Follow-up reply due"),
    PERIODIC_REPORT: gettext_lazy("Next periodic report"),
    UPR_MID_TERM: gettext_lazy("UPR mid-term report"),
    ACTION_TARGET: gettext_lazy("Action target date"),
    INDICATOR_MEASUREMENT: gettext_lazy("Indicator measurement due"),
    SIX_MONTHS_SINCE: gettext_lazy("Six months since"),
    ENGAGEMENT_FOLLOW_UP: gettext_lazy("Engagement follow-up"),
    COMMITMENT_DUE: gettext_lazy("Commitment due"),
    VIEWS_REPLY: gettext_lazy("Reply on Views due"),
    INTERVENTION_PUBLICATION: gettext_lazy("Decide on publishing an intervention"),
}

#: How a date was obtained (``Deadline.basis``) → label.
BASIS_LABELS: dict[str, Any] = {
    "stated": gettext_lazy("stated in the text"),
    "computed": gettext_lazy("computed from the adoption date"),
    "manual": gettext_lazy("entered by hand"),
    "fixed": gettext_lazy("date set by the committee"),
    "year": gettext_lazy("year only (end of year shown)"),
    "recorded": gettext_lazy("recorded"),
    "suggested": gettext_lazy("suggested: 2.5 years after adoption"),
    "target": gettext_lazy("target date of the action"),
    "frequency": gettext_lazy("measurement frequency"),
    "adoption": gettext_lazy("six months after adoption"),
    "engagement": gettext_lazy("recorded at the engagement"),
    "transmittal": gettext_lazy("counted from the transmittal of the Views"),
    "views_adoption": gettext_lazy(
        "counted from the adoption of the Views (transmittal date not known)"
    ),
    "reply_deadline": gettext_lazy("the State's reply deadline"),
    "views": gettext_lazy("date of the Views"),
}

#: Kinds that are obligations (reminders list these; "six months since" is a prompt).
OBLIGATIONS = frozenset(
    {
        FOLLOW_UP_REPLY,
        PERIODIC_REPORT,
        UPR_MID_TERM,
        ACTION_TARGET,
        INDICATOR_MEASUREMENT,
        ENGAGEMENT_FOLLOW_UP,
        COMMITMENT_DUE,
        VIEWS_REPLY,
        INTERVENTION_PUBLICATION,
    }
)

UPCOMING = "upcoming"
OVERDUE = followup.OVERDUE
PAST = "past"
SUGGESTED = "suggested"
SUBMITTED = "submitted"


_MID_TERM = re.compile(r"mid[\s-]?term", re.I)
_REVIEWS = (
    Document.Type.CONCLUDING_OBSERVATIONS,
    Document.Type.UPR_WG_REPORT,
    Document.Type.VIEWS,
)


@dataclass(frozen=True)
class Deadline:
    """One dated event of the calendar.

    Attributes:
        date: the day (``datetime.date``).
        kind: one of the kind constants above.
        title: one line for people (in the active language).
        symbol: UN symbol of the document concerned ("" for actions).
        item: the item as cited ("36 (a)"), or "" when not item-level.
        state: see the module docstring.
        basis: how the date was obtained: ``stated``/``computed``/``manual`` (follow-up),
            ``fixed``/``year`` (periodic report), ``recorded``/``suggested`` (mid-term),
            ``target`` (actions), ``frequency`` (indicators), ``adoption`` (six months).
        url: path of the page to open.
        uid: stable identifier (ICS ``UID``), from ``core.identifiers.ics_uid``.
        country: ISO3 or "".
        mechanism: mechanism code or "".
    """

    date: dt.date
    kind: str
    title: str
    symbol: str
    item: str
    state: str
    basis: str
    url: str
    uid: str
    country: str = ""
    mechanism: str = ""

    @property
    def overdue(self) -> bool:
        return self.state == OVERDUE

    @property
    def state_label(self) -> str:
        """Translated state ("Submitted late", "Overdue", "Suggested"...)."""
        labels = {
            UPCOMING: _("Upcoming"),
            PAST: _("Past"),
            SUGGESTED: _("Suggested"),
            SUBMITTED: _("Submitted"),
        }
        if self.state in labels:
            return str(labels[self.state])
        return followup.state_label(self.state)

    @property
    def basis_label(self) -> str:
        """Translated basis ("computed from the adoption date"), or the code if unknown."""
        return str(BASIS_LABELS.get(self.basis, self.basis))

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def as_json(self) -> dict[str, str]:
        """The JSON shape of ``rightstrack deadlines --json``: date, kind, title, symbol,
        item, state, basis, url (plus state_label, country, mechanism, uid)."""
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["state_label"] = self.state_label
        return data


@dataclass
class Filters:
    """What to include.

    Attributes:
        country: ISO3 code, or ``None`` for all.
        mechanism: mechanism code ("CERD"), or ``None``.
        start, end: inclusive date range, or ``None`` (open).
        organisation_id: only the work of this organisation: follow-up items
            of recommendations assigned to it, its actions and their indicators.
        kinds: only these kinds, or ``None`` for all.
    """

    country: str | None = None
    mechanism: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    organisation_id: int | None = None
    kinds: frozenset[str] | None = None

    def wants(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    def in_range(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def scope_for(user: Viewer | None) -> Filters:
    """The default scope of ``user``'s calendar and reminders.

    Focal points and validators: their organisation's work. Coordinators and
    admins: everything they may see, within their organisation's country if it
    has one. Everyone else: no narrowing (public records only, by visibility).
    """
    rank = user_rank(user)
    org = getattr(user, "organisation", None) if rank else None
    if can_see_restricted(user):
        country = org.country.iso3 if org is not None and org.country_id else None
        return Filters(country=country)
    if rank >= ROLE_RANK[Role.FOCAL_POINT] and org is not None:  # focal point or validator
        return Filters(organisation_id=org.pk)
    return Filters()


def _sort_key(item: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", item))


def build_calendar(
    viewer: Viewer | None, today: dt.date, filters: Filters | None = None
) -> list[Deadline]:
    """Every event ``viewer`` may see that matches ``filters``, sorted by date.

    Args:
        viewer: an ``accounts.User`` or ``AnonymousUser`` (``None`` = anonymous):
            decides visibility through ``accounts.permissions`` and
            ``tracking.permissions``; restricted records only for coordinators.
        today: the date states are judged against (``datetime.date``).
        filters: see :class:`Filters`.

    Returns:
        Events sorted by (date, kind, symbol, item).
    """
    f = filters or Filters()
    events: list[Deadline] = []
    if f.wants(FOLLOW_UP_REPLY):
        events += _follow_ups(viewer, today, f)
    if f.organisation_id is None:
        docs = _documents(viewer, f)
        if f.wants(PERIODIC_REPORT):
            events += _periodic_reports(docs, today)
        if f.wants(UPR_MID_TERM):
            events += _mid_terms(viewer, docs)
        if f.wants(SIX_MONTHS_SINCE):
            events += _anniversaries(docs, today)
        if f.wants(VIEWS_REPLY) or f.wants(SIX_MONTHS_SINCE):
            events += _communications(viewer, today, f)
    if f.wants(INTERVENTION_PUBLICATION):
        events += _interventions(viewer, today, f)
    if f.wants(ACTION_TARGET) or f.wants(INDICATOR_MEASUREMENT):
        events += _actions(viewer, today, f)
    if f.wants(ENGAGEMENT_FOLLOW_UP) or f.wants(COMMITMENT_DUE):
        events += _engagements(viewer, today, f)
    events = [e for e in events if f.in_range(e.date)]
    kinds = list(KIND_LABELS)
    events.sort(key=lambda e: (e.date, kinds.index(e.kind), e.symbol, _sort_key(e.item)))
    return events


def _doc_url(doc_id: int) -> str:
    return reverse("portal:document_detail", args=[doc_id])


def _follow_ups(viewer: Viewer | None, today: dt.date, f: Filters) -> list[Deadline]:
    qs = visible_follow_up_requests(viewer).filter(due_on__isnull=False)
    # Views recorded as communications: their reply is a ``views_reply`` event.
    qs = qs.exclude(kind=FollowUpRequest.Kind.VIEWS_REPLY, document__communication__isnull=False)
    if f.country:
        qs = qs.filter(document__country__iso3=f.country.upper())
    if f.mechanism:
        qs = qs.filter(document__mechanism__code=f.mechanism.upper())
    if f.organisation_id is not None:
        assigned = Assignment.objects.active().filter(organisation_id=f.organisation_id)
        qs = qs.filter(recommendation__in=assigned.values("recommendation_id"))
    out = []
    for fr in qs.select_related("document__country", "document__mechanism"):
        doc = fr.document
        if fr.due_on is None:  # excluded by the query; narrows the type
            continue
        url = (
            reverse("portal:recommendation_detail", args=[fr.recommendation_id])
            if fr.recommendation_id
            else _doc_url(doc.pk)
        )
        out.append(
            Deadline(
                date=fr.due_on,
                kind=FOLLOW_UP_REPLY,
                title=_("Follow-up information due: %(symbol)s, paragraph %(item)s")
                % {"symbol": doc.symbol or doc.key, "item": fr.item},
                symbol=doc.symbol,
                item=fr.item,
                state=followup.state_of(fr, today),
                basis=fr.due_basis,
                url=url,
                uid=ics_uid("followup", doc.key, fr.item),
                country=doc.country.iso3 if doc.country else "",
                mechanism=doc.mechanism.code,
            )
        )
    return out


def _documents(viewer: Viewer | None, f: Filters) -> list[Document]:
    qs = visible_documents(viewer).select_related("country", "mechanism")
    if f.country:
        qs = qs.filter(country__iso3=f.country.upper())
    if f.mechanism:
        qs = qs.filter(mechanism__code=f.mechanism.upper())
    return list(qs.filter(Q(doc_type__in=_REVIEWS) | Q(next_report_due__isnull=False)))


def _status(day: dt.date, today: dt.date) -> str:
    return OVERDUE if day < today else UPCOMING


def _periodic_reports(docs: Iterable[Document], today: dt.date) -> list[Deadline]:
    latest: dict[tuple[int | None, int], Document] = {}
    for doc in docs:
        if doc.doc_type not in _REVIEWS or doc.doc_type == Document.Type.VIEWS:
            continue
        key = (doc.country_id, doc.mechanism_id)
        current = latest.get(key)
        if current is None or (doc.adopted_on or dt.date.min) > (current.adopted_on or dt.date.min):
            latest[key] = doc
    out = []
    for doc in latest.values():
        if doc.next_report_due:
            day, basis = doc.next_report_due, "fixed"
        elif doc.next_report_year:
            day, basis = dt.date(doc.next_report_year, 12, 31), "year"
        else:
            continue
        out.append(
            Deadline(
                date=day,
                kind=PERIODIC_REPORT,
                title=_("Next periodic report due to %(mechanism)s (after %(symbol)s)")
                % {"mechanism": doc.mechanism.code, "symbol": doc.symbol or doc.key},
                symbol=doc.symbol,
                item="",
                state=_status(day, today),
                basis=basis,
                url=_doc_url(doc.pk),
                uid=ics_uid("report", doc.key),
                country=doc.country.iso3 if doc.country else "",
                mechanism=doc.mechanism.code,
            )
        )
    return out


def _mid_terms(viewer: Viewer | None, docs: Iterable[Document]) -> list[Deadline]:
    reports = [d for d in docs if d.doc_type == Document.Type.UPR_WG_REPORT and d.adopted_on]
    if not reports:
        return []
    recorded: dict[int, Document] = {}
    children = visible_documents(viewer).filter(parent__in=[d.pk for d in reports])
    for child in children:
        if _MID_TERM.search(f"{child.title} {child.key} {child.symbol}"):
            recorded[child.parent_id] = child  # type: ignore[index]
    out = []
    for doc in reports:
        if doc.adopted_on is None:  # excluded above; narrows the type
            continue
        mid = recorded.get(doc.pk)
        day = (mid.received_on or mid.published_on or mid.adopted_on) if mid else None
        if mid is not None and day is not None:
            state, basis, url = SUBMITTED, "recorded", _doc_url(mid.pk)
        else:
            day = add_months(doc.adopted_on, UPR_MID_TERM_MONTHS)
            state, basis, url = SUGGESTED, "suggested", _doc_url(doc.pk)
        out.append(
            Deadline(
                date=day,
                kind=UPR_MID_TERM,
                title=(
                    _("UPR mid-term report (suggested: 2.5 years after %(symbol)s)")
                    if basis == "suggested"
                    else _("UPR mid-term report on %(symbol)s")
                )
                % {"symbol": doc.symbol or doc.key},
                symbol=doc.symbol,
                item="",
                state=state,
                basis=basis,
                url=url,
                uid=ics_uid("midterm", doc.key),
                country=doc.country.iso3 if doc.country else "",
                mechanism=doc.mechanism.code,
            )
        )
    return out


def _anniversaries(docs: Iterable[Document], today: dt.date) -> list[Deadline]:
    out = []
    with_communication = set(
        Communication.objects.filter(document__in=[d.pk for d in docs]).values_list(
            "document_id", flat=True
        )
    )
    for doc in docs:
        if doc.doc_type not in _REVIEWS or doc.adopted_on is None:
            continue
        if doc.pk in with_communication:  # see _communications
            continue
        day = add_months(doc.adopted_on, ANNIVERSARY_MONTHS)
        what: dict[str, str] = {
            Document.Type.CONCLUDING_OBSERVATIONS.value: _("the concluding observations"),
            Document.Type.UPR_WG_REPORT.value: _("the UPR review"),
            Document.Type.VIEWS.value: _("the decision"),
        }
        out.append(
            Deadline(
                date=day,
                kind=SIX_MONTHS_SINCE,
                title=_("Six months since %(what)s %(symbol)s: anniversary article")
                % {"what": what[str(doc.doc_type)], "symbol": doc.symbol or doc.key},
                symbol=doc.symbol,
                item="",
                state=PAST if day < today else UPCOMING,
                basis="adoption",
                url=_doc_url(doc.pk),
                uid=ics_uid("sixmonths", doc.key),
                country=doc.country.iso3 if doc.country else "",
                mechanism=doc.mechanism.code,
            )
        )
    return out


def _communication_url(pk: int) -> str:
    return reverse("portal:communication_detail", args=[pk])


def _communications(viewer: Viewer | None, today: dt.date, f: Filters) -> list[Deadline]:
    """Reply deadlines and anniversaries of the Views ``viewer`` may see (never a
    pending communication: it has no Views, and stays restricted by default)."""
    qs = visible_communications(viewer).exclude(status=Communication.Status.PENDING)
    if f.country:
        qs = qs.filter(country__iso3=f.country.upper())
    if f.mechanism:
        qs = qs.filter(mechanism__code=f.mechanism.upper())
    comms = list(qs.select_related("country", "mechanism"))
    replied = set(
        visible_views_follow_ups(viewer)
        .filter(kind=ViewsFollowUp.Kind.STATE_REPLY, communication__in=[c.pk for c in comms])
        .values_list("communication_id", flat=True)
    )
    out: list[Deadline] = []
    for comm in comms:
        common = {
            "symbol": comm.symbol,
            "item": comm.number,
            "url": _communication_url(comm.pk),
            "country": comm.country.iso3 if comm.country else "",
            "mechanism": comm.mechanism.code,
        }
        ref = comm.reference
        if f.wants(VIEWS_REPLY) and comm.reply_due:
            basis = "transmittal" if comm.reply_due_basis == "transmittal" else "views_adoption"
            out.append(
                Deadline(
                    date=comm.reply_due,
                    kind=VIEWS_REPLY,
                    title=_("State's reply on the Views %(symbol)s due (%(period)s)")
                    % {"symbol": ref, "period": comm.reply_period_text},
                    state=SUBMITTED if comm.pk in replied else _status(comm.reply_due, today),
                    basis=basis,
                    uid=ics_uid("viewsreply", ref),
                    **common,
                )
            )
        if not f.wants(SIX_MONTHS_SINCE) or comm.outcome != Communication.Outcome.VIOLATION:
            continue
        dates = []
        if comm.views_adopted_on:
            dates.append((add_months(comm.views_adopted_on, ANNIVERSARY_MONTHS), "adoption"))
        if comm.reply_due:
            dates.append((comm.reply_due, "reply_deadline"))
        for day, basis in dates:
            out.append(
                Deadline(
                    date=day,
                    kind=SIX_MONTHS_SINCE,
                    title=_("Six months since the Views %(symbol)s: anniversary article")
                    % {"symbol": ref}
                    if basis == "adoption"
                    else _("Reply deadline of the Views %(symbol)s: anniversary article")
                    % {"symbol": ref},
                    state=PAST if day < today else UPCOMING,
                    basis=basis,
                    uid=ics_uid("sixmonths-views", basis, ref),
                    **common,
                )
            )
    return out


def _interventions(viewer: Viewer | None, today: dt.date, f: Filters) -> list[Deadline]:
    """Interventions waiting for a publication decision now that the Views are out."""
    qs = visible_interventions(viewer).filter(
        publication_decided=False, communication__views_adopted_on__isnull=False
    )
    qs = qs.exclude(communication__status=Communication.Status.PENDING)
    if f.country:
        qs = qs.filter(communication__country__iso3=f.country.upper())
    if f.mechanism:
        qs = qs.filter(communication__mechanism__code=f.mechanism.upper())
    if f.organisation_id is not None:
        qs = qs.filter(organisation_id=f.organisation_id)
    out = []
    for item in qs.select_related("communication__country", "communication__mechanism"):
        comm = item.communication
        day = comm.views_adopted_on
        if day is None:  # excluded by the query; narrows the type
            continue
        out.append(
            Deadline(
                date=day,
                kind=INTERVENTION_PUBLICATION,
                title=_("Views adopted on %(symbol)s: decide whether to publish your intervention")
                % {"symbol": comm.reference},
                symbol=comm.symbol,
                item=comm.number,
                state=_status(day, today),
                basis="views",
                url=_communication_url(comm.pk),
                uid=ics_uid("intervention", item.pk),
                country=comm.country.iso3 if comm.country else "",
                mechanism=comm.mechanism.code,
            )
        )
    return out


def _actions(viewer: Viewer | None, today: dt.date, f: Filters) -> list[Deadline]:
    qs = visible_actions(viewer).exclude(
        status__in=[Action.Status.COMPLETED, Action.Status.CANCELLED]
    )
    if f.country:
        qs = qs.filter(
            Q(plan__country__iso3=f.country.upper())
            | Q(recommendations__country__iso3=f.country.upper())
        )
    if f.mechanism:
        qs = qs.filter(recommendations__mechanism__code=f.mechanism.upper())
    if f.organisation_id is not None:
        qs = qs.filter(responsible_id=f.organisation_id)
    out: list[Deadline] = []
    for action in qs.distinct().select_related("plan__country").prefetch_related("indicators"):
        version = shown_action(viewer, action)
        shown = version.data if version is not None else None
        if shown is None or shown.status in (Action.Status.COMPLETED, Action.Status.CANCELLED):
            continue
        url = reverse("tracking:action_detail", args=[action.pk])
        country = action.plan.country.iso3 if action.plan.country else ""
        if f.wants(ACTION_TARGET) and shown.target_date:
            out.append(
                Deadline(
                    date=shown.target_date,
                    kind=ACTION_TARGET,
                    title=_("Action target date: %(title)s") % {"title": shown.title},
                    symbol="",
                    item="",
                    state=_status(shown.target_date, today),
                    basis="target",
                    url=url,
                    uid=ics_uid("action", action.pk),
                    country=country,
                )
            )
        if not f.wants(INDICATOR_MEASUREMENT):
            continue
        for indicator in action.indicators.all():
            if indicator.is_archived:
                continue
            day = indicator.next_measurement_due()
            if day is None:
                continue
            out.append(
                Deadline(
                    date=day,
                    kind=INDICATOR_MEASUREMENT,
                    title=_("Measure indicator: %(name)s (%(action)s)")
                    % {"name": indicator.name, "action": shown.title},
                    symbol="",
                    item="",
                    state=_status(day, today),
                    basis="frequency",
                    url=url,
                    uid=ics_uid("indicator", indicator.pk, day.isoformat()),
                    country=country,
                )
            )
    return out


def _engagements(viewer: Viewer | None, today: dt.date, f: Filters) -> list[Deadline]:
    """Follow-up dates of engagements and dates of their commitments (``viewer``'s view)."""
    qs = visible_engagements(viewer)
    if f.country:
        iso3 = f.country.upper()
        qs = qs.filter(Q(country__iso3=iso3) | Q(recommendations__country__iso3=iso3))
    if f.mechanism:
        qs = qs.filter(recommendations__mechanism__code=f.mechanism.upper())
    if f.organisation_id is not None:
        qs = qs.filter(
            Q(organisation_id=f.organisation_id)
            | Q(organisations=f.organisation_id)
            | Q(commitments__by_whom_id=f.organisation_id)
        )
    engagements = list(qs.distinct().select_related("country"))
    out: list[Deadline] = []
    for e in engagements:
        if e.follow_up_on is None or not f.wants(ENGAGEMENT_FOLLOW_UP):
            continue
        out.append(
            Deadline(
                date=e.follow_up_on,
                kind=ENGAGEMENT_FOLLOW_UP,
                title=_("Follow up on: %(title)s") % {"title": e.title},
                symbol="",
                item="",
                state=_status(e.follow_up_on, today),
                basis="engagement",
                url=reverse("tracking:engagement_detail", args=[e.pk]),
                uid=ics_uid("engagement", e.pk),
                country=e.country.iso3 if e.country else "",
            )
        )
    if not f.wants(COMMITMENT_DUE):
        return out
    commitments = visible_commitments(viewer).filter(
        engagement__in=[e.pk for e in engagements], due_on__isnull=False
    )
    if f.organisation_id is not None:
        commitments = commitments.filter(
            Q(by_whom_id=f.organisation_id)
            | Q(engagement__organisation_id=f.organisation_id)
            | Q(engagement__organisations=f.organisation_id)
        ).distinct()
    for c in commitments.select_related("engagement__country", "by_whom"):
        if c.due_on is None:  # excluded by the query; narrows the type
            continue
        who = f" ({c.by_whom.name})" if c.by_whom else ""
        out.append(
            Deadline(
                date=c.due_on,
                kind=COMMITMENT_DUE,
                title=_("Commitment due: %(text)s") % {"text": c.text[:120]} + who,
                symbol="",
                item="",
                state=_status(c.due_on, today),
                basis="engagement",
                url=reverse("tracking:engagement_detail", args=[c.engagement_id]),
                uid=ics_uid("commitment", c.pk),
                country=c.engagement.country.iso3 if c.engagement.country else "",
            )
        )
    return out


def due_soon_and_overdue(
    events: Iterable[Deadline], today: dt.date, days: int = 30
) -> tuple[list[Deadline], list[Deadline]]:
    """Split obligations into (due within ``days`` days from ``today`` inclusive, overdue).

    Only :data:`OBLIGATIONS` that are still open (pending, upcoming or
    overdue) count; submitted items and "six months since" prompts do not.
    """
    horizon = add_days(today, days)
    soon, late = [], []
    for e in events:
        if e.kind not in OBLIGATIONS:
            continue
        if e.state == OVERDUE:
            late.append(e)
        elif e.state in (followup.PENDING, UPCOMING) and today <= e.date <= horizon:
            soon.append(e)
    return soon, late
