"""Shared bits of the web-upload tests (``test_upload_*.py``)."""

from __future__ import annotations

from pathlib import Path

CERD_BRAZIL = Path("cerd-brazil-lrcarneiro/CERD-Observacoes-Brasil-2022.pdf")
CORRUPT_PDF = Path("upr-slovenia-tony33344/cycle1/original/g0917123_CORRUPT.pdf")


def staging_entries(settings) -> list[Path]:
    """Folders currently in ``MEDIA_ROOT/staging``."""
    root = Path(settings.MEDIA_ROOT) / "staging"
    return sorted(root.iterdir()) if root.is_dir() else []


def catalogue_state() -> dict[str, int]:
    """Row counts of the tables an import writes, import runs included."""
    from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
    from rightstrack.ingest.models import ImportRun

    return {
        "documents": Document.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "follow_up": FollowUpRequest.objects.count(),
        "doc_history": Document.history.count(),
        "runs": ImportRun.objects.count(),
    }
