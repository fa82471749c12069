"""`rightstrack check --deploy` reports nothing under the production settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTSTRACK_")}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "rightstrack.settings",
            "RIGHTSTRACK_PRODUCTION": "1",
            "RIGHTSTRACK_DEBUG": "0",
            "RIGHTSTRACK_SECRET_KEY": secrets.token_urlsafe(50),
            "RIGHTSTRACK_ALLOWED_HOSTS": "rightstrack.example.org",
            "RIGHTSTRACK_DATA_DIR": str(tmp_path),
            **extra,
        }
    )
    return env


def _rightstrack(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rightstrack.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_no_issue_at_warning_level(tmp_path):
    result = _rightstrack(
        "check", "--deploy", "--fail-level", "WARNING", env=_production_env(tmp_path)
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_turn_on_secure_cookies_hsts_and_https(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True", "False"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["RIGHTSTRACK_SECRET_KEY"]

    result = _rightstrack("check", env=env)

    assert result.returncode != 0
    assert "RIGHTSTRACK_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_debug_mode(tmp_path):
    result = _rightstrack("check", env=_production_env(tmp_path, RIGHTSTRACK_DEBUG="1"))

    assert result.returncode != 0
    assert "RIGHTSTRACK_DEBUG must be off" in result.stderr
