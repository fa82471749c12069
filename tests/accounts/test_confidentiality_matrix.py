"""Confidentiality matrix: every URL of the project, every role of the cast, every format.

URLs are enumerated from the resolver, so views added later are covered without
editing this file; a parameterised pattern gets every sample object of its model
(the model is read from the path segment before the parameter, e.g.
``recommendations/<int:pk>/``). A pattern this file cannot fill fails the test with
a message saying what to add.

Two checks for everyone below coordinator (anonymous, viewer, contributor, focal
points of ministries A and B, validator):

* no marker of a confidential record and no hidden name in any response (HTML, JSON,
  CSV, XLSX, Atom, redirects' ``Location``), with and without ``?q=`` search and
  facet filters;
* non-interference: every response is the same, byte for byte after removing CSRF
  tokens and timestamps, whether the confidential records exist or not. This catches
  what a marker cannot: counts, facet numbers, pagination, a 403 where a missing
  object gives 404, a different error message.

Coordinators and admins do see the confidential records where they are expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import (
    MARKER,
    SECOND_HIDDEN,
    SUBSCRIBER_EMAIL,
    World,
    add_confidential_records,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LOW_ROLES = ["anonymous", "viewer", "contributor", "focal_point_a", "focal_point_b", "validator"]
HIGH_ROLES = ["coordinator", "admin"]

#: Path segment before a parameter -> model name of the world.
SEGMENT_MODEL = {
    "recommendations": "recommendation",
    "recommendation": "recommendation",
    "documents": "document",
    "document": "document",
    "countries": "country",
    "country": "country",
    "mechanisms": "mechanism",
    "mechanism": "mechanism",
    "themes": "theme",
    "theme": "theme",
    "actors": "organisation",
    "organisations": "organisation",
    "institutions": "organisation",
    "plans": "plan",
    "actions": "action",
    "indicators": "indicator",
    "measurements": "measurement",
    "assessments": "assessment",
    "evidence": "evidence",
    "assignments": "assignment",
    "batches": "batch",
    "plain": "document",
    "press": "document",
    "runs": "import_run",
    "follow-up-requests": "follow_up",
    # Actors and people (issue 11): contacts of an actor, managed accounts, invitations.
    "contacts": "contact",
    "people": "person",
    "invitations": "invitation",
    "suggestions": "suggestion",
    "clusters": "cluster",
    "engagements": "engagement",
    "commitments": "commitment",
    "selections": "selection",
    "communications": "communication",
    "interventions": "intervention",
    "visits": "visit",
}
#: Parameter name -> model name, when the name says it.
PARAM_MODEL = {
    "rec_pk": "recommendation",
    "recommendation_pk": "recommendation",
    "document_pk": "document",
    "plan_pk": "plan",
    "action_pk": "action",
    "indicator_pk": "indicator",
    "assessment_pk": "assessment",
    "org_pk": "organisation",
    "iso3": "country",
}
#: Parameter name -> attribute of the sample object.
PARAM_ATTR = {"iso3": "iso3", "code": "code", "slug": "slug"}
#: URL names whose parameters are not one object: explicit samples.
SKIPPED_PREFIXES = ("admin/",)
#: Pages that take no search or filter parameters (fetched once, without a query).
UNFILTERED_NAMESPACES = ("accounts:",)
#: Key marking a sample built from a confidential object.
CONF = "__confidential__"
#: Parameterised pages that also take the search and facet filters below.
FILTERED_PAGES = {"reports:chart", "reports:chart_svg"}
#: Search and facet filters tried on every URL without parameters.
#: ("isolation" is only in a confidential recommendation; searching for the marker itself
#: would find it echoed in the search box.)
#: The last one names the restricted SPT report: its marker is the visitor's own input,
#: so only the non-interference check applies to it (see ``_echoes_marker``).
QUERIES = [
    "",
    "?q=isolation",
    "?mechanism=SPT&theme=places-of-detention&country=BRA",
    "?mine=1&layout=uhri&page=2&sort=relevance&q=detention&year=2023",
    f"?document=CAT/OP/BRA/{MARKER}&country=BRA",
]


def _explicit_samples(name: str, w: World) -> list[dict[str, Any]] | None:
    if name == "tracking:evidence_add":
        return [
            {"kind": kind, "pk": o.pk, CONF: o in w.confidential[kind]}
            for kind in ("action", "assessment", "engagement")
            for o in w.objects[kind]
        ]
    if name == "tracking:history":
        return [
            {"model": model, "pk": o.pk, CONF: o in w.confidential.get(model, [])}
            for model in (
                "plan",
                "action",
                "indicator",
                "measurement",
                "assessment",
                "assignment",
                "evidence",
                "organisation",
                "contact",
                "engagement",
                "selection",
            )
            for o in w.objects[model]
        ]
    if name == "accounts:accept_invitation":
        from rightstrack.accounts.invitations import invitation_token

        return [{"token": invitation_token(i)} for i in w.objects["invitation"]] + [
            {"token": "not-a-signed-token"}
        ]
    if name == "accounts:signup_verify":
        from rightstrack.accounts.invitations import verification_token

        return [{"token": verification_token(u)} for u in w.objects["person"]] + [
            {"token": "not-a-signed-token"}
        ]
    if name in ("subscriptions:confirm", "subscriptions:unsubscribe"):
        from rightstrack.subscriptions.tokens import confirmation_token, unsubscribe_token

        make = confirmation_token if name.endswith("confirm") else unsubscribe_token
        return [{"token": make(s)} for s in w.objects["subscription"]] + [
            {"token": "not-a-signed-token"}
        ]
    if name == "tracking:deadlines_user_ics":
        from rightstrack.tracking.ics import user_feed_token

        return [{"token": user_feed_token(u)} for u in w.objects["feed_owner"]]
    if name in ("reports:chart", "reports:chart_svg"):
        from rightstrack.reports.charts import CHARTS

        return [{"slug": slug} for slug in sorted(CHARTS)]
    if name == "reports:press_template":
        from rightstrack.reports.models import PressTemplate

        return [{"kind": k} for k in PressTemplate.Kind.values]
    if name == "ingest:map_columns":
        # a staged upload belongs to its uploader only; an id of nobody's answers 404
        return [{"staged": "0" * 32}, {"staged": "not-a-uuid"}]
    if name == "api:unknown_path":
        return [{"unknown": "no-such-endpoint"}, {"unknown": "recommendations/"}]
    if name == "reports:export":
        from rightstrack.reports.exports import EXPORT_KINDS

        return [
            {"kind": k, "fmt": f} for k in sorted(EXPORT_KINDS) for f in ("csv", "json", "xlsx")
        ]
    return None


def _extra_queries(name: str, w: World) -> list[str]:
    """Queries that make a page generate its output (generated reports are GET forms)."""
    docs = [d.pk for d in w.objects["document"]]
    orgs = [o.pk for o in w.objects["organisation"]]
    if name in ("reports:followup_report", "reports:parallel_report"):
        return [f"?document={pk}&language=en&fmt={f}" for pk in docs for f in ("docx", "pdf")]
    if name == "reports:briefing":
        sels = [s.pk for s in w.objects["selection"]]
        return [f"?organisation={pk}&language=en&fmt=docx" for pk in orgs] + [
            f"?selection={pk}&language=en&fmt=docx" for pk in sels
        ]
    if name == "reports:midterm":
        return ["?country=BRA&cycle=4&language=en&fmt=docx"]
    if name == "api:similar":
        # Words of the restricted recommendations ("detention centre", "isolation cells").
        return ["?country=BRA&text=detention+centre+isolation+cells+police"]
    return []


def _walk(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str, Any]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            sub = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _walk(p.url_patterns, prefix + str(p.pattern), sub)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{ns}{p.name}" if p.name else "", p


def _param_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def _model_for(route: str, param: str) -> str | None:
    if param in PARAM_MODEL:
        return PARAM_MODEL[param]
    parts = route.split("/")
    for i, part in enumerate(parts):
        if re.search(rf"<(?:\w+:)?{param}>", part) or f"(?P<{param}>" in part:
            before = parts[i - 1].lstrip("^") if i else ""
            return SEGMENT_MODEL.get(before)
    return None


def _choices_in(route: str, param: str) -> list[str] | None:
    """The words of a regex group that is a plain alternation, e.g. ``(?P<fmt>pdf|docx)``."""
    match = re.search(rf"\(\?P<{param}>([\w|]+)\)", route)
    return match.group(1).split("|") if match else None


def project_urls(w: World) -> tuple[list[str], list[str], list[str]]:
    """Every GET-able URL of the project for the world's objects, the problems found, and
    the URLs that name a confidential object."""
    urls: list[str] = []
    confidential_urls: list[str] = []
    problems: list[str] = []
    resolver = get_resolver()
    for route, name, pattern in _walk(resolver.url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if not name:
            problems.append(f"unnamed URL pattern {route!r}")
            continue
        params = _param_names(pattern)
        if not params:
            base = reverse(name)
            plain = name.startswith(UNFILTERED_NAMESPACES) or name == "set_language"
            urls.extend(base + q for q in ([""] if plain else QUERIES))
            urls.extend(base + q for q in _extra_queries(name, w))
            continue
        samples = _explicit_samples(name, w)
        if samples is None:
            samples = [{}]
            for param in params:
                choices = _choices_in(route, param)
                if choices:
                    samples = [{**s, param: c} for s in samples for c in choices]
                    continue
                model = _model_for(route, param)
                if model is None or model not in w.objects:
                    problems.append(
                        f"{name} ({route}): add a sample for <{param}> "
                        "in SEGMENT_MODEL/PARAM_MODEL of tests/accounts/test_confidentiality_matrix.py"
                    )
                    samples = []
                    break
                attr = PARAM_ATTR.get(param, "pk")
                hidden = w.confidential.get(model, [])
                samples = [
                    {**s, param: getattr(obj, attr), CONF: s.get(CONF, False) or obj in hidden}
                    for s in samples
                    for obj in w.objects[model]
                ]
        queries = QUERIES if name in FILTERED_PAGES else [""]
        for kwargs in samples:
            confidential = kwargs.pop(CONF, False)
            url = reverse(name, kwargs=kwargs)
            urls.extend(url + q for q in queries)
            if confidential:
                confidential_urls.append(url)
    return urls, problems, confidential_urls


def body_text(response: Any) -> str:
    """The text of a response, whatever its format (HTML, JSON, CSV, Atom, XLSX/DOCX, PDF)."""
    content = (
        b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    )
    # No response.close() here: the test client's streaming wrapper already closed it, and a
    # second close fires request_finished, which closes the PostgreSQL connection mid-test.
    head = f"{response.status_code} {response.get('Location', '')} {response.get('Content-Disposition', '')}\n"
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            parts = [zf.read(n).decode("utf-8", "replace") for n in sorted(zf.namelist())]
        return head + "\n".join(parts)
    if content[:5] == b"%PDF-":
        from pypdf import PdfReader

        return head + "\n".join(
            p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages
        )
    return head + content.decode("utf-8", "replace")


_VOLATILE = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'), r"\1CSRF"),
    (re.compile(r'(name="csrf-token" content=")[^"]+'), r"\1CSRF"),
    (
        re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"),
        "TIMESTAMP",
    ),
    (re.compile(r"\b\d{8}T\d{6}Z?\b"), "TIMESTAMP"),
    # The two-factor enrolment page shows a fresh random key each time.
    (re.compile(r"<svg.*?</svg>", re.S), "SVG"),
    (re.compile(r'(class="totp-key">)[^<]+'), r"\1KEY"),
]


def normalise(text: str) -> str:
    for pattern, repl in _VOLATILE:
        text = pattern.sub(repl, text)
    return text


def snapshot(clients: dict[str, Any], urls: list[str]) -> dict[tuple[str, str], str]:
    for cache in caches.all():
        cache.clear()
    return {
        (role, url): body_text(client.get(url)) for role, client in clients.items() for url in urls
    }


def post_snapshot(clients: dict[str, Any], urls: list[str]) -> dict[tuple[str, str], str]:
    """An empty POST to each URL (forms, archive, review): refused as if nothing were there."""
    return {
        (role, url): body_text(client.post(url, {}))
        for role, client in clients.items()
        for url in urls
    }


def _hidden_markers(role: str, cast_hidden: list[str]) -> list[str]:
    """Names ``role`` must never see; ``cast_hidden`` is the ``hidden_contributor_markers``
    fixture (not ``from conftest import``: under xdist that name can resolve to another
    directory's conftest.py)."""
    second = list(SECOND_HIDDEN)
    if role == "contributor":  # the hidden contributor may see their own name
        return second
    return [*cast_hidden, *second]


class _Rollback(Exception):
    pass


_CACHE: dict[str, Any] = {}


@pytest.fixture
def matrix(request):
    """Snapshots of every URL for every role, with (A) and without (B) confidential records.

    Built once per run (the responses are plain strings; the database of each test is
    rolled back anyway).
    """
    if "matrix" not in _CACHE:
        _CACHE["matrix"] = _build_matrix(
            request.getfixturevalue("world"),
            request.getfixturevalue("cast"),
            request.getfixturevalue("client_for"),
        )
    return _CACHE["matrix"]


def _build_matrix(world: World, cast: dict[str, Any], client_for: Any) -> dict[str, Any]:
    # The API's rate limits would answer 429 part-way through (every role shares one IP).
    # The clock starts at noon of today (UTC) and runs on: pages that say "as of <today>"
    # (deadlines, press) render the same date in both snapshots even when a run crosses
    # midnight, which once made two renderings differ by their date alone.
    noon = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(12), dt.UTC)
    with (
        time_machine.travel(noon, tick=True),
        override_settings(RIGHTSTRACK_API_ANON_RATE=10**6, RIGHTSTRACK_API_TOKEN_RATE=10**6),
    ):
        return _build_matrix_unlimited(world, cast, client_for)


