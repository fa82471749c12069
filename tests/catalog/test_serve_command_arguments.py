"""``rightstrack serve``: gunicorn's options from the arguments, the environment and the CPU
count; a real server that reloads its workers gracefully on HUP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rightstrack.core import server

REPO = Path(__file__).resolve().parents[2]


def _config(*args: str) -> dict:
    out = StringIO()
    call_command("serve", "--print-config", *args, stdout=out)
    return json.loads(out.getvalue())


def test_workers_default_to_twice_the_cores_plus_one(monkeypatch):
    monkeypatch.delenv("RIGHTSTRACK_WEB_WORKERS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)

    assert _config()["options"]["workers"] == 5
    assert server.default_workers(8) == 17


def test_bind_workers_threads_and_pidfile_reach_gunicorns_command_line(monkeypatch):
    monkeypatch.delenv("RIGHTSTRACK_BIND", raising=False)
    config = _config(
        "--bind", "127.0.0.1:8115", "--bind", "unix:/run/rightstrack/rt.sock", "--workers", "3",
        "--threads", "4", "--pidfile", "/run/rightstrack/rt.pid",
    )  # fmt: skip

    assert config["options"]["bind"] == ["127.0.0.1:8115", "unix:/run/rightstrack/rt.sock"]
    argv = config["argv"]
    assert argv[1:3] == ["-m", "gunicorn"]
    assert argv[-1] == "rightstrack.wsgi:application"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--threads") + 1] == "4"
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--pid") + 1] == "/run/rightstrack/rt.pid"
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--bind"] == [
        "127.0.0.1:8115",
        "unix:/run/rightstrack/rt.sock",
    ]


def test_the_environment_gives_the_defaults(monkeypatch):
    monkeypatch.setenv("RIGHTSTRACK_BIND", "0.0.0.0:9000,127.0.0.1:9001")
    monkeypatch.setenv("RIGHTSTRACK_WEB_WORKERS", "7")

    options = _config()["options"]

    assert options["bind"] == ["0.0.0.0:9000", "127.0.0.1:9001"]
    assert options["workers"] == 7
    assert _config("--workers", "2")["options"]["workers"] == 2


def test_zero_workers_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("serve", "--print-config", "--workers", "0")


def _get(url: str, seconds: float = 240) -> int:
    """The status of ``url``, retried while the workers are still importing the app."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(p) for p in children.read_text().split()} if children.exists() else set()


@pytest.mark.slow
def test_a_real_server_answers_and_reloads_its_workers_on_hup(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    env = {
        **os.environ,
        "RIGHTSTRACK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "rightstrack.settings",
    }
    env.pop("DATABASE_URL", None)
    pidfile = tmp_path / "serve.pid"
    proc = subprocess.Popen(
        [sys.executable, "-m", "rightstrack.cli", "serve", "--bind", "127.0.0.1:8116",
         "--workers", "2", "--pidfile", str(pidfile)],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not (pidfile.exists() and _worker_pids(proc.pid)):
            time.sleep(0.2)
        assert int(pidfile.read_text()) == proc.pid  # serve became the gunicorn master
        assert _get("http://127.0.0.1:8116/static/rightstrack.css") == 200
        before = _worker_pids(proc.pid)
        assert len(before) == 2

        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and (
            len(_worker_pids(proc.pid)) != 2 or _worker_pids(proc.pid) & before
        ):
            time.sleep(0.2)

        assert len(_worker_pids(proc.pid)) == 2
        assert not _worker_pids(proc.pid) & before  # new workers, same master
        assert proc.poll() is None
        assert _get("http://127.0.0.1:8116/static/rightstrack.css") == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
