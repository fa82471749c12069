"""Who may see and change tracking records.

Two kinds of helpers:

* ``visible_*`` / ``get_*_for_user``: the ONE place each protected model is
  fetched for a user. Anything below coordinator never sees restricted
  records; anonymous visitors see only published, public items. A missing or
  hidden object raises ``Http404`` (existence is not revealed).
* ``can_*``: what a user may change, used by views (403) and re-checked by
  the verbs in ``tracking.actions`` (``PermissionDenied``).

Rules (as in Paraguay's SIMORE Plus, where focal points upload their institution's
actions and each institution has a validating authority):

* coordinators and admins may change anything;
* focal points and validators may change only what their own institution is
  responsible for (``Action.responsible``) or assigned to
  (``Assignment.organisation``); a focal point of ministry B can never touch
  what belongs to ministry A;
* a validator approves updates of their own institution; coordinators
  approve anything and moderate contributors' submissions;
* contributors submit assessments and evidence, which wait for moderation;
* viewers and anonymous visitors change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from rightstrack.accounts.models import ROLE_RANK, Role
from rightstrack.accounts.permissions import (
    can_see_restricted,
    user_rank,
    visible_communications,
    visible_recommendations,
)
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import RecommendationQuerySet, Visibility
from rightstrack.tracking.models import (
    Action,
    ActionQuerySet,
    Assessment,
    AssessmentQuerySet,
    Assignment,
    AssignmentQuerySet,
    Commitment,
    Engagement,
    EngagementQuerySet,
    EngagementVisibility,
    Evidence,
    ImplementationPlan,
    Indicator,
    Measurement,
    PlanQuerySet,
    PublicationState,
    Selection,
    StatusChange,
    StatusChangeQuerySet,
    ThirdPartyIntervention,
    ViewsFollowUp,
    ViewsFollowUpQuerySet,
)

COORDINATOR = ROLE_RANK[Role.COORDINATOR]
VALIDATOR = ROLE_RANK[Role.VALIDATOR]
FOCAL_POINT = ROLE_RANK[Role.FOCAL_POINT]
CONTRIBUTOR = ROLE_RANK[Role.CONTRIBUTOR]


def is_coordinator(user: Viewer | None) -> bool:
    """Coordinator, admin or superuser."""
    return user_rank(user) >= COORDINATOR


def _org_id(user: Viewer | None) -> int | None:
    if user_rank(user) == 0:
        return None
    return getattr(user, "organisation_id", None)


def is_institution_member(user: Viewer | None) -> bool:
    """Focal point or validator attached to an organisation."""
    return user_rank(user) in (FOCAL_POINT, VALIDATOR) and _org_id(user) is not None


def is_validator_of(user: Viewer | None, organisation_id: int | None) -> bool:
    """True if ``user`` is a validator of the organisation with this id."""
    return (
        organisation_id is not None
        and user_rank(user) == VALIDATOR
        and _org_id(user) == organisation_id
    )


# --------------------------------------------------------------------------- seeing


def visible_assignments(user: Viewer | None) -> AssignmentQuerySet:
    """Active assignments of recommendations ``user`` may see.

    A correlated ``EXISTS`` rather than ``IN (every visible recommendation)``: fetching one
    assignment then probes one recommendation instead of listing the whole catalogue
    (the assign page took over a second with 250,000 recommendations; ``bench/forms.py``).
    """
    recs = visible_recommendations(user).filter(pk=OuterRef("recommendation_id"))
    return Assignment.objects.active().filter(Exists(recs))


def visible_plans(user: Viewer | None) -> PlanQuerySet:
    """Plans ``user`` may see: all non-archived for coordinators, public ones otherwise."""
    if can_see_restricted(user):
        return ImplementationPlan.objects.filter(is_archived=False)
    return ImplementationPlan.objects.public()


def visible_actions(user: Viewer | None) -> ActionQuerySet:
    """Actions ``user`` may see.

    Coordinators: every non-archived action. Focal points and validators:
    public actions plus the drafts of their own institution (in plans they
    may see) and their own drafts. Everyone else: public actions (render them
    through ``Action.last_published()``).
    """
    if can_see_restricted(user):
        return Action.objects.filter(is_archived=False)
    public = Action.objects.public()
    if user_rank(user) >= FOCAL_POINT:
        own = Q(responsible_id=_org_id(user)) if _org_id(user) else Q(pk__in=[])
        return Action.objects.filter(
            Q(pk__in=public.values("pk"))
            | (
                (own | Q(created_by_id=getattr(user, "pk", None)))
                & Q(is_archived=False, plan__in=visible_plans(user).values("pk"))
            )
        )
    return public


def visible_assessments(user: Viewer | None) -> AssessmentQuerySet:
    """Assessments ``user`` may see.

    Coordinators: all non-archived. Others: published public ones, plus their
    own submissions, plus (focal points and validators) the public-visibility
    drafts of their own institution; always only on recommendations they may
    see. Restricted assessments (embargoed submissions) are shown to
    coordinators and their author only.
    """
    if can_see_restricted(user):
        return Assessment.objects.filter(is_archived=False)
    public = Assessment.objects.public()
    rank = user_rank(user)
    if rank == 0:
        return public
    mine = Q(author_id=getattr(user, "pk", None))
    if rank >= FOCAL_POINT and _org_id(user):
        mine |= Q(organisation_id=_org_id(user), visibility=Visibility.PUBLIC)
    recs = visible_recommendations(user).values("pk")
    return Assessment.objects.filter(
        Q(pk__in=public.values("pk")) | (mine & Q(is_archived=False, recommendation__in=recs))
    )


def visible_status_changes(user: Viewer | None) -> StatusChangeQuerySet:
    """Entries of recommendations' status-change logs ``user`` may see.

    Coordinators and admins: every entry. Everyone else: the public part
    (:meth:`StatusChangeQuerySet.public`).
    """
    if can_see_restricted(user):
        return StatusChange.objects.all()
    return StatusChange.objects.public()


def _get(qs: Any, pk: Any, label: str) -> Any:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {label}") from None


def visible_views_follow_ups(user: Viewer | None) -> ViewsFollowUpQuerySet:
    """Follow-up steps of Views ``user`` may see: not archived, of a communication
    ``user`` may see (``accounts.permissions.visible_communications``); restricted
    steps (e.g. an author's comments not yet published) only for coordinators."""
    if can_see_restricted(user):
        return ViewsFollowUp.objects.filter(
            is_archived=False, communication__in=visible_communications(user).values("pk")
        )
    return ViewsFollowUp.objects.public()


def visible_interventions(user: Viewer | None) -> QuerySet[ThirdPartyIntervention]:
    """Third-party interventions ``user`` may see.

    Coordinators and admins: every non-archived one. Everyone else: public ones
    (a coordinator decided to publish them) of communications that are themselves
    public; an intervention on a pending communication is restricted by default.
    """
    qs = ThirdPartyIntervention.objects.filter(is_archived=False)
    if can_see_restricted(user):
        return qs
    return qs.filter(
        visibility=Visibility.PUBLIC,
        communication__in=visible_communications(user).values("pk"),
    )


def get_intervention_for_user(user: Viewer | None, pk: Any) -> ThirdPartyIntervention:
    """One intervention ``user`` may see (:func:`visible_interventions`), else ``Http404``."""
    return _get(visible_interventions(user), pk, "intervention")  # type: ignore[no-any-return]


def get_plan_for_user(user: Viewer | None, pk: Any) -> ImplementationPlan:
    """One plan ``user`` may see, else ``Http404``."""
    return _get(visible_plans(user), pk, "plan")  # type: ignore[no-any-return]


def get_action_for_user(user: Viewer | None, pk: Any) -> Action:
    """One action ``user`` may see, else ``Http404``."""
    return _get(visible_actions(user).select_related("plan", "responsible"), pk, "action")  # type: ignore[no-any-return]


def get_assessment_for_user(user: Viewer | None, pk: Any) -> Assessment:
    """One assessment ``user`` may see, else ``Http404``."""
    return _get(  # type: ignore[no-any-return]
        visible_assessments(user).select_related("recommendation", "author", "organisation"),
        pk,
        "assessment",
    )


def get_assignment_for_user(user: Viewer | None, pk: Any) -> Assignment:
    """One active assignment ``user`` may see, else ``Http404``."""
    return _get(visible_assignments(user), pk, "assignment")  # type: ignore[no-any-return]


def get_ended_assignment_for_user(user: Viewer | None, pk: Any) -> Assignment:
    """One assignment, archived or not, for those who assign (coordinators), to restore an
    ended one; ``Http404`` for everyone else and for an unknown ``pk``."""
    if not can_assign(user):
        raise Http404("No assignment found.")
    return _get(Assignment.objects.all(), pk, "assignment")  # type: ignore[no-any-return]


def get_indicator_for_user(user: Viewer | None, pk: Any) -> Indicator:
    """One indicator of an action ``user`` may see, else ``Http404``."""
    qs = Indicator.objects.filter(is_archived=False, action__in=visible_actions(user).values("pk"))
    return _get(qs.select_related("action"), pk, "indicator")  # type: ignore[no-any-return]


def own_actions_q(user: Viewer | None) -> Q:
    """Actions whose unpublished updates ``user`` may see (their institution's)."""
    if is_coordinator(user):
        return Q()
    org = _org_id(user)
    return Q(responsible_id=org) if org and is_institution_member(user) else Q(pk__in=[])


def visible_measurements(user: Viewer | None) -> QuerySet[Measurement]:
    """Non-archived measurements of visible actions: published ones, plus the pending
    ones of the user's own institution (coordinators: all)."""
    actions = visible_actions(user)
    own = actions.filter(own_actions_q(user)).values("pk")
    return Measurement.objects.filter(is_archived=False).filter(
        Q(indicator__action__in=actions.values("pk"), publication_state=PublicationState.PUBLISHED)
        | Q(indicator__action__in=own)
    )


def visible_evidence(user: Viewer | None) -> QuerySet[Evidence]:
    """Non-archived evidence whose parent ``user`` may see. Evidence of an action must
    also be published unless it belongs to the user's institution (coordinators: all);
    evidence of an assessment follows the assessment."""
    actions = visible_actions(user)
    own = actions.filter(own_actions_q(user)).values("pk")
    return Evidence.objects.filter(is_archived=False).filter(
        Q(assessment__in=visible_assessments(user).values("pk"))
        | Q(action__in=actions.values("pk"), publication_state=PublicationState.PUBLISHED)
        | Q(action__in=own)
        | Q(engagement__in=visible_engagements(user).values("pk"))
    )


def get_measurement_for_user(user: Viewer | None, pk: Any) -> Measurement:
    """One measurement ``user`` may see (see :func:`visible_measurements`), else ``Http404``."""
    qs = visible_measurements(user).select_related("indicator__action")
    return _get(qs, pk, "measurement")  # type: ignore[no-any-return]


def get_evidence_for_user(user: Viewer | None, pk: Any) -> Evidence:
    """One piece of evidence ``user`` may see (see :func:`visible_evidence`), else ``Http404``."""
    return _get(visible_evidence(user), pk, "evidence")  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- changing


def can_assign(user: Viewer | None) -> bool:
    """Assign recommendations to institutions: coordinators and admins."""
    return is_coordinator(user)


def can_manage_plans(user: Viewer | None) -> bool:
    """Create, edit and archive plans: coordinators and admins."""
    return is_coordinator(user)


def can_add_action(user: Viewer | None, plan: ImplementationPlan) -> bool:
    """Add an action to ``plan``: coordinators; focal points and validators (the
    action is then made their own institution's responsibility)."""
    return is_coordinator(user) or is_institution_member(user)


def can_edit_action(user: Viewer | None, action: Action) -> bool:
    """Edit ``action`` (and its indicators, measurements, evidence).

    Coordinators and admins: any. Focal points and validators: only when the
    action's responsible institution is their organisation.
    """
    if is_coordinator(user):
        return True
    return (
        is_institution_member(user)
        and action.responsible_id is not None
        and action.responsible_id == _org_id(user)
    )


def can_review_action(user: Viewer | None, action: Action) -> bool:
    """Approve or reject a pending action: coordinators, or a validator of its institution."""
    return is_coordinator(user) or is_validator_of(user, action.responsible_id)


def is_assigned_to_users_org(user: Viewer | None, recommendation_id: int) -> bool:
    """True if the recommendation has an active assignment to ``user``'s organisation."""
    org = _org_id(user)
    return org is not None and (
        Assignment.objects.active()
        .filter(recommendation_id=recommendation_id, organisation_id=org)
        .exists()
    )


def can_submit_assessment(user: Viewer | None, recommendation_id: int) -> bool:
    """Submit an assessment of a (visible) recommendation.

    Contributors: any. Focal points and validators: only recommendations
    assigned to their institution. Coordinators: any. Viewers, anonymous: no.
    """
    rank = user_rank(user)
    if rank >= COORDINATOR or rank == CONTRIBUTOR:
        return True
    if rank in (FOCAL_POINT, VALIDATOR):
        return is_assigned_to_users_org(user, recommendation_id)
    return False


def can_edit_assessment(user: Viewer | None, assessment: Assessment) -> bool:
    """Edit an assessment: coordinators any; its author while it is not published;
    a validator of its organisation while it is not published."""
    if is_coordinator(user):
        return True
    if assessment.publication_state == PublicationState.PUBLISHED:
        return False
    if user_rank(user) >= CONTRIBUTOR and assessment.author_id == getattr(user, "pk", None):
        return True
    return is_validator_of(user, assessment.organisation_id)


def can_review_assessment(user: Viewer | None, assessment: Assessment) -> bool:
    """Approve or reject a pending assessment.

    Coordinators and admins moderate everything (contributors' submissions
    included); a validator approves their own institution's assessments
    except their own (nobody validates themself).
    """
    if is_coordinator(user):
        return True
    return is_validator_of(user, assessment.organisation_id) and assessment.author_id != getattr(
        user, "pk", None
    )


def publishes_directly(user: Viewer | None, organisation_id: int | None) -> bool:
    """Coordinators publish directly; so does a validator for their own institution."""
    return is_coordinator(user) or is_validator_of(user, organisation_id)


def can_see_history(user: Viewer | None) -> bool:
    """History pages (who changed what) are for signed-in users above viewer."""
    return user_rank(user) >= CONTRIBUTOR


def can_attach_evidence(
    user: Viewer | None,
    assessment: Assessment | None,
    action: Action | None,
    engagement: Engagement | None = None,
) -> bool:
    """Add or archive evidence: whoever may edit the action, the engagement, or the
    assessment (its author before publication, a validator of its organisation,
    coordinators)."""
    if engagement is not None:
        return can_edit_engagement(user, engagement)
    if action is not None:
        return can_edit_action(user, action)
    if assessment is not None:
        return can_edit_assessment(user, assessment)
    return False


# --------------------------------------------------------------------------- action versions


@dataclass
class ShownAction:
    """An action as a viewer may see it.

    ``data`` is the live row or, for viewers who may not see drafts, the historical
    record of its last published version; ``is_draft_view`` is true in that second case.
    """

    pk: int
    data: Any
    is_draft_view: bool
    publication_state: str


def shown_action(user: Viewer | None, action: Action) -> ShownAction | None:
    """``action`` as ``user`` may see it: the one rule for every page, feed and export.

    Coordinators and admins, and focal points and validators of the action's
    responsible institution (those who may edit it, :func:`can_edit_action`), see the
    current row, drafts included. Everyone else, including a person who created the
    action for another institution, sees its last published version, or nothing when
    it was never published: once an action belongs to an institution, its unpublished
    edits are that institution's business until they are validated.

    Returns:
        The version to show, or ``None`` when ``user`` may see no version of it.
    """
    if is_coordinator(user) or can_edit_action(user, action):
        return ShownAction(action.pk, action, False, action.publication_state)
    published = action.last_published()
    if published is None:
        return None
    return ShownAction(action.pk, published, published is not action, PublicationState.PUBLISHED)


# --------------------------------------------------------------------------- engagements


def visible_engagements(user: Viewer | None) -> EngagementQuerySet:
    """Engagements ``user`` may see (never archived ones).

    Coordinators and admins: all. Anonymous visitors: public ones. Other signed-in
    users: public ones, the "organisation only" ones of their own organisation, and
    those they recorded themselves (restricted included). The rule is in
    ``docs/security.md``; ``EngagementVisibility`` explains the three levels.
    """
    live = Engagement.objects.filter(is_archived=False)
    if can_see_restricted(user):
        return live
    rank = user_rank(user)
    if rank == 0:
        return live.public()
    seen = Q(visibility=EngagementVisibility.PUBLIC) | Q(created_by_id=getattr(user, "pk", None))
    if _org_id(user):
        seen |= Q(visibility=EngagementVisibility.ORGANISATION, organisation_id=_org_id(user))
    return live.filter(seen)


def get_engagement_for_user(user: Viewer | None, pk: Any) -> Engagement:
    """One engagement ``user`` may see (see :func:`visible_engagements`), else ``Http404``."""
    qs = visible_engagements(user).select_related("organisation", "country")
    return _get(qs, pk, "engagement")  # type: ignore[no-any-return]


def visible_commitments(user: Viewer | None) -> QuerySet[Commitment]:
    """Non-archived commitments of engagements ``user`` may see."""
    return Commitment.objects.filter(
        is_archived=False, engagement__in=visible_engagements(user).values("pk")
    )


def get_commitment_for_user(user: Viewer | None, pk: Any) -> Commitment:
    """One commitment of an engagement ``user`` may see, else ``Http404``."""
    qs = visible_commitments(user).select_related("engagement", "by_whom", "action")
    return _get(qs, pk, "commitment")  # type: ignore[no-any-return]


def can_record_engagement(user: Viewer | None) -> bool:
    """Record an engagement: coordinators and admins, and focal points and validators
    of an organisation (recorded for that organisation)."""
    return is_coordinator(user) or is_institution_member(user)


def can_edit_engagement(user: Viewer | None, engagement: Engagement) -> bool:
    """Edit or archive an engagement, its commitments and attachments: coordinators;
    focal points and validators of the organisation that recorded it; its author."""
    if is_coordinator(user):
        return True
    if user_rank(user) < FOCAL_POINT:
        return False
    own_org = engagement.organisation_id is not None and engagement.organisation_id == _org_id(user)
    return own_org or engagement.created_by_id == getattr(user, "pk", None)


def engagement_visibilities(user: Viewer | None) -> list[str]:
    """The visibility levels ``user`` may give an engagement.

    Publishing is for those who publish directly (coordinators, validators: see
    :func:`publishes_directly`); a focal point's record stays within the organisation.
    """
    levels = [EngagementVisibility.ORGANISATION.value, EngagementVisibility.RESTRICTED.value]
    if is_coordinator(user) or user_rank(user) == VALIDATOR:
        levels.insert(0, EngagementVisibility.PUBLIC.value)
    return levels


# --------------------------------------------------------------------------- selections


def visible_selections(user: Viewer | None) -> QuerySet[Selection]:
    """Selections ``user`` may see: their own, and those shared with their organisation.

    A selection is a working list, not a record: coordinators see only their own
    and their organisation's, like everyone else. Anonymous visitors: none.
    """
    if user_rank(user) == 0:
        return Selection.objects.none()
    seen = Q(owner_id=getattr(user, "pk", None))
    if _org_id(user):
        seen |= Q(shared=True, organisation_id=_org_id(user))
    return Selection.objects.filter(seen, is_archived=False)


def get_selection_for_user(user: Viewer | None, pk: Any) -> Selection:
    """One selection ``user`` may see, else ``Http404``."""
    return _get(visible_selections(user), pk, "selection")  # type: ignore[no-any-return]


def can_keep_selections(user: Viewer | None) -> bool:
    """Create selections: signed-in users from contributor up (viewers change nothing)."""
    return user_rank(user) >= CONTRIBUTOR


def can_edit_selection(user: Viewer | None, selection: Selection) -> bool:
    """Change a selection: its owner, or (shared) a member of its organisation from
    contributor up."""
    if not can_keep_selections(user):
        return False
    if selection.owner_id == getattr(user, "pk", None):
        return True
    org = _org_id(user)
    return selection.shared and org is not None and selection.organisation_id == org


def selection_recommendations(user: Viewer | None, selection: Selection) -> RecommendationQuerySet:
    """The recommendations of ``selection`` that ``user`` may see, in document order."""
    return (
        visible_recommendations(user)
        .filter(selections=selection)
        .select_related("document")
        .order_by("document__symbol", "order", "id")
    )
