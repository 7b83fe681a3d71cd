"""The per-learner summaries the organization's figures add up stay equal to the scores they
summarize as sessions close and are scored again."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sparring.analytics.seeding import seed_demo
from sparring.scenarios.loader import open_library
from sparring.storage import rollups
from sparring.storage.database import Database
from sparring.storage.models import DimensionScore, LearnerRecent, LearnerTotal
from sparring.storage.service import Practice

Summaries = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _summaries(db: Database) -> Summaries:
    with db.transaction() as tx:
        totals = tx.execute(select(*LearnerTotal.__table__.columns))
        recent = tx.execute(select(*LearnerRecent.__table__.columns))
        return sorted(map(tuple, totals)), sorted(map(tuple, recent))


def _dimension_scores(tx: Session) -> list[DimensionScore]:
    query = select(DimensionScore).order_by(DimensionScore.played_at, DimensionScore.scorecard_id)
    return list(tx.scalars(query))


def test_summaries_written_with_each_session_match_its_scores(db: Database) -> None:
    library = open_library(())
    seed_demo(db, library, organization="Rollup", learner_count=3, session_count=14, seed=3)
    with db.transaction() as tx:
        scores = _dimension_scores(tx)
        totals = {
            (r.learner_id, r.simulation_type, r.name): (r.sessions, r.total)
            for r in tx.scalars(select(LearnerTotal).where(LearnerTotal.kind == "dimension"))
        }
        recent = {
            (r.learner_id, r.scope, r.name): (r.sessions, r.mean)
            for r in tx.scalars(select(LearnerRecent).where(LearnerRecent.kind == "dimension"))
        }
    expected_totals: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0])
    history: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for row in scores:
        expected_totals[(row.learner_id, row.simulation_type, row.dimension)][0] += 1
        expected_totals[(row.learner_id, row.simulation_type, row.dimension)][1] += row.score
        for scope in (rollups.ALL, row.simulation_type):
            history[(row.learner_id, scope, row.dimension)].append(row.score)
    assert totals == {key: tuple(value) for key, value in expected_totals.items()}
    assert recent.keys() == history.keys()
    for key, (sessions, mean) in recent.items():
        latest = history[key][-rollups.RECENT :]
        assert sessions == len(latest)
        assert abs(mean - sum(latest) / len(latest)) < 1e-9


def test_scoring_again_replaces_summaries_and_equals_a_rebuild(db: Database) -> None:
    library = open_library(())
    seed_demo(db, library, organization="Rollup", learner_count=3, session_count=10, seed=8)
    kept = _summaries(db)
    assert kept[0] and kept[1]
    assert Practice(db, library).rescore() == 10
    assert _summaries(db) == kept
    with db.transaction() as tx:
        rollups.rebuild(tx)
    assert _summaries(db) == kept
