"""Web fixtures: a migrated database per kind (SQLite, PostgreSQL), people, and API clients."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from sparring.errors import UserError
from sparring.storage import accounts
from sparring.storage.accounts import Account
from sparring.storage.database import Database
from sparring.storage.migrate import open_database
from sparring.storage.models import Base
from sparring.web.app import create_app
from tests.web.databases import KINDS, fresh

TRANSCRIPTS = Path(__file__).parent.parent / "transcripts"


def script(name: str) -> list[str]:
    """The non-empty lines of a transcript in tests/transcripts."""
    lines = (TRANSCRIPTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


@pytest.fixture(scope="session", params=KINDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    with fresh(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def migrated(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.close()


@pytest.fixture
def db(migrated: Database) -> Iterator[Database]:
    """The migrated database, emptied after each test so tests never see each other's data."""
    yield migrated
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with migrated.engine.begin() as connection:
        if migrated.dialect == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))


@dataclass
class Person:
    account: Account
    token: str
    password: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def people(db: Database) -> Callable[..., Person]:
    """Make a person in an organization (created on first use) with an API token."""

    def make(email: str, role: str = "learner", org: str = "Acme") -> Person:
        password = "correct horse battery"
        with db.transaction() as tx:
            try:
                organization = accounts.organization(tx, org)
            except UserError:
                organization = accounts.create_organization(tx, org)
            account = accounts.create_user(tx, organization, email, role, password)
            token = accounts.issue_token(tx, account)
        return Person(account, token, password)

    return make


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


class Paused:
    """Hold the first learner turn inside the service until released: a request in flight."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from sparring.session import Session

        self.entered = threading.Event()
        self.release = threading.Event()
        original = Session.take_turn
        first = [True]

        def take_turn(session: Session, text: str) -> Any:
            if first[0]:
                first[0] = False
                self.entered.set()
                self.release.wait(10)
            return original(session, text)

        monkeypatch.setattr(Session, "take_turn", take_turn)


@pytest.fixture
def paused(monkeypatch: pytest.MonkeyPatch) -> Paused:
    return Paused(monkeypatch)
