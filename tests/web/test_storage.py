"""Migrations from an empty database, refusing a newer one, and the derived score tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, inspect, select, text
from typer.testing import CliRunner

from sparring.cli import app as cli
from sparring.errors import UserError
from sparring.storage import accounts, migrate
from sparring.storage.database import Database
from sparring.storage.models import DimensionScore, IndicatorScore, Scorecard, Setting
from tests.web.conftest import Person, script
from tests.web.databases import KINDS, fresh
from tests.web.test_api import play, start


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_database_is_migrated_to_the_current_schema(kind: str, tmp_path: Path) -> None:
    with fresh(kind, tmp_path) as url:
        database = Database(url)
        assert migrate.current(database) is None
        migrate.upgrade(database)
        assert migrate.current(database) == migrate.head()
        tables = set(inspect(database.engine).get_table_names())
        assert {
            "organizations",
            "users",
            "sessions",
            "turns",
            "scorecards",
            "indicator_scores",
        } <= tables
        migrate.upgrade(database)
        assert migrate.current(database) == migrate.head()
        database.close()


@pytest.mark.parametrize("kind", KINDS)
def test_a_database_newer_than_the_code_is_refused_with_a_clear_message(
    kind: str, tmp_path: Path
) -> None:
    with fresh(kind, tmp_path) as url:
        database = Database(url)
        migrate.upgrade(database)
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        with pytest.raises(UserError, match="newer than this version of Sparring"):
            migrate.upgrade(database)
        result = CliRunner().invoke(cli, ["admin", "migrate", "--db", url])
        assert result.exit_code == 1
        assert "9999_future" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2
        database.close()


def test_an_unreachable_database_is_one_clear_line() -> None:
    result = CliRunner().invoke(
        cli, ["admin", "migrate", "--db", "postgresql://nobody@127.0.0.1:1/none"]
    )
    assert result.exit_code == 1
    assert "cannot connect to database" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def _scores(
    db: Database, session_id: str
) -> tuple[tuple[object, ...], dict[str, int], dict[str, int]]:
    with db.transaction() as tx:
        card = tx.scalar(select(Scorecard).where(Scorecard.session_id == session_id))
        assert card is not None
        dimensions = {
            d.dimension: d.score
            for d in tx.scalars(
                select(DimensionScore).where(DimensionScore.scorecard_id == card.id)
            )
        }
        indicators = {
            i.indicator: i.score
            for i in tx.scalars(
                select(IndicatorScore).where(IndicatorScore.scorecard_id == card.id)
            )
        }
        row = (card.outcome_status, card.joint_efficiency, card.capitulated, card.rubric_version)
    return row, dimensions, indicators


def test_a_closed_session_writes_scores_that_rescore_recomputes(
    client: TestClient, people: Callable[..., Person], db: Database
) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    play(client, ana, session_id, script("integrative"))
    stored = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    row, dimensions, indicators = _scores(db, session_id)
    assert row == ("agreement", 1.0, False, stored["rubric_version"])
    assert dimensions == {k: v["score"] for k, v in stored["scorecard"]["dimensions"].items()}
    assert indicators == {k: v["score"] for k, v in stored["scorecard"]["indicators"].items()}
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM scorecards"))
    url = db.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["admin", "rescore", "--db", url])
    assert result.exit_code == 0, result.stderr
    assert "re-scored 1 sessions" in result.stdout
    assert _scores(db, session_id) == (row, dimensions, indicators)


def test_two_servers_starting_on_one_empty_database_share_the_cookie_key(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.transaction() as tx:
        tx.execute(delete(Setting))
    with db.transaction() as first:
        made = accounts.secret_key(first)
    # The second server had read "no key yet" before the first one committed its own.
    with db.transaction() as second:
        monkeypatch.setattr(second, "get", lambda *args, **kwargs: None)
        assert accounts.secret_key(second) == made
    with db.transaction() as tx:
        assert accounts.secret_key(tx) == made
        assert tx.scalar(select(func.count()).select_from(Setting)) == 1
