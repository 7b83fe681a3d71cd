"""Test databases: a SQLite file, or a uniquely named PostgreSQL database made and dropped here."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

KINDS = ["sqlite", "postgresql"]
# The server to make test databases on; tests never touch the databases already there.
POSTGRES_URLS = [
    os.environ.get("SPARRING_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    "postgresql+psycopg://root@127.0.0.1:5432/test",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _postgres_server() -> tuple[str | None, str]:
    reason = ""
    for url in POSTGRES_URLS:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect():
                return url, ""
        except OperationalError as error:
            reason = str(error.orig).strip().splitlines()[0]
        finally:
            engine.dispose()
    return None, reason


def require_postgres() -> str:
    """The PostgreSQL server URL; skip (fail in CI) when no server answers."""
    url, reason = _postgres_server()
    if url is None:
        message = f"PostgreSQL is not reachable at 127.0.0.1:5432 ({reason})"
        if IN_CI:
            pytest.fail(f"{message}; CI must run the PostgreSQL tests")
        pytest.skip(message)
    return url


@contextmanager
def fresh(kind: str, folder: Path) -> Iterator[str]:
    """Make an empty database of a kind and yield its URL; drop it afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'sparring-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    server = require_postgres()
    name = f"sparring_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
