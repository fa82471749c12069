"""Rendering of the recommendations list page on first visits: its time, and what it says.

Runs on the database of ``RIGHTSTRACK_DATA_DIR`` (or ``DATABASE_URL``; ``var/`` when neither
is set), loaded with ``rightstrack load-sample --no-classify`` first when it holds fewer
than 1,000 recommendations. Every request is a first visit: the Django
cache (the visitors' page cache and the kept facet counts) is cleared before it, so the
page is rendered, and a filtered list is sent without its facet counts
(docs/scaling.md, "Counts after the page").

Timing (default): ``--visits`` first visits of distinct list URLs without ``q`` (facet
values, pages, sorts, the six languages), as a visitor, each measured three ways:

  request   the whole request through the Django test client (URL routing, middleware,
            SQL, rendering);
  sql       the time spent in the database cursor's ``execute`` during that request;
  render    the view's work once its data is fetched: ``html_context()`` and the
            rendering of the page body and the page around it (in process, the list's
            queries run and their rows held beforehand; any query still run while
            rendering is counted in it and reported).

It prints median and p95 of each, in milliseconds, and the load average; ``request CPU``
and ``render CPU`` are the same two spans in this process's CPU time (``time.process_time``:
the client's and the web code's, not the database server's), which other jobs on the
machine disturb less than wall-clock time.

What the page says (``--save FILE`` / ``--compare FILE``): the ``<main>`` element of about
30 list URLs (with and without ``q``, facets, pages, sorts, an empty list, a query of
excluded words only) in en, ar, es, fr, ru and zh-hans, for a visitor and for a signed-in
coordinator (created here if missing, with one selection, TOTP step passed), with CSRF
tokens stripped; and the ``<title>``, ``og:title`` and ``<main>`` of recommendation pages
whose references take each form of ``portal/includes/rec_ref.html``. ``--save`` writes them to FILE (JSON); ``--compare`` renders the same
URLs and exits 1 unless every ``<main>`` is byte-for-byte the one in FILE.

Run: ``RIGHTSTRACK_DATA_DIR=... .venv/bin/python bench/list_render.py [--visits 50]``
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import percentile  # noqa: E402 - the benches' one percentile (bench/search.py)

LANGUAGES = ["en", "ar", "es", "fr", "ru", "zh-hans"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
MAIN = re.compile(r"<main\b.*?</main>", re.S)
COORDINATOR = "render-check-coordinator"


def setup() -> None:
    """``django.setup()``, then migrate and load the bundled sample (without the classify
    step) when the database holds fewer than 1,000 recommendations (``make bench``)."""
    if not os.environ.get("DATABASE_URL") and not os.environ.get("RIGHTSTRACK_DATA_DIR"):
        os.environ["RIGHTSTRACK_DATA_DIR"] = str(ROOT / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from rightstrack.catalog.models import Recommendation

    call_command("migrate", verbosity=0, interactive=False)
    if Recommendation.objects.count() < 1000:
        print("loading the bundled sample (rightstrack load-sample --no-classify)...")
        call_command("load_sample", "--no-classify", verbosity=0)


def values_in_db() -> dict[str, list[str]]:
    """Facet values present in the catalogue, most frequent first (stable order)."""
    from django.db.models import Count

    from rightstrack.accounts.permissions import visible_recommendations

    visible = visible_recommendations(None).order_by()

    def top(field: str, n: int) -> list[str]:
        rows = (
            visible.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(n=Count("pk"))
            .order_by("-n", field)[:n]
        )
        return [str(r[field]) for r in rows if r[field] not in (None, "")]

    return {
        "country": top("country__iso3", 40),
        "mechanism": top("mechanism__code", 10),
        "year": top("year", 20),
        "cycle": top("upr_cycle", 4),
        "recommending_state": top("recommending_states__iso3", 20),
        "theme": top("themes__slug", 10),
        "affected": top("affected_groups__slug", 10),
    }


def timing_urls(n: int, seed: int = 14) -> list[str]:
    """``n`` distinct list URLs without ``q``, spread over the six languages."""
    from urllib.parse import urlencode

    vals = values_in_db()
    rng = random.Random(seed)
    kinds: list[Callable[[], list[tuple[str, str]]]] = [
        lambda: [("year", rng.choice(vals["year"]))],
        lambda: [("country", rng.choice(vals["country"]))],
        lambda: [("mechanism", "UPR"), ("position", rng.choice(["supported", "noted"]))],
        lambda: [("cycle", rng.choice(vals["cycle"])), ("page", str(rng.randint(2, 40)))],
        lambda: [("recommending_state", rng.choice(vals["recommending_state"]))],
        lambda: [("country", rng.choice(vals["country"])), ("sort", "oldest")],
        lambda: [("mechanism", rng.choice(vals["mechanism"]))],
        lambda: [("theme", rng.choice(vals["theme"] or ["x"])), ("sort", "country")],
    ]
    urls: list[str] = []
    seen: set[str] = set()
    attempt = 0
    while len(urls) < n and attempt < 100 * n:
        params = kinds[attempt % len(kinds)]()
        lang = LANGUAGES[attempt % len(LANGUAGES)]
        prefix = "" if lang == "en" else f"/{lang}"
        url = f"{prefix}/recommendations/?{urlencode(params)}"
        attempt += 1
        if url not in seen:
            seen.add(url)
            urls.append(url)
    return urls


def check_queries() -> list[str]:
    """About 30 query strings of the list covering what the page can show."""
    from urllib.parse import urlencode

    vals = values_in_db()
    c = vals["country"]
    lists: list[list[tuple[str, str]]] = [
        [],
        [("page", "2")],
        [("sort", "oldest")],
        [("sort", "document"), ("page", "7")],
        [("facets", "1")],
        [("country", c[0])],
        [("country", c[1]), ("sort", "country")],
        [("country", c[2]), ("cycle", vals["cycle"][0])],
        [("country", c[3]), ("country", c[4])],
        [("mechanism", "UPR"), ("position", "supported")],
        [("mechanism", "UPR"), ("position", "noted"), ("page", "3")],
        [("year", vals["year"][0])],
        [("year", vals["year"][-1]), ("facets", "1")],
        [("recommending_state", vals["recommending_state"][0])],
        [("cycle", vals["cycle"][-1]), ("page", "9999")],
        [("page", "abc")],
        [("repeated", "1")],
        [("q", "torture")],
        [("q", '"death penalty"'), ("country", c[5])],
        [("q", "women"), ("sort", "newest"), ("page", "2")],
        [("q", "-torture")],
        [("q", "zzzqqqnomatch")],
        [("country", "ZZZ")],
        [("q", "<script>&\"'")],
    ]
    for mech in vals["mechanism"]:
        if mech != "UPR":
            lists.append([("mechanism", mech)])
        if len(lists) >= 28:
            break
    if vals["theme"]:
        lists.append([("theme", vals["theme"][0])])
    if vals["affected"]:
        lists.append([("affected", vals["affected"][0]), ("sort", "oldest")])
    return [urlencode(p) for p in lists]


def detail_paths() -> list[str]:
    """Recommendation pages whose reference takes each form of
    ``portal/includes/rec_ref.html`` (symbol and paragraph, symbol alone, UPR session,
    neither), a few of each, plus pages with recommending States."""
    from rightstrack.accounts.permissions import visible_recommendations

    visible = visible_recommendations(None).order_by("pk")
    forms = [
        visible.exclude(document__symbol="").exclude(paragraph=""),
        visible.exclude(document__symbol="").filter(paragraph=""),
        visible.filter(document__symbol="").exclude(upr_session=None),
        visible.filter(document__symbol="", upr_session=None),
        visible.exclude(recommending_states=None),
    ]
    ids: list[int] = []
    for qs in forms:
        ids += [pk for pk in qs.values_list("pk", flat=True)[:3] if pk not in ids]
    return [f"/recommendations/{pk}/" for pk in ids]


def coordinator_client() -> Any:
    """A test client signed in as a coordinator who passed the TOTP step, with a selection."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from rightstrack.accounts.models import User
    from rightstrack.tracking.models import Selection

    user = User.objects.filter(username=COORDINATOR).first()
    if user is None:
        user = User(username=COORDINATOR, role="coordinator", is_staff=True)
        user.email = f"{COORDINATOR}@example.org"
        user.set_unusable_password()
        user.save()
    if not Selection.objects.filter(owner=user).exists():
        Selection.objects.create(owner=user, name="Render check")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="render-check", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def main_of(html: str) -> str:
    match = MAIN.search(CSRF.sub('name="csrfmiddlewaretoken" value=""', html))
    if match is None:
        raise SystemExit("no <main> in the page")
    return match.group(0)


