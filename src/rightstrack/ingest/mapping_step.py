"""The mapping step of the upload (``views.map_columns``): what the page shows and does.

Kept out of the view so the view stays thin. A sheet that no format recognises (or for
which the user chose "Spreadsheet read through a saved column mapping") comes here: the
page shows its columns and first rows, proposes a saved mapping whose columns are all in
the sheet (``actions.proposed_mappings``), and runs the import's rehearsal
(``pipeline.rehearse``) through the mapping on the form. Saving the mapping
(``actions.do_save_column_mapping``) records it on the staged upload, and the confirm
button imports the file through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.utils.text import slugify

from rightstrack.accounts.models import User
from rightstrack.ingest import staging, vocabulary
from rightstrack.ingest.actions import (
    MappingInvalid,
    do_save_column_mapping,
    find_mapping,
    proposed_mappings,
)
from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.forms import ColumnMappingForm
from rightstrack.ingest.models import ColumnMapping
from rightstrack.ingest.parsers.mapped import MappingSpec, propose_columns
from rightstrack.ingest.parsers.tabular import Table, read_table
from rightstrack.ingest.pipeline import MAPPED_FORMAT, rehearse

#: Rows of the sheet shown above the form.
SHOWN_ROWS = 5


def can_map(path: Path, failure: ImportFailure) -> bool:
    """A file refused as "unknown format" that reads as a sheet (CSV or XLSX): offer the
    mapping step instead of the refusal."""
    if "unknown format" not in failure.problem.message:
        return False
    try:
        table = read_table(path, max_rows=1)
    except ImportFailure:
        return False
    return len([h for h in table.header if h]) >= 2


def handle(request: HttpRequest, upload: staging.StagedFile) -> dict[str, Any]:
    """The context of the mapping page for a GET or a POST (``action`` = ``preview`` or
    ``save``). Never raises for bad input: a sheet that cannot be read gives ``failure``."""
    try:
        sample = read_table(upload.path, max_rows=SHOWN_ROWS)
    except ImportFailure as exc:
        return {"staged": upload, "failure": exc.problem}
    headers = sample.header
    proposals = proposed_mappings(headers)
    chosen = _chosen(request, proposals)
    context: dict[str, Any] = {
        "staged": upload,
        "sample": _sample(sample),
        "proposals": proposals,
        "chosen": chosen,
    }
    if request.method != "POST":
        initial = ColumnMappingForm.initial_for(
            chosen.spec() if chosen else None, propose_columns(headers)
        )
        context["form"] = ColumnMappingForm(headers, initial=initial)
        return context
    form = ColumnMappingForm(headers, request.POST)
    context["form"] = form
    if not form.is_valid():
        return context
    values = form.mapping_values()
    name = form.cleaned_data["name"].strip()
    if request.POST.get("action") == "save":
        if not name:
            context["name_needed"] = True
            return context
        try:
            saved = do_save_column_mapping(
                name,
                headers=headers,
                organisation=_organisation(request),
                user=request.user if isinstance(request.user, User) else None,
                **values,
            )
        except MappingInvalid as exc:
            context["invalid"] = str(exc)
            return context
        upload = staging.remember_mapping(upload, saved.name)
        context.update(staged=upload, saved=saved, chosen=saved)
        spec: MappingSpec = saved.spec()
    else:
        existing = find_mapping(name) if name else None
        key = existing.key if existing else (slugify(name) or "preview")[:64]
        spec = MappingSpec(name=name or "preview", key=key, **_spec_values(values))
        problems = spec.problems()
        if problems:
            context["invalid"] = "; ".join(problems)
            return context
    policy = upload.unknown_labels or vocabulary.default_policy(MAPPED_FORMAT)
    context["rehearsal"] = rehearse(
        upload.path,
        mapping=spec,
        visibility=upload.visibility,
        unknown_labels=policy,
    )
    return context


def _spec_values(values: dict[str, Any]) -> dict[str, Any]:
    return {
        **values,
        "columns": {f: tuple(c) for f, c in values["columns"].items() if c},
    }


def _chosen(request: HttpRequest, proposals: list[ColumnMapping]) -> ColumnMapping | None:
    """The mapping named by ``?mapping=`` (any active one), else the best proposal."""
    name = request.GET.get("mapping", "")
    if name:
        return find_mapping(name)
    return proposals[0] if proposals else None


def _organisation(request: HttpRequest) -> Any:
    return getattr(request.user, "organisation", None)


def _sample(table: Table) -> dict[str, Any]:
    return {
        "header": table.header,
        "rows": [(n, [v[:200] for v in values]) for n, values in table.rows],
    }
