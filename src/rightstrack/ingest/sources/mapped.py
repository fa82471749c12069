"""A spreadsheet of another tracker read through a saved column mapping → recommendations.

Never chosen by detection (its score is 0): the import names the mapping
(``rightstrack import FILE --mapping NAME``, or the mapping step of the upload), and the
pipeline puts it on ``ImportContext.mapping``. The sheet is rewritten into the generic
format's columns (``parsers/mapped.py``), checked by the generic format's rules and stored
as the generic format stores it (``sources/generic.py``, ``store_rows``).
"""

from __future__ import annotations

from pathlib import Path

from rightstrack.ingest.importers import Counts, ImportContext, register
from rightstrack.ingest.parsers.generic import check_rows
from rightstrack.ingest.parsers.mapped import apply_mapping
from rightstrack.ingest.parsers.tabular import read_table
from rightstrack.ingest.sources.generic import store_rows

#: The format name recorded on the runs of mapped imports.
NAME = "mapped-table"


class MappedSource:
    """Any CSV/XLSX sheet, through the column mapping on the import's context."""

    name = NAME
    label = "Spreadsheet read through a saved column mapping"

    def score(self, path: Path, head: bytes) -> float:
        return 0.0  # only on request: a mapping is chosen by a person, never guessed

    def run(self, path: Path, ctx: ImportContext) -> Counts:
        """Read, map, check and store every row (all or nothing).

        Raises:
            ImportFailure: no mapping given; the mapping does not fit the sheet; any row
                the generic format refuses (row and the sheet's column named).
        """
        spec = ctx.mapping
        if spec is None:
            raise ctx.fail(
                "this format needs a saved column mapping (rightstrack import FILE --mapping NAME)"
            )
        mapped = apply_mapping(read_table(path), spec, path)
        rows = check_rows(
            mapped.table,
            path,
            cells=mapped.cells,
            key_prefix=f"mapped:{spec.key}:",
            language=spec.language,
            origins=mapped.origins,
        )
        return store_rows(rows, ctx, mapping_name=spec.name)


register(MappedSource())
