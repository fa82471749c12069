"""``rightstrack classify similar`` and ``rightstrack classify cluster``."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from rightstrack.accounts.permissions import visible_recommendations
from rightstrack.catalog.models import Country
from rightstrack.classify.consolidation.clustering import THRESHOLD, build_clusters
from rightstrack.classify.consolidation.matching import scope, similar_rows
from rightstrack.classify.consolidation.similarity import DEFAULT_LIMIT, MAX_LIMIT


def _operator() -> Any:
    """The operator at the command line as an unsaved admin (``--include-restricted``)."""
    return get_user_model()(username="command-line", role="admin", is_superuser=True)


def _limit(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_LIMIT:
        raise ValueError(value)
    return number


def add_similar(parser: ArgumentParser) -> None:
    parser.add_argument("--country", required=True, help="ISO 3166 alpha-3 code, e.g. SVN")
    parser.add_argument("--document", help="only this document (UN symbol, e.g. A/HRC/59/15)")
    parser.add_argument("--text", required=True, help="the text to match, in any language")
    parser.add_argument(
        "--limit", type=_limit, default=DEFAULT_LIMIT, help=f"1-{MAX_LIMIT} (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument(
        "--include-restricted",
        action="store_true",
        help="include restricted recommendations (never publish that output)",
    )


def run_similar(command: BaseCommand, options: dict[str, Any]) -> None:
    iso3 = options["country"].strip().upper()
    if not Country.objects.filter(iso3=iso3).exists():
        raise CommandError(f"unknown country: {iso3!r} (an ISO 3166 alpha-3 code)")
    viewer = _operator() if options["include_restricted"] else AnonymousUser()
    recs = scope(visible_recommendations(viewer), iso3, options.get("document"))
    rows = similar_rows(recs, options["text"], options["limit"])
    if options["json"]:
        command.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        ref = f"{row['symbol']} {row['paragraph']}".strip()
        command.stdout.write(f"{row['score']:.3f}  {row['mechanism']:<6} {ref}  {row['text'][:90]}")


def add_cluster(parser: ArgumentParser) -> None:
    parser.add_argument("--country", help="only this country (ISO 3166 alpha-3 code)")
    parser.add_argument(
        "--threshold",
        type=float,
        default=THRESHOLD,
        help=f"cosine similarity of the same ask (default {THRESHOLD})",
    )


def run_cluster(command: BaseCommand, options: dict[str, Any]) -> None:
    iso3 = (options.get("country") or "").strip().upper() or None
    if iso3 and not Country.objects.filter(iso3=iso3).exists():
        raise CommandError(f"unknown country: {iso3!r} (an ISO 3166 alpha-3 code)")
    if not 0 < options["threshold"] <= 1:
        raise CommandError("--threshold must be above 0 and at most 1")
    run = build_clusters(iso3, options["threshold"])
    if options.get("verbosity", 1):
        command.stdout.write(
            f"{run.countries} countries, {run.recommendations} recommendations: "
            f"{run.clusters} new candidate clusters, {run.kept} kept, "
            f"{run.superseded} superseded ({run.seconds:.1f} s)"
        )


SUBCOMMANDS: dict[str, tuple[str, Callable[[ArgumentParser], None], Any]] = {
    "similar": (
        "the recommendations of a country most similar to a text, with scores",
        add_similar,
        run_similar,
    ),
    "cluster": ("propose candidate clusters of the same ask", add_cluster, run_cluster),
}
