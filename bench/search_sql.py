"""The SQL of the recommendations list with ``q``, the way before against the way now,
interleaved on the same database.

For each query with ``q`` of ``bench/search.py`` (same seed, same database: run
``bench/search.py --size N`` first), times, alternately ``--repeat`` times each:

  count   before: ``search.count_matches`` for a query without facets (the index alone),
          ``filtered(...).count()`` with facets (each match joined to the recommendations);
          now: ``RecommendationList(request).total`` for a visitor, the product's own
          (on PostgreSQL a query with facets reads the search rows' facet keys)
  page    before: ``search.relevance_page_ids`` on the facet-filtered recommendations
          (the ranking window);
          now: ``RecommendationList(request).page_ids`` (its total already known)

and prints the median per query, then p50 / p95 over the queries. The counts and pages of
both ways are checked equal. "Before" is the earlier SQL run by today's functions, not the
old commit; the cache of counts is cleared before each "now".

Run: ``.venv/bin/python bench/search_sql.py --engine sqlite --size 250000``
(``--engine postgresql --pg-url postgres://...``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search as bench


def timed(fn: Callable[[], Any]) -> float:
    """Milliseconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--engine", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--size", type=int, default=250000)
    parser.add_argument("--pg-url", default="")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    bench.setup_django(args.engine, args.size, args.pg_url, False)
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.http import QueryDict
    from django.test import RequestFactory

    from rightstrack.accounts.permissions import visible_recommendations
    from rightstrack.portal.facets import facet_filter
    from rightstrack.portal.filters import ListParams, filtered
    from rightstrack.portal.pages import RecommendationList
    from rightstrack.portal.search import count_matches, relevance_page_ids

    factory = RequestFactory()

    def visitor_list(raw: dict[str, Any], total: int | None = None) -> RecommendationList:
        request = factory.get("/recommendations/", raw)
        request.user = AnonymousUser()
        found = RecommendationList(request)
        if total is not None:
            found.__dict__["total"] = total  # the cached property, as counted
        return found

    _without_q, with_q = bench.build_queries(args.queries, args.seed)
    visible = visible_recommendations(None)
    medians: dict[str, list[float]] = {
        "count before": [],
        "count now": [],
        "page before": [],
        "page now": [],
    }
    for raw in with_q:
        params = ListParams.from_querydict(QueryDict(urlencode(raw, doseq=True)))
        base = facet_filter(visible, params.selected)
        alone = not params.selected
        start = (params.page - 1) * 25
        total = filtered(visible, params, "en").count()

        def count_before() -> int:
            if alone:  # noqa: B023 - called in this pass
                return count_matches(params.q, "en")  # noqa: B023
            return filtered(visible, params, "en").count()  # noqa: B023

        def count_now() -> int:
            cache.clear()
            return visitor_list(raw).total  # noqa: B023

        def page_before() -> list[int]:
            return relevance_page_ids(
                base,  # noqa: B023
                params.q,  # noqa: B023
                "en",
                start,  # noqa: B023
                25,
                public_only=True,
                unfiltered=alone,  # noqa: B023
                matches=total,  # noqa: B023
            )

        def page_now() -> list[int]:
            cache.clear()
            return visitor_list(raw, total).page_ids(start, 25)  # noqa: B023

        if count_now() != total or count_before() != total:
            raise SystemExit(f"{raw}: counts differ")
        if page_now() != page_before():
            raise SystemExit(f"{raw}: pages differ")
        times: dict[str, list[float]] = {k: [] for k in medians}
        for _ in range(args.repeat):
            times["count before"].append(timed(count_before))
            times["count now"].append(timed(count_now))
            times["page before"].append(timed(page_before))
            times["page now"].append(timed(page_now))
        row = {k: statistics.median(v) for k, v in times.items()}
        for key, value in row.items():
            medians[key].append(value)
        print(
            f"{str(raw)[:58]:<58} {total:>7,}  count {row['count before']:7.1f} -> "
            f"{row['count now']:7.1f}  page {row['page before']:7.1f} -> {row['page now']:7.1f}",
            flush=True,
        )
    for key, values in medians.items():
        print(
            f"{key:<13} p50 {statistics.median(values):7.1f}  "
            f"p95 {bench.percentile(values, 95):7.1f} ms"
        )


if __name__ == "__main__":
    main()
