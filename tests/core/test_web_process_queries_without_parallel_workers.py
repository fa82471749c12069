"""A web process (``rightstrack.wsgi``) runs its PostgreSQL queries without parallel
workers (``RIGHTSTRACK_PG_PARALLEL_WORKERS=0``): starting them cost a list page about
10 ms (docs/scaling.md, "Parallel workers"). Commands keep the server's setting, and
the environment may set another number. Each case runs in a process of its own, since
the settings are read once per process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

SHOW = (
    "from django.db import connection\n"
    "with connection.cursor() as cur:\n"
    "    cur.execute('SHOW max_parallel_workers_per_gather')\n"
    "    print(cur.fetchone()[0])\n"
)
WEB = "import rightstrack.wsgi\n" + SHOW
COMMAND = (
    "import os, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'rightstrack.settings')\n"
    "django.setup()\n" + SHOW
)


def setting_in_a_new_process(code: str, **env: str) -> str:
    """``max_parallel_workers_per_gather`` as a new process's connection sees it, connected
    to this test's database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    environ = {k: v for k, v in os.environ.items() if k != "RIGHTSTRACK_PG_PARALLEL_WORKERS"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**environ, "DATABASE_URL": url, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_web_process_queries_without_parallel_workers_and_a_command_with_the_servers():
    with connection.cursor() as cur:
        cur.execute("SHOW max_parallel_workers_per_gather")
        (server,) = cur.fetchone()
    assert server != "0"  # PostgreSQL's default is 2; the test would prove nothing at 0
    assert setting_in_a_new_process(WEB) == "0"
    assert setting_in_a_new_process(COMMAND) == server
    assert setting_in_a_new_process(WEB, RIGHTSTRACK_PG_PARALLEL_WORKERS="1") == "1"
