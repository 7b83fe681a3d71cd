"""`sparring admin seed-demo`: sessions that scripted learners really played, stored like
web sessions, the same for the same seed."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from sparring.cli import app as cli
from sparring.storage import accounts
from sparring.storage.database import Database
from sparring.storage.models import DimensionScore, Scorecard, StoredSession, Turn
from tests.web.conftest import Person


def _seed(db: Database, org: str, seed: int = 5) -> str:
    url = db.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        cli,
        [
            "admin",
            "seed-demo",
            "--learners",
            "4",
            "--sessions",
            "14",
            "--org",
            org,
            "--seed",
            str(seed),
            "--db",
            url,
        ],
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _scores(db: Database, org: str) -> list[tuple[str, str, int, int]]:
    with db.transaction() as tx:
        organization = accounts.organization(tx, org)
        rows = tx.execute(
            select(
                Scorecard.scenario_id,
                Scorecard.difficulty,
                Scorecard.learner_turns,
                DimensionScore.score,
            )
            .join(DimensionScore, DimensionScore.scorecard_id == Scorecard.id)
            .where(
                Scorecard.organization_id == organization.id,
                DimensionScore.dimension == "influence_without_authority",
            )
            .order_by(Scorecard.played_at, Scorecard.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_seed_demo_stores_real_simulated_sessions_deterministically(
    db: Database, people: Callable[..., Person], client: TestClient
) -> None:
    said = _seed(db, "Northwind")
    assert "seeded Northwind: 4 learners in 3 cohorts, 14 sessions" in said
    assert "sign in as coach@northwind.sparring.test" in said
    _seed(db, "Southwind")
    first, second = _scores(db, "Northwind"), _scores(db, "Southwind")
    assert len(first) == 14 and first == second
    assert len({score for *_, score in first}) > 3
    coach = people("reader@northwind.sparring.test", "coach", org="Northwind")
    with db.transaction() as tx:
        record = tx.scalars(
            select(StoredSession).where(
                StoredSession.organization_id == coach.account.organization_id
            )
        ).first()
        assert record is not None
        turns = tx.scalar(select(Turn.id).where(Turn.session_id == record.id))
        stored = {
            d.dimension: d.score
            for d in tx.scalars(
                select(DimensionScore)
                .join(Scorecard, Scorecard.id == DimensionScore.scorecard_id)
                .where(Scorecard.session_id == record.id)
            )
        }
    assert turns is not None
    replayed = client.get(f"/api/v1/sessions/{record.id}", headers=coach.headers).json()
    assert {k: v["score"] for k, v in replayed["scorecard"]["dimensions"].items()} == stored
    again = CliRunner().invoke(
        cli,
        [
            "admin",
            "seed-demo",
            "--org",
            "Northwind",
            "--db",
            db.url.render_as_string(hide_password=False),
        ],
    )
    assert again.exit_code == 1 and "already has demo learners" in again.stderr
