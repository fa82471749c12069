"""WSGI entry point (``rightstrack serve`` runs gunicorn on ``rightstrack.wsgi:application``).

Once the application is built, the objects made at start-up (Django's settings, URL
patterns, models, templates, translation catalogues: most of a worker's memory) are moved
out of the garbage collector's reach with :func:`gc.freeze` (Python's documentation of
``gc.freeze``: it keeps collections from traversing objects that live as long as the
process). Before, a collection of the oldest generation traversed them all during some
request: at 250,000 recommendations, `bench/search.py` saw one list JSON of 5 ms take 70 ms
(docs/scaling.md).

A web process's PostgreSQL connections run each query without parallel workers
(``RIGHTSTRACK_PG_PARALLEL_WORKERS=0`` unless set otherwise, ``settings.py``): starting
them cost a list page about 10 ms (docs/scaling.md, "Parallel workers").
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ.setdefault("RIGHTSTRACK_PG_PARALLEL_WORKERS", "0")
application = get_wsgi_application()
gc.freeze()
