"""Evaluation commands: how well understanding reads learners, with figures to trust."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sparring.cli.common import app, err, user_errors
from sparring.errors import UserError
from sparring.understanding.evaluation import Report, markdown
from sparring.understanding.measure import DATASETS, Skipped, measure
from sparring.understanding.registry import classifier, names

eval_app = typer.Typer(
    help="Measure parts of Sparring against labelled data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


@eval_app.command()
@user_errors
def understanding(
    model: Annotated[
        str | None,
        typer.Option("--model", help="A registered classifier (default: the product's default)."),
    ] = None,
    dataset: Annotated[
        list[str] | None,
        typer.Option(
            "--dataset",
            help=f"Measure only this dataset (repeatable): {', '.join(DATASETS)}.",
            show_default=False,
        ),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            "--split", help="Split of the external datasets: test, or train/valid for analysis."
        ),
    ] = "test",
    corpus_dir: Annotated[
        Path | None,
        typer.Option("--corpus", help="The labelled corpus (default: $SPARRING_CORPUS)."),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Directory holding casino/ and negochat/ (default: $SPARRING_DATA)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print per-act precision, recall and F1, exact-set accuracy and offer exact-match.

    Each F1 and the macro-F1 come with a 95% bootstrap interval, the same on every run.

    The output is Markdown (docs/understanding.md quotes it); --json gives one object.
    """
    chosen = dataset or list(DATASETS)
    unknown = [d for d in chosen if d not in DATASETS]
    if unknown:
        raise UserError(f"no dataset {unknown[0]!r} (choose from {', '.join(DATASETS)})")
    if model is not None and model not in names():
        raise UserError(f"no classifier '{model}' (available: {', '.join(names())})")
    results = measure(model, chosen, corpus_dir, data_dir, split)
    for skipped in (r for r in results if isinstance(r, Skipped)):
        err.print(f"[yellow]skipped {skipped.name}:[/] {escape(skipped.reason)}")
    reports = [r for r in results if isinstance(r, Report)]
    name = classifier(model).name
    if as_json:
        payload = {"model": name, "reports": [r.as_dict() for r in reports]}
        sys.stdout.write(json.dumps(payload) + "\n")
        return
    sys.stdout.write("\n".join(markdown(r, name) for r in reports))
