"""``rightstrack classify train | suggest | evaluate``: the suggested labels.

* ``train``: train on confirmed labels; skipped when the data's hash is unchanged
  (``--force`` to train anyway). A stale, tampered or corrupt model file is deleted and
  retrained.
* ``suggest``: suggest labels for recommendations that have none yet (``--all``: for every
  recommendation, adding labels not yet suggested). Uses the saved model when there is
  one (``--train`` trains first), rules and descriptions otherwise.
* ``evaluate``: print the metrics (``docs/classify.md``); ``--sdg-sample FILE`` adds the
  hand-labelled SDG sample; ``--json`` prints them as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from rightstrack.classify import modelfile
from rightstrack.classify.evaluate import (
    Report,
    evaluate_sdg_sample,
    evaluate_sdg_uhri,
    evaluate_upr,
)
from rightstrack.classify.suggest import suggest_for
from rightstrack.classify.training import train


class Command(BaseCommand):
    help = "Suggested labels: train the models, suggest labels, print the metrics."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        t = sub.add_parser("train", help="Train on confirmed labels (skipped when unchanged).")
        t.add_argument("--force", action="store_true")
        s = sub.add_parser("suggest", help="Suggest labels for recommendations without any.")
        s.add_argument("--all", action="store_true", help="Every recommendation.")
        s.add_argument("--train", action="store_true", help="Train first (if data changed).")
        e = sub.add_parser("evaluate", help="Print precision, recall, F1 and speed.")
        e.add_argument("--sdg-sample", type=Path, default=None)
        e.add_argument("--skip-upr", action="store_true", help="Leave out the UPR time split.")
        e.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "train":
            bundle, trained = train(force=options["force"])
            if trained:
                self.stdout.write(
                    f"trained {len(bundle.models)} taxonomies in {bundle.seconds:.1f} s: "
                    f"{modelfile.model_path()}"
                )
            else:
                self.stdout.write("training data unchanged: model kept")
        elif verb == "suggest":
            model = train()[0] if options["train"] else None
            result = suggest_for(Q(is_archived=False) if options["all"] else None, bundle=model)
            self.stdout.write(
                f"{result.suggestions} suggestions for {result.recommendations} "
                f"recommendations in {result.seconds:.1f} s"
            )
        else:
            self._evaluate(options)

    def _evaluate(self, options: dict[str, Any]) -> None:
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
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
            return
        width = max(len(m.name) for m in report.metrics)
        for m in report.metrics:
            self.stdout.write(f"{m.name:<{width}}  {m.value:>10}  {m.note}".rstrip())
