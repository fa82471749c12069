"""``rightstrack classify SUBCOMMAND``: the classify app on the command line.

Subcommands are registered by the parts that implement them (:data:`SUBCOMMANDS`), so each
part of the app keeps its own code.

Suggested labels (tagging):

* ``train``: train on confirmed labels; skipped when the data's hash is unchanged
  (``--force`` to train anyway). A stale, tampered or corrupt model file is deleted and
  retrained.
* ``suggest``: suggest labels for recommendations that have none yet (``--all``: for every
  recommendation, adding labels not yet suggested). Uses the saved model when there is
  one (``--train`` trains first), rules and descriptions otherwise.
* ``evaluate``: print the metrics (``docs/classify.md``); ``--sdg-sample FILE`` adds the
  hand-labelled SDG sample; ``--json`` prints them as JSON.

Consolidation: ``similar`` and ``cluster`` (``classify/consolidation/commands.py``).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from rightstrack.classify import modelfile
from rightstrack.classify.consolidation import commands as consolidation
from rightstrack.classify.evaluate import (
    Report,
    evaluate_sdg_sample,
    evaluate_sdg_uhri,
    evaluate_upr,
)
from rightstrack.classify.suggest import suggest_for
from rightstrack.classify.training import train


def _add_train(parser: ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true")


def _run_train(command: BaseCommand, options: dict[str, Any]) -> None:
    bundle, trained = train(force=options["force"])
    if trained:
        command.stdout.write(
            f"trained {len(bundle.models)} taxonomies in {bundle.seconds:.1f} s: "
            f"{modelfile.model_path()}"
        )
    else:
        command.stdout.write("training data unchanged: model kept")


def _add_suggest(parser: ArgumentParser) -> None:
    parser.add_argument("--all", action="store_true", help="Every recommendation.")
    parser.add_argument("--train", action="store_true", help="Train first (if data changed).")


def _run_suggest(command: BaseCommand, options: dict[str, Any]) -> None:
    model = train()[0] if options["train"] else None
    result = suggest_for(Q(is_archived=False) if options["all"] else None, bundle=model)
    command.stdout.write(
        f"{result.suggestions} suggestions for {result.recommendations} "
        f"recommendations in {result.seconds:.1f} s"
    )


def _add_evaluate(parser: ArgumentParser) -> None:
    parser.add_argument("--sdg-sample", type=Path, default=None)
    parser.add_argument("--skip-upr", action="store_true", help="Leave out the UPR time split.")
    parser.add_argument("--json", action="store_true")


def _run_evaluate(command: BaseCommand, options: dict[str, Any]) -> None:
    report = Report()
    if not options["skip_upr"]:
        evaluate_upr(report)
    evaluate_sdg_uhri(report)
    sample = options["sdg_sample"]
    if sample is not None:
        if not sample.exists():
            raise CommandError(f"no such file: {sample}")
        evaluate_sdg_sample(report, sample, modelfile.load())
    if options["json"]:
        command.stdout.write(json.dumps(report.as_dict(), indent=2))
        return
    width = max(len(m.name) for m in report.metrics)
    for m in report.metrics:
        command.stdout.write(f"{m.name:<{width}}  {m.value:>10}  {m.note}".rstrip())


#: name -> (help, add_arguments(parser), run(command, options)).
SUBCOMMANDS: dict[str, tuple[str, Any, Any]] = {
    "train": ("Train on confirmed labels (skipped when unchanged).", _add_train, _run_train),
    "suggest": ("Suggest labels for recommendations without any.", _add_suggest, _run_suggest),
    "evaluate": ("Print precision, recall, F1 and speed.", _add_evaluate, _run_evaluate),
    **consolidation.SUBCOMMANDS,
}


class Command(BaseCommand):
    help = "Classify recommendations: " + ", ".join(sorted(SUBCOMMANDS)) + "."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, (text, add, _run) in sorted(SUBCOMMANDS.items()):
            add(sub.add_parser(name, help=text))

    def handle(self, *args: Any, **options: Any) -> None:
        SUBCOMMANDS[options["subcommand"]][2](self, options)
