"""Understanding commands: read learner utterances as acts and offers."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from sparring.cli.common import ScenariosOption, app, library, user_errors
from sparring.scenarios.model import Scenario
from sparring.understanding.registry import default_reader
from sparring.understanding.types import Context


@app.command()
@user_errors
def classify(
    text: Annotated[
        str | None, typer.Argument(help="An utterance; without it, each line of standard input.")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="Read offers with this scenario's issues and options."),
    ] = None,
    packs: ScenariosOption = None,
) -> None:
    """Print the acts (and, with --scenario, the offers) of learner utterances as JSON lines."""
    chosen: Scenario | None = library(packs).get(scenario) if scenario else None
    reader = default_reader()
    lines = [text] if text is not None else sys.stdin.read().splitlines()
    for line in lines:
        if not line.strip():
            continue
        parsed = reader.parse(line, Context(chosen))
        item: dict[str, Any] = {"text": line, "acts": list(parsed.acts)}
        if chosen is not None:
            item["offers"] = [dict(o) for o in parsed.offers]
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
