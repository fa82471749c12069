"""Static files with content-hashed names and far-future cache lifetimes.

``rightstrack collectstatic`` (run by ``rightstrack serve`` before it starts) copies every
static file to ``STATIC_ROOT`` twice: as is and under a name holding a hash of its
content (``rightstrack.3f2a9c1b7d4e.css``), with gzip and Brotli copies, and writes the
manifest ``staticfiles.json``. ``{% static %}`` then links the hashed name, and WhiteNoise
serves hashed names with ``Cache-Control: max-age=315360000, public, immutable``: a
browser keeps them for ten years and a changed file gets a new name.

Before ``collectstatic`` has run (development, tests) there is no manifest: the file's
own name is linked and WhiteNoise serves it from the apps' folders (its finders) with a
short lifetime.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """WhiteNoise's compressed manifest storage that falls back to plain names when the
    manifest (or a file in it) is missing, instead of raising ``ValueError``."""

    manifest_strict = False

    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        """The hashed name of ``name``; ``name`` itself when not collected yet.

        Raises:
            ValueError: while ``collectstatic`` post-processes (``content`` given) and a
                file a stylesheet refers to is missing, as Django's storage does.
        """
        try:
            return str(super().hashed_name(name, content, filename))
        except ValueError:
            if content is not None:
                raise
            return name
