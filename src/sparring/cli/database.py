"""The `--db` option every command that touches the database takes."""

from __future__ import annotations

from typing import Annotated

import typer

from sparring.storage.database import DATABASE_ENV, Database, resolve_url
from sparring.storage.migrate import open_database

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Database URL (default: ${DATABASE_ENV}, else a SQLite file in your data folder).",
        show_default=False,
    ),
]


def database(url: str | None) -> Database:
    """Open the database a command was pointed at and bring it up to date."""
    return open_database(resolve_url(url))
