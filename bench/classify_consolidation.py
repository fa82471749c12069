"""Consolidation: clustering and matching measured on the hand-labelled gold set, and the
time of ``rightstrack classify cluster`` on 41k and 250k recommendations.

Prints one table (``--json``: the same figures as JSON):

* precision and recall of clustering on the gold pairs (``tests/samples/consolidation``):
  a pair is predicted "same ask" when both recommendations are active members of one
  current cluster after ``rightstrack classify cluster``; positives are the pairs labelled
  "same", negatives those labelled "related" or "different";
* recall@5 and recall@10 of ``rightstrack classify similar`` (run through
  ``call_command``, ``--json``) for the "same" pairs: the text of one side is the query,
  the other side must be in the top 5 / 10, searching (a) the other side's document
  (``--document``: what an organisation does after a review) and (b) the whole country
  (the query's own recommendation left out);
* the time of ``rightstrack classify cluster`` on the bundled sample (41k recommendations)
  and on 250k (the real catalogue copied with changed keys, documents ``key~n`` and
  recommendations ``natural_key~n``, as ``bench/search.py`` scales it: six times the
  recommendations per country, each text six times), wall clock and CPU seconds of this
  process.

``bench/classify.py`` prints these figures in its table beside the tagging ones.

Data: a temporary SQLite database (or ``DATABASE_URL``, or ``--data-dir``) is migrated and
loaded with the bundled sample plus the two CCPR concluding observations of the gold set from
``../shared/data/raw/ccpr-co-rolandccpr`` (their pairs are left out when it is absent).

Run: ``.venv/bin/python bench/classify_consolidation.py [--json] [--skip-250k] [--data-dir DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD = ROOT / "tests" / "samples" / "consolidation" / "gold_pairs.csv"
SHARED = Path(os.environ.get("RIGHTSTRACK_SHARED_DIR", ROOT.parent / "shared" / "data" / "raw"))
CO_FILES = ["ccpr-co-rolandccpr/CCPR_C_DNK_CO_6.txt", "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt"]
SCALED = 250_000


def setup_django(data_dir: str | None) -> None:
    if data_dir:
        os.environ["RIGHTSTRACK_DATA_DIR"] = data_dir
    elif not os.environ.get("DATABASE_URL"):
        os.environ["RIGHTSTRACK_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-consolidation-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()


def load() -> str:
    from django.core.management import call_command
    from django.db import connection

    from rightstrack.catalog.models import Document

    call_command("migrate", verbosity=0, interactive=False)
    if Document.objects.filter(symbol="CCPR/C/PRY/CO/4").exists():
        return f"{connection.vendor} {connection.settings_dict['NAME']} (already loaded)"
    print("Loading the bundled sample and two CCPR observations...", file=sys.stderr)
    call_command("load_sample", verbosity=0)
    files = [str(SHARED / f) for f in CO_FILES if (SHARED / f).is_file()]
    if files:
        call_command("import", *files, verbosity=0)
    return f"{connection.vendor} {connection.settings_dict['NAME']}"


def timed_cluster() -> tuple[float, float, int]:
    """Wall and CPU seconds of ``classify cluster`` on every country; recommendations seen."""
    from django.core.management import call_command

    from rightstrack.catalog.models import Recommendation
    from rightstrack.classify.models import Cluster

    # A run from scratch: candidates of an earlier run would be kept, not written again.
    Cluster.objects.filter(status=Cluster.Status.CANDIDATE).update(status=Cluster.Status.SUPERSEDED)
    wall, cpu = time.perf_counter(), time.process_time()
    call_command("classify", "cluster", verbosity=0)
    return (
        time.perf_counter() - wall,
        time.process_time() - cpu,
        Recommendation.objects.filter(is_archived=False).count(),
    )


def gold_pairs() -> list[dict[str, Any]]:
    """Gold pairs whose two recommendations are in the database, with their ids."""
    from rightstrack.catalog.models import Recommendation

    rows = list(csv.DictReader(GOLD.open(encoding="utf-8")))
    keys = {r["a_key"] for r in rows} | {r["b_key"] for r in rows}
    found = {
        key: (pk, symbol, iso3)
        for key, pk, symbol, iso3 in Recommendation.objects.filter(
            natural_key__in=keys
        ).values_list("natural_key", "id", "document__symbol", "country__iso3")
    }
    pairs = []
    for r in rows:
        if r["a_key"] in found and r["b_key"] in found:
            a, b = found[r["a_key"]], found[r["b_key"]]
            pairs.append({**r, "a_id": a[0], "b_id": b[0], "b_symbol": b[1], "country": a[2]})
    return pairs


def clustering_scores(pairs: list[dict[str, Any]]) -> dict[str, float]:
    from rightstrack.classify.consolidation.repeated import current_memberships

    ids = {p["a_id"] for p in pairs} | {p["b_id"] for p in pairs}
    cluster_of = dict(
        current_memberships()
        .filter(recommendation_id__in=ids)
        .values_list("recommendation_id", "cluster_id")
    )
    tp = fp = fn = 0
    for p in pairs:
        together = p["a_id"] in cluster_of and cluster_of[p["a_id"]] == cluster_of.get(p["b_id"])
        positive = p["label"] == "same"
        tp += together and positive
        fp += together and not positive
        fn += positive and not together
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
    }


def similar_ids(country: str, text: str, document: str | None, limit: int) -> list[int]:
    from django.core.management import call_command

    out = io.StringIO()
    args = ["classify", "similar", "--country", country, "--text", text, "--json"]
    args += ["--limit", str(limit)] + (["--document", document] if document else [])
    call_command(*args, stdout=out)
    return [row["id"] for row in json.loads(out.getvalue())]


def matching_scores(pairs: list[dict[str, Any]]) -> dict[str, float]:
    same = [p for p in pairs if p["label"] == "same"]
    hits = {"doc5": 0, "doc10": 0, "country5": 0, "country10": 0}
    for p in same:
        in_doc = similar_ids(p["country"], p["a_text"], p["b_symbol"] or None, 10)
        hits["doc5"] += p["b_id"] in in_doc[:5]
        hits["doc10"] += p["b_id"] in in_doc[:10]
        anywhere = [i for i in similar_ids(p["country"], p["a_text"], None, 11) if i != p["a_id"]]
        hits["country5"] += p["b_id"] in anywhere[:5]
        hits["country10"] += p["b_id"] in anywhere[:10]
    n = len(same) or 1
    return {key: value / n for key, value in hits.items()} | {"pairs": len(same)}


#: The Done-means line of issue 12: ``rightstrack classify similar --country SVN --text "<a
#: cycle 3 recommendation's text>" --json`` has the cycle 4 recommendation a person paired
#: with it in its top 5 (the query's own recommendation counts among the 5).
CYCLE_3, CYCLE_4 = "A/HRC/43/15#", "A/HRC/59/15#"


def svn_top5_recall(pairs: list[dict[str, Any]]) -> dict[str, float]:
    """Share of Slovenia's cycle 3 / cycle 4 "same" pairs whose cycle 4 side is in the first
    5 rows of ``classify similar --country SVN --text <cycle 3 text> --json`` (whole
    country, default limit, nothing left out)."""
    svn = [
        p
        for p in pairs
        if p["label"] == "same"
        and p["a_key"].startswith(CYCLE_3)
        and p["b_key"].startswith(CYCLE_4)
    ]
    hits = sum(p["b_id"] in similar_ids("SVN", p["a_text"], None, 10)[:5] for p in svn)
    return {"recall": hits / len(svn) if svn else 0.0, "hits": hits, "pairs": len(svn)}


def scale_catalogue(size: int) -> int:
    """Copy the real catalogue with changed keys until it holds ``size`` recommendations.

    As ``bench/search.py`` builds its scaled catalogue: copy ``n`` of a document gets id
    ``id + n * max_doc_id`` and key ``key~n``; of a recommendation id ``id + n *
    max_rec_id``, ``natural_key~n`` and the copied document (same country, mechanism,
    year and text). The last copy is cut so that the total is ``size``. Tags, texts in
    other languages and search rows are not copied (``classify cluster`` reads only the
    recommendations' own texts); the search index's refresh triggers are suspended
    meanwhile, as for an import. Returns the rows added.
    """
    from django.db import connection, transaction

    from rightstrack.catalog.models import Document, Recommendation
    from rightstrack.portal import search_index

    rec_t, doc_t = Recommendation._meta.db_table, Document._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT max(id), count(*) FROM {rec_t}")
        max_rec, base = cur.fetchone()
        cur.execute(f"SELECT max(id) FROM {doc_t}")
        (max_doc,) = cur.fetchone()

    def copy_sql(model: Any, replace: dict[str, str], where: str) -> str:
        names = [connection.ops.quote_name(f.column) for f in model._meta.concrete_fields]
        exprs = [replace.get(c.strip('"'), c) for c in names]
        table = model._meta.db_table
        return f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(exprs)} FROM {table} {where}"

    added, n = 0, 0
    with transaction.atomic():
        search_index.suspend_refresh_triggers(connection)
        with connection.cursor() as cur:
            while base + added < size:
                n += 1
                take = min(base, size - base - added)
                cur.execute(
                    copy_sql(
                        Document,
                        {"id": f"id + {n * max_doc}", "key": f"key || '~{n}'"},
                        f"WHERE id <= {int(max_doc)}",
                    )
                )
                cur.execute(
                    f"SELECT id FROM {rec_t} WHERE id <= %s ORDER BY id LIMIT 1 OFFSET %s",
                    [max_rec, take - 1],
                )
                (last,) = cur.fetchone()
                cur.execute(
                    copy_sql(
                        Recommendation,
                        {
                            "id": f"id + {n * max_rec}",
                            "natural_key": f"natural_key || '~{n}'",
                            "document_id": f"document_id + {n * max_doc}",
                        },
                        f"WHERE id <= {int(last)}",
                    )
                )
                added += take
                print(f"  copy {n}: {take:,} recommendations", file=sys.stderr, flush=True)
        search_index.resume_refresh_triggers(connection, [])
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cur:
            for stmt in connection.ops.sequence_reset_sql(no_style(), [Document, Recommendation]):
                cur.execute(stmt)
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--skip-250k", action="store_true", help="do not time 250k")
    parser.add_argument(
        "--data-dir",
        help="use this RIGHTSTRACK_DATA_DIR (loaded there if it lacks the data); "
        "the 250k copy is written into it",
    )
    args = parser.parse_args()
    setup_django(args.data_dir)
    database = load()
    wall41, cpu41, n41 = timed_cluster()
    pairs = gold_pairs()
    results: dict[str, Any] = {
        "database": database,
        "gold_pairs": len(pairs),
        "clustering": clustering_scores(pairs),
        "matching": matching_scores(pairs),
        "svn_top5": svn_top5_recall(pairs),
        "time": [{"recommendations": n41, "wall_s": wall41, "cpu_s": cpu41}],
    }
    if not args.skip_250k:
        print("Copying the catalogue to about 250k recommendations...", file=sys.stderr)
        scale_catalogue(SCALED)
        wall, cpu, n = timed_cluster()
        results["time"].append({"recommendations": n, "wall_s": wall, "cpu_s": cpu})
    if args.json:
        print(json.dumps(results, indent=2))
        return
    c, m = results["clustering"], results["matching"]
    print(f"Consolidation on {database}; gold set: {len(pairs)} pairs ({m['pairs']} 'same')")
    print(f"{'measure':<52}{'value':>10}")
    print(f"{'clustering precision (same ask pairs in one cluster)':<52}{c['precision']:>10.3f}")
    print(f"{'clustering recall':<52}{c['recall']:>10.3f}")
    print(f"{'similar recall@5, other side document (--document)':<52}{m['doc5']:>10.3f}")
    print(f"{'similar recall@10, other side document':<52}{m['doc10']:>10.3f}")
    print(f"{'similar recall@5, whole country':<52}{m['country5']:>10.3f}")
    print(f"{'similar recall@10, whole country':<52}{m['country10']:>10.3f}")
    svn = results["svn_top5"]
    label = "similar --country SVN, cycle 4 side in top 5"
    print(f"{label:<52}{svn['recall']:>10.3f}  ({svn['hits']} of {svn['pairs']})")
    for t in results["time"]:
        label = f"classify cluster, {t['recommendations']:,} recommendations (s)"
        print(f"{label:<52}{t['wall_s']:>10.1f}  (CPU {t['cpu_s']:.1f} s)")


if __name__ == "__main__":
    main()
