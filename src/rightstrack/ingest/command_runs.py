"""Run imports from the command line: progress bar, summary table, exit status."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rightstrack.accounts.models import User
from rightstrack.ingest.errors import Problem
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import import_file
from rightstrack.ingest.planner import after_bulk_import

#: Warnings printed per run (all of them are kept on the run, up to its own limit).
PRINTED_WARNINGS = 20


def run_imports(
    paths: Iterable[Path],
    *,
    out: Any,
    format: str | None = None,
    user: User | None = None,
    quiet: bool = False,
    unknown_labels: str | None = None,
    symbol: str = "",
    suggest: bool = True,
    mapping: str | None = None,
) -> list[ImportRun]:
    """Import each path in turn, with a progress bar, then print a summary table.

    Args:
        paths: the files, imported in this order, each in its own transaction.
        out: the text stream to write to (a command's ``self.stdout``); the progress bar
            shows only when it is a terminal.
        format: an importer name to skip detection, or ``None``.
        user: who started the imports (stored on the runs), or ``None``.
        quiet: no progress bar, no summary.
        unknown_labels: ``"refuse"``, ``"map"`` or ``"create"`` for theme, affected-persons
            and SDG values not in the reference lists, or ``None`` for each format's
            default (see ``pipeline.import_file``).
        symbol: the UN symbol of a document that does not print it (one file only).
        suggest: suggest labels for the new recommendations after each import (the
            pipeline's classify step).
        mapping: the name of a saved column mapping every file is read through, or ``None``.

    Returns:
        The runs (failed ones included); the caller decides the exit status. After more
        than ``planner.BULK_THRESHOLD`` created or updated rows in all, the planner
        statistics are refreshed and the tables tidied (``planner.after_bulk_import``).
    """
    console = Console(file=out, highlight=False, width=None if out.isatty() else 200)
    runs: list[ImportRun] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    ) as progress:
        for path in paths:
            task = progress.add_task(path.name, total=None)

            def report(done: int, total: int, task: Any = task) -> None:
                progress.update(task, completed=done, total=total)

            runs.append(
                import_file(
                    path,
                    user=user,
                    format=format,
                    progress=report,
                    unknown_labels=unknown_labels,
                    symbol=symbol,
                    suggest=suggest,
                    mapping=mapping,
                )
            )
            progress.remove_task(task)
    after_bulk_import(sum(run.created + run.updated for run in runs))
    if not quiet:
        console.print(summary_table(runs))
        for run in runs:
            if run.status != ImportRun.Status.FAILED:
                _print_warnings(console, run)
    return runs


def raise_if_any_failed(runs: list[ImportRun]) -> None:
    """End a command with the reasons of its failed imports, once.

    The summary table (stdout) marks a failed file "failed"; its reason goes only to the
    error Django prints on stderr, one line per failed file, so a person reads it once.

    Raises:
        CommandError: when any run failed; the message holds each failed run's message
            (which starts with the file name), one per line.
    """
    failed = [r.message for r in runs if r.status == ImportRun.Status.FAILED]
    if failed:
        raise CommandError("\n".join(failed))


def _print_warnings(console: Console, run: ImportRun) -> None:
    """The first :data:`PRINTED_WARNINGS` warnings of ``run`` (unknown labels mapped or
    created, tags dropped...), one a line, naming file, row and column."""
    warnings = [p for p in run.errors if str(p.get("message", "")).startswith("warning: ")]
    for p in warnings[:PRINTED_WARNINGS]:
        problem = Problem(
            p.get("file") or run.file_name, p["message"], row=p.get("row"), cell=p.get("cell")
        )
        console.print(str(problem), markup=False, highlight=False)
    if len(warnings) > PRINTED_WARNINGS:
        console.print(
            f"{run.file_name}: {len(warnings) - PRINTED_WARNINGS} more warning(s) "
            "on the import run",
            markup=False,
        )


def summary_table(runs: list[ImportRun]) -> Table:
    """File, format, created/updated/unchanged/rejected and seconds per run."""
    table = Table(title="Import summary")
    table.add_column("file", no_wrap=True)
    table.add_column("format")
    table.add_column("status")
    table.add_column("unknown labels")
    for name in ("created", "updated", "unchanged", "rejected"):
        table.add_column(name, justify="right")
    table.add_column("time (s)", justify="right")
    for run in runs:
        table.add_row(
            run.file_name,
            run.format or "?",
            run.status,
            run.unknown_labels or "",
            f"{run.created:,}",
            f"{run.updated:,}",
            f"{run.unchanged:,}",
            f"{run.rejected:,}",
            f"{run.seconds:.1f}" if run.seconds is not None else "",
        )
    return table
