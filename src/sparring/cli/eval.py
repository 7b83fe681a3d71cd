"""Evaluation commands: how well understanding reads learners, with figures to trust."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from sparring.cli.common import app, err, out, user_errors
from sparring.errors import UserError
from sparring.understanding.evaluation import Report
from sparring.understanding.measure import DATASETS, Skipped, measure
from sparring.understanding.registry import classifier, names

eval_app = typer.Typer(
    help="Measure parts of Sparring against labelled data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


def _print(result: Report) -> None:
    out.print(f"[bold]{result.name}[/]: {result.items} utterances")
    table = Table(show_header=True, header_style="bold")
    for column in ("act", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "act" else "right")
    for act, score in result.acts.items():
        label = f"{act} ({result.sources[act]})" if act in result.sources else act
        table.add_row(
            label, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
            str(score.support),
        )  # fmt: skip
    out.print(table)
    out.print(f"macro-F1 {result.macro_f1:.3f} · exact-set accuracy {result.exact_set:.3f}")
    if result.offers:
        offers = result.offers
        out.print(
            f"offer exact-match {offers['exact_match']:.3f} over {offers['items']} scenario "
            f"utterances; {offers['exact_match_with_terms']:.3f} over the "
            f"{offers['items_with_terms']} that name terms"
        )
    if result.confusions:
        pairs = ", ".join(f"{g} → {p} ({n})" for g, p, n in result.confusions[:5])
        out.print(f"most confused (gold → read as): {escape(pairs)}")
    out.print()


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
    """Print per-act precision, recall and F1, exact-set accuracy and offer exact-match."""
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
    if as_json:
        payload = {"model": classifier(model).name, "reports": [r.as_dict() for r in reports]}
        sys.stdout.write(json.dumps(payload) + "\n")
        return
    out.print(f"classifier: [bold]{classifier(model).name}[/]\n")
    for result in reports:
        _print(result)
