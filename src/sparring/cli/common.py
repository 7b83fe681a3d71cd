"""Shared pieces of the command line: the app, consoles, options and error handling."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from sparring.errors import UserError
from sparring.scenarios.loader import Library, open_library

app = typer.Typer(
    name="sparring",
    help="Practise peer negotiation against a counterpart that pushes back, and get a "
    "scorecard that quotes your own words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

ScenariosOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--scenarios",
        help="A directory of scenario YAML files to load beside the built-ins "
        "(repeatable; default: $SPARRING_SCENARIOS).",
        show_default=False,
    ),
]
DifficultyOption = Annotated[
    str, typer.Option("--difficulty", "-d", help="Difficulty level, e.g. standard or hard.")
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed for the counterpart's wording; same seed, same session.")
]


def user_errors(command: F) -> F:
    """Turn a user's mistake into one clear line on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as error:
            err.print(f"[bold red]error:[/] {escape(str(error))}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def library(scenarios: list[Path] | None) -> Library:
    library = open_library(scenarios or ())
    for problem in library.skipped:
        err.print(f"[yellow]warning:[/] skipped {escape(problem)}")
    return library


def labels() -> dict[str, dict[str, str]]:
    """Readable names of the current rubric's dimensions and indicators."""
    from sparring.scoring.rubric import load_rubric

    return load_rubric().labels()