def render_all() -> dict[str, str]:
    """``{"who lang ?query": <main> without CSRF tokens}`` for every checked URL."""
    from django.core.cache import cache
    from django.test import Client

    clients = {"visitor": Client(), "coordinator": coordinator_client()}
    pages: dict[str, str] = {}
    for query in check_queries():
        for lang in LANGUAGES:
            prefix = "" if lang == "en" else f"/{lang}"
            url = f"{prefix}/recommendations/" + (f"?{query}" if query else "")
            for who, client in clients.items():
                cache.clear()  # a first visit
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{who} {url}: HTTP {response.status_code}")
                pages[f"{who} {url}"] = main_of(response.content.decode())
    # Pages that show a recommendation's reference (rec_ref.html): title and <main>.
    for path in detail_paths():
        for lang in LANGUAGES:
            url = ("" if lang == "en" else f"/{lang}") + path
            for who, client in clients.items():
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{who} {url}: HTTP {response.status_code}")
                html = response.content.decode()
                title = re.search(r"<title>.*?</title>", html, re.S)
                og = re.findall(r'<meta property="og:title"[^>]*>', html)
                head = (title.group(0) if title else "") + "".join(og)
                pages[f"{who} {url}"] = head + main_of(html)
    return pages


def time_visits(n: int) -> dict[str, list[float]]:
    """Request, SQL and render times (ms) of ``n`` first visits of distinct lists."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from django.utils.safestring import SafeString

    from rightstrack.portal import pages
    from rightstrack.portal.tracking_sections import selection_control

    urls = timing_urls(n)
    client = Client()
    # As each server worker does once the application is built (rightstrack/wsgi.py).
    gc.freeze()
    sql_ms: list[float] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_ms[-1] += (time.perf_counter() - start) * 1000

    for url in urls[:5]:  # warm-up: templates, translations, statement caches
        client.get(url)
    out: dict[str, list[float]] = {
        "request": [],
        "sql": [],
        "render": [],
        "request CPU": [],
        "render CPU": [],
    }
    render_queries = 0
    factory = RequestFactory()
    for url in urls:
        cache.clear()
        sql_ms.append(0.0)
        with connection.execute_wrapper(timed):
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            out["request"].append((time.perf_counter() - start) * 1000)
            out["request CPU"].append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, url
        out["sql"].append(sql_ms[-1])
        # Rendering alone, the same list: its queries run first and their rows held.
        path, _, query = url.partition("?")
        lang = path.split("/")[1] if path.count("/") > 2 else "en"
        cache.clear()
        with translation.override(lang):
            request = factory.get(path, dict(_pairs(query)))
            request.user = AnonymousUser()
            request.LANGUAGE_CODE = translation.get_language()
            listing = pages.RecommendationList(request)
            _ = listing.page, listing.shown_facets, listing.total, listing.with_counts
            with CaptureQueriesContext(connection) as queries:
                start, cpu = time.perf_counter(), time.process_time()
                body = render_to_string(
                    "portal/includes/recommendation_list_body.html",
                    {**listing.html_context(), **selection_control(request)},
                    request,
                )
                render_to_string(
                    "portal/recommendation_list.html",
                    {
                        "params": listing.params,
                        "body": SafeString(body),
                        "counts_after": not listing.with_counts,
                    },
                    request,
                )
                out["render"].append((time.perf_counter() - start) * 1000)
                out["render CPU"].append((time.process_time() - cpu) * 1000)
            render_queries += len(queries)
    print(f"queries run while rendering, all visits: {render_queries}")
    return out


def _pairs(query: str) -> list[tuple[str, list[str]]]:
    from urllib.parse import parse_qs

    return list(parse_qs(query).items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=50)
    parser.add_argument("--save", type=Path, help="store every checked <main> in this file")
    parser.add_argument("--compare", type=Path, help="compare every checked <main> to this file")
    args = parser.parse_args()
    setup()
    from django.db import connection

    if args.save or args.compare:
        pages = render_all()
        if args.save:
            args.save.write_text(json.dumps(pages, ensure_ascii=False, indent=0))
            print(f"{len(pages)} pages saved to {args.save} ({connection.vendor})")
            return
        assert args.compare is not None
        before = json.loads(args.compare.read_text())
        differ = [k for k in before if pages.get(k) != before[k]]
        missing = [k for k in before if k not in pages]
        print(
            f"{connection.vendor}: {len(before)} pages compared, "
            f"{len(differ)} differ, {len(missing)} missing"
        )
        for key in differ[:10]:
            print("  differs:", key)
        if differ:
            import difflib

            key = differ[0]
            diff = difflib.unified_diff(
                before[key].splitlines(), pages[key].splitlines(), lineterm="", n=1
            )
            print("\n".join(list(diff)[:60]))
        raise SystemExit(1 if differ or missing else 0)
    figures = time_visits(args.visits)
    print(f"{connection.vendor}, {args.visits} first visits, load average {os.getloadavg()}")
    for label, values in figures.items():
        print(
            f"  {label:<12} median {statistics.median(values):7.1f}  "
            f"p95 {percentile(values, 95):7.1f} ms"
        )


if __name__ == "__main__":
    main()
