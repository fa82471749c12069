"""The follow-up state of a ``catalog.FollowUpRequest`` and the verb that records a reply.

A committee asks the State to report on a few recommendations by a date
(CERD: "mostly one year", ICERD art. 9 and rule 65; CCPR: rule 75, one to three
years; the date is read from the CO text). The state of each requested item
follows from two dates only:

=====================  =====================================================
state                  rule (``today`` is a parameter, never the clock)
=====================  =====================================================
``pending``            no reply yet and ``today <= due_on``
``overdue``            no reply yet and ``today > due_on``
``submitted_on_time``  reply received on or before ``due_on``
``submitted_late``     reply received after ``due_on``
``no_deadline``        no due date (CRC "urgent measures", CERD "particular
                       importance": flags without a deadline)
=====================  =====================================================

The due day itself is still on time: a reply received on ``due_on`` is
"submitted on time" and an item with no reply is overdue from the next day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.accounts.permissions import can_see_restricted, user_rank
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, FollowUpRequest

PENDING = "pending"
ON_TIME = "submitted_on_time"
LATE = "submitted_late"
OVERDUE = "overdue"
NO_DEADLINE = "no_deadline"

#: state → label shown to people (translated when rendered).
STATE_LABELS: dict[str, Any] = {
    PENDING: gettext_lazy("Pending"),
    ON_TIME: gettext_lazy("Submitted on time"),
    LATE: gettext_lazy("Submitted late"),
    OVERDUE: gettext_lazy("Overdue"),
    NO_DEADLINE: gettext_lazy("No deadline"),
}


def follow_up_state(
    due_on: dt.date | None, reply_received_on: dt.date | None, today: dt.date
) -> str:
    """State of one follow-up item on ``today`` (see the module table).

    Args:
        due_on: the deadline (a ``datetime.date``) or ``None``.
        reply_received_on: the date the UN received the State's reply, or ``None``.
        today: the date to judge against (pass it; logic never reads the clock).

    Returns:
        One of ``pending``, ``submitted_on_time``, ``submitted_late``,
        ``overdue``, ``no_deadline``.
    """
    if due_on is None:
        return NO_DEADLINE
    if reply_received_on is not None:
        return ON_TIME if reply_received_on <= due_on else LATE
    return OVERDUE if today > due_on else PENDING


def state_of(request: FollowUpRequest, today: dt.date) -> str:
    """:func:`follow_up_state` of a ``catalog.FollowUpRequest`` row on ``today``
    (a ``datetime.date``), from its ``due_on`` and ``reply_received_on``."""
    return follow_up_state(request.due_on, request.reply_received_on, today)


def state_label(state: str) -> str:
    """The translated label of a state ("submitted_late" -> "Submitted late").

    Raises:
        KeyError: ``state`` is not one of the states in :data:`STATE_LABELS`.
    """
    return str(STATE_LABELS[state])


def days_late(request: FollowUpRequest, today: dt.date) -> int:
    """Whole days past the deadline (an ``int`` >= 0): until the reply for a late reply,
    until ``today`` (a ``datetime.date``) when overdue; 0 otherwise (pending, on time,
    no deadline). The due day itself is not late (module table)."""
    if request.due_on is None:
        return 0
    end = request.reply_received_on or today
    return max(0, (end - request.due_on).days)


@transaction.atomic
def do_record_follow_up_reply(
    user: Viewer | None,
    co_document: Document,
    received_on: dt.date,
    reply_document: Document | None = None,
) -> list[FollowUpRequest]:
    """Record that the State's follow-up reply to ``co_document`` was received on ``received_on``.

    Sets ``reply_received_on`` (and ``reply_document`` when given) on every
    written follow-up request (kind ``follow_up``) of the concluding
    observations ``co_document``, with a history row per request naming the
    user. Requests that already carry this date and document are left
    untouched (no history row), so recording the same reply twice is harmless.

    Args:
        user: the acting user: a coordinator or admin, or ``None`` for the
            command line and importers (history then names no user).
        co_document: the concluding observations the reply answers.
        received_on: the date the UN received the reply (``datetime.date``),
            e.g. 2026-01-08 for CERD/C/BRA/FCO/18-20.
        reply_document: the reply itself (``doc_type`` follow_up_reply), if catalogued.

    Returns:
        The follow-up requests of ``co_document`` after the change, by item order.

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
        ValueError: ``co_document`` has no written follow-up request.
    """
    if user is not None and not can_see_restricted(user):
        raise PermissionDenied(_("Only coordinators can record a State's follow-up reply."))
    requests = list(
        FollowUpRequest.objects.select_for_update()
        .filter(document=co_document, kind=FollowUpRequest.Kind.FOLLOW_UP)
        .order_by("id")
    )
    if not requests:
        raise ValueError(
            f"{co_document} has no follow-up request to record a reply against "
            "(import its concluding observations first)"
        )
    reply_id = reply_document.pk if reply_document is not None else None
    for request in requests:
        same_reply = reply_id is None or request.reply_document_id == reply_id
        if request.reply_received_on == received_on and same_reply:
            continue
        request.reply_received_on = received_on
        if reply_document is not None:
            request.reply_document = reply_document
        request._history_user = user if user_rank(user) else None  # type: ignore[attr-defined]
        request._change_reason = "follow-up reply recorded"  # type: ignore[attr-defined]
        request.save()
    return requests