def _build_matrix_unlimited(world: World, cast: dict[str, Any], client_for: Any) -> dict[str, Any]:
    clients = {role: client_for(cast[role]) for role in LOW_ROLES + HIGH_ROLES}
    for client in clients.values():
        client.raise_request_exception = False
    low = {r: clients[r] for r in LOW_ROLES}
    high = {r: clients[r] for r in HIGH_ROLES}
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            add_confidential_records(world, cast)
            urls, problems, confidential_urls = project_urls(world)
            result["urls"], result["problems"] = urls, problems
            result["confidential_urls"] = confidential_urls
            result["with"] = snapshot(low, urls)
            result["posts_with"] = post_snapshot(low, confidential_urls)
            # Coordinators: every page once, without the search/filter variants.
            result["high"] = snapshot(high, [u for u in urls if "?" not in u])
            result["world"] = world
            raise _Rollback
    except _Rollback:
        pass
    result["without"] = snapshot(low, result["urls"])
    result["posts_without"] = post_snapshot(low, result["confidential_urls"])
    return result


def test_every_url_pattern_can_be_filled_with_sample_objects(matrix):
    assert matrix["problems"] == []
    assert len(matrix["urls"]) > 20


def test_no_page_crashes_for_any_role(matrix):
    crashed = sorted(
        {
            f"{role} {url}"
            for (role, url), body in {**matrix["with"], **matrix["high"]}.items()
            if body.startswith("500 ")
        }
    )
    assert crashed == []


