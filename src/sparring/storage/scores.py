"""Derived score tables: written when a session closes, recomputable from the stored turns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sparring.storage.models import DimensionScore, IndicatorScore, Scorecard, StoredSession


def write(
    tx: Session,
    record: StoredSession,
    result: dict[str, Any],
    simulation_type: str,
    played_at: datetime,
) -> None:
    """Store (or replace) a session's scores under the rubric version its result was scored with."""
    version = result["rubric_version"]
    tx.execute(
        delete(Scorecard).where(
            Scorecard.session_id == record.id, Scorecard.rubric_version == version
        )
    )
    outcome, card = result["outcome"], result["scorecard"]
    scorecard = Scorecard(
        session_id=record.id,
        rubric_version=version,
        organization_id=record.organization_id,
        learner_id=record.learner_id,
        scenario_id=record.scenario_id,
        scenario_version=record.scenario_version,
        simulation_type=simulation_type,
        difficulty=record.difficulty,
        played_at=played_at,
        learner_turns=sum(1 for t in result["turns"] if t["speaker"] == "learner"),
        outcome_status=outcome["status"],
        learner_points=outcome["learner_points"],
        counterpart_points=outcome["counterpart_points"],
        joint_efficiency=outcome["joint_efficiency"],
        feasible_for_learner=outcome["feasible_for_learner"],
        capitulated=bool(outcome["capitulated"]),
        escalated=bool(outcome["escalated"]),
    )
    tx.add(scorecard)
    tx.flush()
    copied = {
        "scorecard_id": scorecard.id,
        "organization_id": record.organization_id,
        "rubric_version": version,
        "simulation_type": simulation_type,
        "learner_id": record.learner_id,
        "played_at": played_at,
    }
    for name, dimension in card["dimensions"].items():
        tx.add(
            DimensionScore(
                **copied, dimension=name, score=dimension["score"], level=dimension["level"]
            )
        )
    for name, indicator in card["indicators"].items():
        value = indicator["value"]
        tx.add(
            IndicatorScore(
                **copied,
                indicator=name,
                score=indicator["score"],
                value=float(value) if value is not None else None,
            )
        )
    tx.flush()
