"""The production web server: gunicorn running RightsTrack's WSGI application.

``rightstrack serve`` (``catalog/management/commands/serve.py``) builds the options here
and replaces itself with gunicorn (:func:`gunicorn_argv`), so one command works the same
on every machine, with no separate config file.

* **workers**: ``2 × CPU cores + 1`` by default (gunicorn's own advice: one worker
  waits on the database while another runs Python), or ``--workers`` /
  ``RIGHTSTRACK_WEB_WORKERS``; each a separate process (sync workers);
* **graceful reload**: ``kill -HUP <master pid>`` starts new workers with the new code
  and settings, then lets the old ones finish their requests (gunicorn's HUP); TERM stops
  gracefully (up to ``graceful_timeout``), QUIT at once;
* **bind**: ``--bind`` / ``RIGHTSTRACK_BIND`` (``127.0.0.1:8000``); several allowed;
* **timeout**: a worker silent for ``--timeout`` seconds (default 120: large exports
  stream, but a list page never takes that long) is killed and replaced.
"""

from __future__ import annotations

import os
from typing import Any

#: Seconds a worker may be silent before gunicorn replaces it.
DEFAULT_TIMEOUT = 120


def default_workers(cpu_count: int | None = None) -> int:
    """``2 × cores + 1`` (gunicorn's advice), from ``os.cpu_count()`` when not given."""
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 1)
    return 2 * max(1, cores) + 1


def gunicorn_options(
    *,
    binds: list[str],
    workers: int | None = None,
    threads: int = 1,
    timeout: int = DEFAULT_TIMEOUT,
    pidfile: str | None = None,
    access_log: bool = False,
    max_requests: int = 0,
) -> dict[str, Any]:
    """The gunicorn settings of ``rightstrack serve``.

    Args:
        binds: addresses (``host:port`` or ``unix:/path``), at least one.
        workers: worker processes; ``None`` for :func:`default_workers`.
        threads: threads per worker (1: the sync worker).
        timeout: seconds before a silent worker is replaced.
        pidfile: where the master writes its pid (for ``kill -HUP``), or ``None``.
        access_log: log each request to standard output.
        max_requests: restart a worker after this many requests (0: never), with jitter.

    Returns:
        A dict of gunicorn setting names to values.

    Raises:
        ValueError: no bind address, or fewer than one worker or thread.
    """
    if not binds:
        raise ValueError("at least one bind address is needed")
    count = default_workers() if workers is None else workers
    if count < 1 or threads < 1:
        raise ValueError("workers and threads must be at least 1")
    options: dict[str, Any] = {
        "bind": list(binds),
        "workers": count,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "keep_alive": 5,
        "errorlog": "-",
        "proc_name": "rightstrack",
    }
    if pidfile:
        options["pidfile"] = pidfile
    if access_log:
        options["accesslog"] = "-"
    if max_requests:
        options["max_requests"] = max_requests
        options["max_requests_jitter"] = max(1, max_requests // 10)
    return options


def gunicorn_argv(options: dict[str, Any], python: str) -> list[str]:
    """The command line that starts gunicorn with ``options`` on RightsTrack's WSGI app.

    ``rightstrack serve`` replaces itself with this command (``os.execv``): the gunicorn
    master then never imports Django, and each worker imports the application when it
    starts, so a HUP (new workers) also loads new code and settings.

    Args:
        options: from :func:`gunicorn_options`.
        python: the interpreter (``sys.executable``).
    """
    argv = [python, "-m", "gunicorn"]
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if key == "bind":
            for address in value:
                argv += ["--bind", address]
        elif key == "worker_class":
            argv += ["--worker-class", str(value)]
        elif key == "errorlog":
            argv += ["--error-logfile", str(value)]
        elif key == "accesslog":
            argv += ["--access-logfile", str(value)]
        elif key == "proc_name":
            argv += ["--name", str(value)]
        elif key == "pidfile":
            argv += ["--pid", str(value)]
        else:
            argv += [flag, str(value)]
    return [*argv, "rightstrack.wsgi:application"]
