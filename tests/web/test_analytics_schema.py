"""The analytics migration: the schema matches the models, and old scores gain their copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from sparring.storage import migrate
from sparring.storage.database import Database
from sparring.storage.models import Base, DimensionScore, IndicatorScore, Scorecard
from tests.web.databases import KINDS, fresh

OLD_SCORES = """
INSERT INTO organizations (id, name, created_at) VALUES (1, 'Acme', '2026-01-01 00:00:00');
INSERT INTO users (id, organization_id, email, role, password_hash, created_at)
  VALUES (7, 1, 'ana@acme.test', 'learner', 'x', '2026-01-01 00:00:00');
INSERT INTO sessions (id, organization_id, learner_id, scenario_id, scenario_version, difficulty,
  seed, rubric_version, status, turn_count, created_at)
  VALUES ('s1', 1, 7, 'q4-capacity', 1, 'standard', 0, '1.0', 'closed', 3, '2026-02-03 10:00:00');
INSERT INTO scorecards (id, session_id, rubric_version, organization_id, learner_id, scenario_id,
  scenario_version, simulation_type, difficulty, played_at, learner_turns, outcome_status,
  learner_points, counterpart_points, capitulated, escalated, scored_at)
  VALUES (5, 's1', '1.0', 1, 7, 'q4-capacity', 1, 'cross_functional', 'standard',
  '2026-02-03 10:00:00', 3, 'agreement', 10, 10, false, false, '2026-02-03 10:00:00');
INSERT INTO dimension_scores (scorecard_id, dimension, score, level)
  VALUES (5, 'influence_without_authority', 61, 'proficient');
INSERT INTO indicator_scores (scorecard_id, indicator, score, value) VALUES (5, 'anchoring', 20, 2);
"""


@pytest.mark.parametrize("kind", KINDS)
def test_the_migrations_build_exactly_the_models(kind: str, tmp_path: Path) -> None:
    with fresh(kind, tmp_path) as url:
        database = Database(url)
        migrate.upgrade(database)
        with database.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        database.close()
    assert differences == []


@pytest.mark.parametrize("kind", KINDS)
def test_scores_stored_before_analytics_gain_their_scorecard_copies(
    kind: str, tmp_path: Path
) -> None:
    with fresh(kind, tmp_path) as url:
        database = Database(url)
        with database.engine.begin() as connection:
            command.upgrade(migrate._config(connection), "0001")
        with database.engine.begin() as connection:
            for statement in OLD_SCORES.strip().split(";"):
                if statement.strip():
                    connection.execute(text(statement))
        migrate.upgrade(database)
        with database.transaction() as tx:
            dimension = tx.scalars(select(DimensionScore)).one()
            indicator = tx.scalars(select(IndicatorScore)).one()
            copied = [
                (row.organization_id, row.rubric_version, row.simulation_type, row.learner_id)
                for row in (dimension, indicator)
            ]
            days = {row.played_at.date().isoformat() for row in (dimension, indicator)}
            card = tx.scalars(select(Scorecard)).one()
            copied_values = (card.anchoring_value, card.inquiry_value, card.options_value)
        database.close()
    assert copied == [(1, "1.0", "cross_functional", 7)] * 2
    assert days == {"2026-02-03"}
    assert copied_values == (2.0, None, None)
