"""The WSGI module moves its start-up objects out of the garbage collector's reach."""

from __future__ import annotations

import gc
import importlib
import sys


def test_loading_the_wsgi_application_freezes_the_objects_made_at_start_up():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        sys.modules.pop("rightstrack.wsgi", None)
        module = importlib.import_module("rightstrack.wsgi")
        assert callable(module.application)
        # Django's settings, apps, models and URL patterns are tens of thousands of objects.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
