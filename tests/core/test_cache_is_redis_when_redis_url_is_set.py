"""REDIS_URL puts Django's cache (and sessions) in Redis; without it, the local-memory cache."""

from __future__ import annotations

import importlib

import rightstrack.settings as project_settings


def _settings_with(monkeypatch, **env):
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return importlib.reload(project_settings)


def test_redis_url_selects_djangos_redis_backend_and_cached_sessions(monkeypatch):
    try:
        fresh = _settings_with(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3")
        assert fresh.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert fresh.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
        assert fresh.SESSION_ENGINE == "django.contrib.sessions.backends.cache"
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def test_without_redis_url_each_process_has_a_local_memory_cache(monkeypatch):
    try:
        fresh = _settings_with(monkeypatch, REDIS_URL=None)
        assert fresh.CACHES["default"]["BACKEND"] == (
            "django.core.cache.backends.locmem.LocMemCache"
        )
        assert fresh.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