def _echoes_marker(url: str) -> bool:
    return MARKER in url


def test_nobody_below_coordinator_sees_a_restricted_record(matrix):
    leaks = sorted(
        f"{role} {url}"
        for (role, url), body in matrix["with"].items()
        if MARKER.lower() in body.lower() and not _echoes_marker(url)
    )
    assert leaks == [], "\n".join(leaks)


def test_nobody_below_coordinator_sees_a_hidden_name(matrix, hidden_contributor_markers):
    leaks = sorted(
        f"{role} {url}: {name}"
        for (role, url), body in matrix["with"].items()
        for name in _hidden_markers(role, hidden_contributor_markers)
        if name.lower() in body.lower()
    )
    assert leaks == [], "\n".join(leaks)


def test_anonymous_users_never_see_a_restricted_record_or_a_hidden_name(
    matrix, hidden_contributor_markers
):
    names = _hidden_markers("anonymous", hidden_contributor_markers)
    leaks = sorted(
        url
        for (role, url), body in matrix["with"].items()
        if role == "anonymous"
        and not _echoes_marker(url)
        and any(s.lower() in body.lower() for s in [MARKER, *names])
    )
    assert leaks == [], "\n".join(leaks)
    assert any(role == "anonymous" for role, _ in matrix["with"])


