"""``rightstrack serve``: the production web server (gunicorn), see ``core/server.py``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rightstrack.core import server
from rightstrack.env import env_int, env_list


class Command(BaseCommand):
    help = (
        "Serve RightsTrack with gunicorn: workers from the CPU count (2 x cores + 1), "
        "graceful reload on HUP. Collects static files first when they never were."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            action="append",
            help="address to listen on, host:port or unix:/path (repeatable; default "
            "RIGHTSTRACK_BIND or 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default RIGHTSTRACK_WEB_WORKERS, else 2 x cores + 1)",
        )
        parser.add_argument("--threads", type=int, default=1, help="threads per worker")
        parser.add_argument(
            "--timeout", type=int, default=server.DEFAULT_TIMEOUT, help="worker timeout, s"
        )
        parser.add_argument("--pidfile", default=None, help="write the master's pid here")
        parser.add_argument("--access-log", action="store_true", help="log every request")
        parser.add_argument(
            "--max-requests", type=int, default=0, help="recycle a worker after N requests"
        )
        parser.add_argument(
            "--collectstatic",
            action="store_true",
            help="run collectstatic before starting even when STATIC_ROOT already has the "
            "manifest (after an upgrade); without it, collectstatic runs only when the "
            "manifest is missing",
        )
        parser.add_argument(
            "--print-config",
            action="store_true",
            help="print the gunicorn settings as JSON and exit without serving",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        """Build the options; print them (``--print-config``) or collect static and serve.

        Raises:
            CommandError: bad option values (from ``gunicorn_options``' ValueError).
        """
        from django.core.management.base import CommandError

        workers = opts["workers"]
        if workers is None:
            configured = env_int("RIGHTSTRACK_WEB_WORKERS", 0)
            workers = configured or None
        binds = opts["bind"] or env_list("RIGHTSTRACK_BIND", ["127.0.0.1:8000"])
        try:
            options = server.gunicorn_options(
                binds=binds,
                workers=workers,
                threads=opts["threads"],
                timeout=opts["timeout"],
                pidfile=opts["pidfile"],
                access_log=opts["access_log"],
                max_requests=opts["max_requests"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        argv = server.gunicorn_argv(options, sys.executable)
        if opts["print_config"]:
            self.stdout.write(json.dumps({"options": options, "argv": argv}, indent=2))
            return
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if opts["collectstatic"] or not manifest.exists():
            self.stderr.write("collecting static files (hashed names, gzip and Brotli copies)")
            call_command("collectstatic", interactive=False, verbosity=0)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - our own interpreter, fixed arguments
