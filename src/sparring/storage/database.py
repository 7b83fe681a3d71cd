"""Open the database a command or the server uses: SQLite by default, any SQLAlchemy URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sparring.errors import UserError

DATABASE_ENV = "SPARRING_DATABASE_URL"
# A busy SQLite database makes writers wait this long before giving up.
SQLITE_BUSY_SECONDS = 30


def default_path() -> Path:
    """Where `sparring serve` keeps its SQLite file when no database is configured."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sparring" / "sparring.sqlite3"


def resolve_url(explicit: str | None = None) -> str:
    """The database URL: the explicit one, else SPARRING_DATABASE_URL, else the default file."""
    return explicit or os.environ.get(DATABASE_ENV) or f"sqlite:///{default_path()}"


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(
            f"'{url}' is not a database URL (e.g. sqlite:///sparring.sqlite3)"
        ) from None
    # Plain postgresql:// means the driver this package installs, not psycopg2.
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def shown(url: str | URL) -> str:
    """A database URL fit to print: the password hidden."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# The web server answers from anyio's pool of 40 threads, each holding at most one connection at a
# time: keep that many open, so a busy server never connects and disconnects per request.
POOL_SIZE = 40
POOL_OVERFLOW = 20


def _engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            if url.database and url.database != ":memory:":
                Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                url,
                connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False},
                pool_size=POOL_SIZE,
                max_overflow=POOL_OVERFLOW,
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(
            url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, pool_pre_ping=True
        )
    except (NoSuchModuleError, ImportError) as error:
        raise UserError(f"cannot use database {shown(url)}: {error}") from None


class Database:
    """One database: an engine and the transactions opened on it."""

    def __init__(self, url: str) -> None:
        self.url = _parse(url)
        self.engine = _engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """`sqlite`, `postgresql`, ..."""
        return self.engine.dialect.name

    def __str__(self) -> str:
        return shown(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Open a transaction that commits when the block ends and rolls back on an error."""
        with self._sessions.begin() as session:
            yield session

    def session(self) -> Session:
        """A session whose caller decides when to commit; closing it rolls back the rest."""
        return self._sessions()

    def check(self) -> None:
        """Connect once, or raise a UserError saying why the database cannot be reached."""
        try:
            with self.engine.connect():
                pass
        except OperationalError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise UserError(f"cannot connect to database {self}: {reason}") from None

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
