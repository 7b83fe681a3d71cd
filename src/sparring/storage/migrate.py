"""Bring a database to the schema this code expects, or refuse when it is newer."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from sparring.errors import UserError
from sparring.storage.database import Database


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("sparring.storage") / "migrations")
    )
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this code knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(database: Database) -> str | None:
    """The database's revision; None for an empty database."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database) -> None:
    """Apply every migration the database lacks; refuse a database newer than this code."""
    database.check()
    script = ScriptDirectory.from_config(_config())
    known = {revision.revision for revision in script.walk_revisions()}
    found = current(database)
    if found is not None and found not in known:
        raise UserError(
            f"database {database} is at schema revision {found}, newer than this version of "
            "Sparring knows; upgrade Sparring to use it"
        )
    with database.engine.begin() as connection:
        command.upgrade(_config(connection), "head")


def open_database(url: str) -> Database:
    """Open a database and bring it up to date."""
    database = Database(url)
    upgrade(database)
    return database