def test_outputs_below_coordinator_do_not_depend_on_restricted_records(matrix):
    differences = []
    for key, body in matrix["with"].items():
        other = matrix["without"][key]
        if normalise(body) != normalise(other):
            diff = difflib.unified_diff(
                normalise(other).splitlines(), normalise(body).splitlines(), lineterm="", n=0
            )
            differences.append(f"{key[0]} {key[1]}:\n" + "\n".join(list(diff)[2:12]))
    assert differences == [], "\n\n".join(differences[:15])


def test_posts_about_restricted_records_are_answered_as_if_they_did_not_exist(matrix):
    assert len(matrix["confidential_urls"]) > 20
    differences = sorted(
        f"{role} POST {url}: {body[:60]!r} vs {matrix['posts_without'][(role, url)][:60]!r}"
        for (role, url), body in matrix["posts_with"].items()
        if normalise(body) != normalise(matrix["posts_without"][(role, url)])
    )
    assert differences == [], "\n".join(differences)


def test_restricted_detail_pages_answer_404_as_if_they_did_not_exist(matrix):
    w = matrix["world"]
    restricted_rec = w.confidential["recommendation"][0]
    spt_report = w.confidential["document"][0]
    for role in LOW_ROLES:
        for url in (f"/recommendations/{restricted_rec.pk}/", f"/documents/{spt_report.pk}/"):
            if url in matrix["urls"]:
                assert matrix["with"][(role, url)].startswith("404 "), (role, url)


