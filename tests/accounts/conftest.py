"""A small world with public and confidential records, for the confidentiality tests.

Public part (CERD/C/BRA/CO/18-20, CERD 2022; texts shortened): a recommendation on
police violence, assigned to ministry A, with a plan, an action, an indicator, a
measurement and a link as evidence; a published civil-society assessment by the
hidden-name contributor of the cast, and one by a second hidden-name contributor.

Confidential part, built by :func:`add_confidential_records` (every text carries
:data:`MARKER`): a restricted recommendation in the public document; an SPT visit
report (restricted document) with a recommendation and a follow-up item; a restricted
plan with an action; an embargoed (restricted) assessment of the public recommendation;
an assignment of the restricted recommendation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

MARKER = "ZEBRAQUARTZ"
#: The organisation of the world's bulk changes (``tracking:batch`` pages).
SENATE_COMMITTEE = "Senate Human Rights Committee"
#: The address of the world's public subscription: never in any page, for any role.
SUBSCRIBER_EMAIL = "tereza.subscriber@example.org"
SECOND_HIDDEN = ("Hildegard", "Quennell-Obscura", "hqobscura")


@dataclass
class World:
    """Objects of the world, by model name (see ``SEGMENT_MODEL`` in the matrix)."""

    objects: dict[str, list[Any]] = field(default_factory=dict)
    confidential: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, kind: str, obj: Any, *, confidential: bool = False) -> Any:
        self.objects.setdefault(kind, []).append(obj)
        if confidential:
            self.confidential.setdefault(kind, []).append(obj)
        return obj


@pytest.fixture
def world(cast, ministry_a, ministry_b, ngo):
    from rightstrack.accounts.models import Organisation, User
    from rightstrack.catalog.models import (
        Country,
        Document,
        FollowUpRequest,
        Mechanism,
        Recommendation,
        Theme,
    )
    from rightstrack.tracking import actions as verbs

    coordinator = cast["coordinator"]
    w = World()
    bra = Country.objects.get_or_create(iso3="BRA", defaults={"iso2": "BR", "name_en": "Brazil"})[0]
    w.add("country", bra)
    cerd = Mechanism.objects.get_or_create(
        code="CERD",
        defaults={
            "kind": "treaty_body",
            "name": "Committee on the Elimination of Racial Discrimination",
        },
    )[0]
    spt = Mechanism.objects.get_or_create(
        code="SPT",
        defaults={"kind": "treaty_body", "name": "Subcommittee on Prevention of Torture"},
    )[0]
    w.add("mechanism", cerd)
    w.add("mechanism", spt)
    # The Committee against Torture, whose confidential inquiry the confidential part
    # records: in both worlds, so that the public list of mechanisms does not change.
    Mechanism.objects.get_or_create(
        code="CAT", defaults={"kind": "treaty_body", "name": "Committee against Torture"}
    )
    shared_theme = Theme.objects.create(name="Law enforcement", slug="law-enforcement")
    secret_theme = Theme.objects.create(name="Places of detention", slug="places-of-detention")
    w.add("theme", shared_theme)
    w.add("theme", secret_theme)
    w.add("organisation", ministry_a)
    w.add("organisation", ministry_b)
    # Owners of the secret per-user ICS feeds fetched in the matrix (not the hidden
    # contributor: only the owner knows their feed's address).
    w.add("feed_owner", cast["focal_point_a"])
    w.add("feed_owner", coordinator)

    doc = w.add(
        "document",
        Document.objects.create(
            key="CERD/C/BRA/CO/18-20",
            symbol="CERD/C/BRA/CO/18-20",
            doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
            title="Concluding observations on the combined 18th to 20th reports of Brazil",
            mechanism=cerd,
            country=bra,
            adopted_on=dt.date(2022, 11, 25),
        ),
    )
    rec = w.add(
        "recommendation",
        Recommendation.objects.create(
            natural_key="CERD/C/BRA/CO/18-20#17",
            document=doc,
            paragraph="17",
            order=17,
            mechanism=cerd,
            country=bra,
            date=doc.adopted_on,
            year=2022,
            text="The Committee recommends that the State party adopt measures against police violence.",
        ),
    )
    rec.themes.add(shared_theme)
    # A cluster of the same ask (classify): public through its public member.
    from rightstrack.classify.models import Cluster, ClusterMember

    cluster = w.add("cluster", Cluster.objects.create(country=bra))
    ClusterMember.objects.create(cluster=cluster, recommendation=rec, score=1.0)
    # CERD/C/BRA/CO/18-20 para. 63: information on para. 17 requested within one year.
    w.add(
        "follow_up",
        FollowUpRequest.objects.create(
            document=doc,
            recommendation=rec,
            item="17",
            due_on=dt.date(2023, 12, 1),
            due_basis=FollowUpRequest.DueBasis.STATED,
        ),
    )
    w.add("assignment", verbs.do_assign_recommendation(coordinator, rec, ministry_a, note="lead"))
    # A bulk change (tracking:batch pages): the public recommendation assigned to a
    # parliamentary committee (not to ministry B, whose focal point must stay unassigned).
    senate = Organisation.objects.create(
        name=SENATE_COMMITTEE, org_type=Organisation.Type.PARLIAMENT
    )
    w.add(
        "batch", verbs.do_bulk_assign(coordinator, Recommendation.objects.filter(pk=rec.pk), senate)
    )
    w.add("assignment", senate.assignments.get())
    # Public Views whose author asked for anonymity: the second hidden name must show only
    # as initials (H.Q.-O.) below coordinator.
    from rightstrack.catalog.models import Communication
    from rightstrack.tracking import communication_actions as comm_verbs

    views = Communication.objects.create(
        mechanism=cerd,
        number="61/2017",
        symbol="CERD/C/100/D/61/2017",
        country=bra,
        author=" ".join(SECOND_HIDDEN[:2]),
        anonymise_author=True,
        status=Communication.Status.VIEWS_ADOPTED,
        outcome=Communication.Outcome.VIOLATION,
        views_adopted_on=dt.date(2023, 5, 2),
        articles_violated=["5 (d) (iii)", "6"],
        remedies=["compensation", "publication"],
        reply_period_text="within 90 days",
        reply_days=90,
        visibility="public",
    )
    views.compute_reply_due()
    views.save()
    w.add("communication", views)
    comm_verbs.do_add_views_follow_up(
        coordinator, views, kind="state_reply", date=dt.date(2023, 8, 1), symbol="CERD/C/110/R"
    )
    public_item = comm_verbs.do_record_intervention(
        coordinator,
        views,
        organisation=ngo,
        date=dt.date(2022, 10, 3),
        title="Amicus on racial profiling",
    )
    w.add(
        "intervention",
        comm_verbs.do_decide_intervention_publication(
            coordinator, public_item, public_item.version, publish=True
        ),
    )
    plan = w.add(
        "plan",
        verbs.do_create_plan(
            coordinator,
            title="National Human Rights Action Plan 2024-2027",
            kind="national",
            owner=coordinator.organisation,
            country=bra,
        ),
    )
    action = w.add(
        "action",
        verbs.do_create_action(
            coordinator,
            plan,
            recommendations=[rec],
            title="Train police officers in the use of force",
            responsible=ministry_a,
            start_date=dt.date(2024, 3, 1),
            target_date=dt.date(2025, 6, 30),
            status="in_progress",
        ),
    )
    indicator = w.add(
        "indicator",
        verbs.do_add_indicator(coordinator, action, name="Officers trained", unit="officers"),
    )
    w.add(
        "measurement",
        verbs.do_record_measurement(coordinator, indicator, date=dt.date(2024, 12, 31), value=120),
    )
    w.add(
        "evidence",
        verbs.do_add_evidence(
            coordinator, action=action, url="https://www.gov.br/example", title="Training report"
        ),
    )
    from rightstrack.ingest.models import ImportRun

    w.add(
        "import_run",
        ImportRun.objects.create(file_name="CERD_C_BRA_CO_18-20_en.pdf", status="succeeded"),
    )
    # Actors and people (issue 11): a focal point contact of ministry A, an invitation
    # sent by the coordinator, and the accounts whose management pages exist.
    from rightstrack.accounts import actions as people

    w.add(
        "contact",
        people.do_save_contact(
            coordinator, ministry_a, kind="focal_point", name="Rosa Benítez", position="Director"
        ),
    )
    w.add(
        "invitation",
        people.do_invite(
            coordinator,
            email="new.focal@example.org",
            role="focal_point",
            organisation=ministry_a,
            language="es",
        ),
    )
    for role in ("focal_point_a", "contributor"):
        w.add("person", cast[role])
    # Published assessments by two contributors who asked to hide their names.
    first, last, username = SECOND_HIDDEN
    second = User.objects.create(
        username=username,
        first_name=first,
        last_name=last,
        role="contributor",
        organisation=ngo,
        hide_name_publicly=True,
    )
    # A public hearing with a commitment and a link, and the coordinator's shared selection.
    hearing = w.add(
        "engagement",
        verbs.do_record_engagement(
            coordinator,
            organisations=[ministry_a],
            recommendations=[rec],
            commitments=[
                verbs.CommitmentRow(
                    "The Ministry will publish the training curriculum",
                    ministry_a,
                    dt.date(2025, 9, 30),
                )
            ],
            kind="hearing",
            title="Hearing of the Chamber's human rights committee on police violence",
            date=dt.date(2024, 5, 14),
            country=bra,
            follow_up_on=dt.date(2025, 5, 14),
            visibility="public",
        ),
    )
    w.add("commitment", hearing.commitments.get())
    w.add(
        "evidence",
        verbs.do_add_evidence(
            coordinator,
            engagement=hearing,
            url="https://www.camara.leg.br/example",
            title="Minutes",
        ),
    )
    w.add(
        "selection",
        verbs.do_create_selection(coordinator, "Police violence", recommendations=[rec]),
    )
    for author, text in (
        (cast["contributor"], "Police operations in favelas continued in 2023."),
        (second, "Training has not reached state police forces."),
    ):
        a = verbs.do_submit_assessment(
            author, rec, date=dt.date(2024, 6, 1), level="partial", text=text
        )
        a = verbs.do_review_assessment(coordinator, a, a.version, approve=True)
        w.add("assessment", a)
    # A confirmed public subscription to Brazil (issue 13): its address must never show.
    from rightstrack.subscriptions.actions import do_confirm_subscription, do_subscribe

    subscription, _ = do_subscribe(email=SUBSCRIBER_EMAIL, country=bra, language="es")
    w.add("subscription", do_confirm_subscription(subscription))
    from rightstrack.classify.models import Suggestion

    w.add(
        "suggestion",
        Suggestion.objects.create(
            recommendation=rec,
            taxonomy="theme",
            label_id=shared_theme.pk,
            score=0.7,
            reason="keywords: police",
        ),
    )
    return w


@pytest.fixture
def full_world(world: World, cast: dict[str, Any]) -> World:
    """``world`` with its confidential part (:func:`add_confidential_records`) added."""
    add_confidential_records(world, cast)
    return world


def add_confidential_records(w: World, cast: dict[str, Any]) -> None:
    """Add the restricted records (every one carries :data:`MARKER`) to ``w``."""
    from rightstrack.accounts.models import Organisation
    from rightstrack.catalog.models import (
        Document,
        FollowUpRequest,
        Mechanism,
        Recommendation,
        Theme,
        Visibility,
    )
    from rightstrack.tracking import actions as verbs

    coordinator = cast["coordinator"]
    doc = w.objects["document"][0]
    bra = w.objects["country"][0]
    ministry_a = w.objects["organisation"][0]
    secret_theme = Theme.objects.get(slug="places-of-detention")
    restricted_rec = Recommendation.objects.create(
        natural_key="CERD/C/BRA/CO/18-20#99",
        document=doc,
        paragraph="99",
        order=99,
        mechanism=doc.mechanism,
        country=bra,
        year=2022,
        text=f"{MARKER}: confidential recommendation on the detention centre at Q-77.",
        visibility=Visibility.RESTRICTED,
    )
    restricted_rec.themes.add(secret_theme)
    w.add("recommendation", restricted_rec, confidential=True)
    spt_report = Document.objects.create(
        key=f"CAT/OP/BRA/{MARKER}",
        symbol=f"CAT/OP/BRA/{MARKER}",
        doc_type=Document.Type.VISIT_REPORT,
        title=f"SPT visit report {MARKER} (confidential)",
        mechanism=Mechanism.objects.get(code="SPT"),
        country=bra,
        adopted_on=dt.date(2023, 3, 1),
        visibility=Visibility.RESTRICTED,
    )
    w.add("document", spt_report, confidential=True)
    spt_rec = Recommendation.objects.create(
        natural_key=f"CAT/OP/BRA/{MARKER}#12",
        document=spt_report,
        paragraph="12",
        order=12,
        mechanism=spt_report.mechanism,
        country=bra,
        year=2023,
        text=f"{MARKER}: close the isolation cells of the visited prison.",
    )
    spt_rec.themes.add(secret_theme)
    w.add("recommendation", spt_rec, confidential=True)
    # The restricted SPT recommendation joins the public cluster (the same ask, a year
    # later) and the restricted CERD one is alone in a cluster of its own: its page must
    # not exist for the public.
    from rightstrack.classify.models import Cluster, ClusterMember

    ClusterMember.objects.create(cluster=w.objects["cluster"][0], recommendation=spt_rec)
    secret_cluster = w.add("cluster", Cluster.objects.create(country=bra), confidential=True)
    ClusterMember.objects.create(cluster=secret_cluster, recommendation=restricted_rec)
    spt_follow_up = FollowUpRequest.objects.create(
        document=spt_report,
        recommendation=spt_rec,
        item=f"12 {MARKER}",
        due_on=dt.date(2023, 9, 1),
        due_basis=FollowUpRequest.DueBasis.STATED,
    )
    # An overdue follow-up item on the restricted recommendation assigned to ministry A.
    w.add("follow_up", spt_follow_up, confidential=True)
    restricted_follow_up = FollowUpRequest.objects.create(
        document=doc,
        recommendation=restricted_rec,
        item=f"99 {MARKER}",
        due_on=timezone.localdate() - dt.timedelta(days=20),
        due_basis=FollowUpRequest.DueBasis.STATED,
    )
    w.add("follow_up", restricted_follow_up, confidential=True)
    w.add(
        "assignment",
        verbs.do_assign_recommendation(coordinator, restricted_rec, ministry_a, note=MARKER),
        confidential=True,
    )
    w.add(
        "batch",
        verbs.do_bulk_assign(
            coordinator,
            Recommendation.objects.filter(pk=restricted_rec.pk),
            Organisation.objects.get(name=SENATE_COMMITTEE),
        ),
        confidential=True,
    )
    w.add(
        "assignment",
        Organisation.objects.get(name=SENATE_COMMITTEE).assignments.get(
            recommendation=restricted_rec
        ),
        confidential=True,
    )
    plan = verbs.do_create_plan(
        coordinator,
        title=f"{MARKER} confidential plan",
        kind="national",
        owner=coordinator.organisation,
        country=bra,
        visibility=Visibility.RESTRICTED,
    )
    w.add("plan", plan, confidential=True)
    action = verbs.do_create_action(
        coordinator,
        plan,
        recommendations=[restricted_rec],
        title=f"{MARKER} confidential action",
        responsible=ministry_a,
        status="planned",
        # Due within the reminder window (30 days), so a leaking digest would list it.
        target_date=timezone.localdate() + dt.timedelta(days=10),
    )
    w.add("action", action, confidential=True)
    indicator = verbs.do_add_indicator(
        coordinator, action, name=f"{MARKER} indicator", unit="cells"
    )
    w.add("indicator", indicator, confidential=True)
    w.add(
        "measurement",
        verbs.do_record_measurement(
            coordinator, indicator, date=dt.date(2025, 1, 31), value=3, note=MARKER
        ),
        confidential=True,
    )
    w.add(
        "evidence",
        verbs.do_add_evidence(
            coordinator, action=action, url="https://example.org/zebraquartz", title=MARKER
        ),
        confidential=True,
    )
    from rightstrack.ingest.models import ImportRun

    w.add(
        "import_run",
        ImportRun.objects.create(file_name=f"SPT-{MARKER}-visit.pdf", status="succeeded"),
        confidential=True,
    )
    from rightstrack.accounts import actions as people

    archived_org = people.do_create_organisation(
        coordinator, name=f"{MARKER} archived committee", org_type="parliament"
    )
    people.do_archive_organisation(coordinator, archived_org)
    w.add("organisation", archived_org, confidential=True)
    # A pending communication (restricted by default), a submission on it, and restricted
    # additions to the public Views: comments of the author, an undecided intervention.
    from rightstrack.catalog.models import Communication
    from rightstrack.tracking import communication_actions as comm_verbs

    pending = comm_verbs.do_record_communication(
        coordinator,
        mechanism=doc.mechanism,
        number=f"{MARKER}/2024",
        country=bra,
        author=f"{MARKER} Complainant",
        registered_on=dt.date(2024, 2, 1),
    )
    w.add("communication", pending, confidential=True)
    comm_verbs.do_add_views_follow_up(
        coordinator, pending, kind="author_comments", date=dt.date(2024, 6, 1), text=MARKER
    )
    ngo = w.objects["intervention"][0].organisation
    w.add(
        "intervention",
        comm_verbs.do_record_intervention(
            coordinator, pending, organisation=ngo, date=dt.date(2024, 3, 1), title=MARKER
        ),
        confidential=True,
    )
    views = w.objects["communication"][0]
    comm_verbs.do_add_views_follow_up(
        coordinator,
        views,
        kind="author_comments",
        date=dt.date(2023, 9, 1),
        text=f"{MARKER}: comments of the author",
        visibility=Visibility.RESTRICTED,
    )
    w.add(
        "intervention",
        comm_verbs.do_record_intervention(
            coordinator, views, organisation=ngo, date=dt.date(2022, 11, 1), title=f"{MARKER} brief"
        ),
        confidential=True,
    )
    assert Communication.objects.filter(visibility="restricted").count() == 1
    rec = w.objects["recommendation"][0]
    embargoed = verbs.do_submit_assessment(
        coordinator,
        rec,
        source="nhri",
        date=dt.date(2025, 2, 1),
        level="not_implemented",
        text=f"{MARKER}: embargoed NHRI submission",
        visibility=Visibility.RESTRICTED,
    )
    w.add("assessment", embargoed, confidential=True)
    from rightstrack.classify.models import Suggestion

    w.add(
        "suggestion",
        Suggestion.objects.create(
            recommendation=restricted_rec,
            taxonomy="theme",
            label_id=secret_theme.pk,
            score=0.9,
            reason=f"keywords: {MARKER}",
        ),
        confidential=True,
    )
    # Engagements that only their organisation (the NMRF) or coordinators may see, with a
    # commitment and an attachment, and a private selection: all on the public recommendation.
    for visibility in ("organisation", "restricted"):
        meeting = verbs.do_record_engagement(
            coordinator,
            organisations=[ministry_a],
            recommendations=[rec],
            commitments=[
                verbs.CommitmentRow(
                    f"{MARKER} commitment ({visibility})", ministry_a, dt.date(2025, 8, 1)
                )
            ],
            kind="government",
            title=f"{MARKER} meeting ({visibility})",
            date=dt.date(2025, 3, 3),
            country=bra,
            people=f"{MARKER} witness",
            follow_up_on=dt.date(2025, 4, 4),
            visibility=visibility,
        )
        w.add("engagement", meeting, confidential=True)
        w.add("commitment", meeting.commitments.get(), confidential=True)
        w.add(
            "evidence",
            verbs.do_add_evidence(
                coordinator, engagement=meeting, url="https://example.org/zq", title=MARKER
            ),
            confidential=True,
        )
    w.add(
        "selection",
        verbs.do_create_selection(
            coordinator, f"{MARKER} private selection", shared=False, recommendations=[rec]
        ),
        confidential=True,
    )
    # A confidential SPT visit whose publication the State requested, with a restricted
    # recommendation of its report, and a confidential CAT inquiry (issue 15).
    from rightstrack.tracking import visit_actions as visit_verbs

    spt = Mechanism.objects.get_or_create(
        code="SPT",
        defaults={"kind": "treaty_body", "name": "Subcommittee on Prevention of Torture"},
    )[0]
    visit = visit_verbs.do_record_visit(
        coordinator,
        mechanism=spt,
        country=bra,
        title=f"SPT visit {MARKER}",
        started_on=dt.date(2024, 9, 2),
        ended_on=dt.date(2024, 9, 13),
        confidential_reference=f"CAT/OP/BRA/R.{MARKER}",
        national_preventive_mechanism=f"{MARKER} national mechanism",
        notes=MARKER,
    )
    visit_rec = visit_verbs.do_add_visit_recommendation(
        coordinator, visit, paragraph="7", text=f"{MARKER}: end solitary confinement of children."
    )
    visit = visit_verbs.do_request_visit_publication(
        coordinator, visit, visit.version, requested_on=dt.date(2025, 3, 3)
    )
    w.add("visit", visit, confidential=True)
    w.add("document", visit.document, confidential=True)
    w.add("recommendation", visit_rec, confidential=True)
    inquiry = visit_verbs.do_record_visit(
        coordinator,
        mechanism=Mechanism.objects.get(code="CAT"),
        country=bra,
        kind="inquiry",
        confidential_reference=f"CAT inquiry {MARKER}",
        publication_expected_on=dt.date(2025, 11, 1),
    )
    w.add("visit", inquiry, confidential=True)
    w.add("document", inquiry.document, confidential=True)