@pytest.mark.parametrize("role", HIGH_ROLES)
def test_coordinators_and_admins_see_restricted_records_where_expected(matrix, role):
    w = matrix["world"]
    expected = [
        f"/recommendations/{w.confidential['recommendation'][0].pk}/",
        f"/recommendations/{w.confidential['recommendation'][0].pk}.json",
        f"/documents/{w.confidential['document'][0].pk}/",
        f"/tracking/actions/{w.confidential['action'][0].pk}/",
        f"/tracking/plans/{w.confidential['plan'][0].pk}/",
        f"/tracking/engagements/{w.confidential['engagement'][0].pk}/",
        f"/tracking/engagements/{w.confidential['engagement'][1].pk}/",
        f"/api/v1/recommendations/{w.confidential['recommendation'][0].pk}",
        f"/api/v1/documents/{w.confidential['document'][0].pk}",
        f"/tracking/visits/{w.confidential['visit'][0].pk}/",
        f"/tracking/visits/{w.confidential['visit'][1].pk}/",
        "/tracking/visits/",
        "/tracking/countries/BRA/dashboard/",
    ]
    checked = [url for url in expected if url in matrix["urls"]]
    assert len(checked) >= 3
    for url in checked:
        body = matrix["high"][(role, url)]
        assert body.startswith("200 "), (url, body[:200])
        assert MARKER in body, url


def test_no_page_shows_a_subscribers_address_to_anyone(matrix):
    pages = {**matrix["with"], **matrix["high"]}
    assert any("/subscriptions/unsubscribe/" in url for _, url in pages)
    leaks = sorted(f"{r} {url}" for (r, url), body in pages.items() if SUBSCRIBER_EMAIL in body)
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize("role", HIGH_ROLES)
def test_coordinators_and_admins_see_hidden_names(matrix, role):
    seen = [
        url
        for (r, url), body in matrix["high"].items()
        if r == role and "Zorrilla-Quintanar" in body
    ]
    assert seen, "no page shows a contributor's real name to coordinators"
