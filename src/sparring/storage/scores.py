"""Derived score tables: written when a session closes, recomputable from the stored turns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sparring.storage import rollups
from sparring.storage.models import DimensionScore, IndicatorScore, Scorecard, StoredSession

Row = dict[str, Any]
# The indicator values the failure patterns read, copied onto the scorecard.
PATTERN_INDICATORS = ("anchoring", "inquiry", "options")


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def rows(
    record: StoredSession, result: dict[str, Any], simulation_type: str, played_at: datetime
) -> tuple[Row, list[Row], list[Row]]:
    """A session's scorecard row, and its dimension and indicator rows (without the card's id)."""
    version = result["rubric_version"]
    outcome, card = result["outcome"], result["scorecard"]
    scorecard = {
        "session_id": record.id,
        "rubric_version": version,
        "organization_id": record.organization_id,
        "learner_id": record.learner_id,
        "scenario_id": record.scenario_id,
        "scenario_version": record.scenario_version,
        "simulation_type": simulation_type,
        "difficulty": record.difficulty,
        "played_at": played_at,
        "learner_turns": sum(1 for t in result["turns"] if t["speaker"] == "learner"),
        "outcome_status": outcome["status"],
        "learner_points": outcome["learner_points"],
        "counterpart_points": outcome["counterpart_points"],
        "joint_efficiency": outcome["joint_efficiency"],
        "feasible_for_learner": outcome["feasible_for_learner"],
        "capitulated": bool(outcome["capitulated"]),
        "escalated": bool(outcome["escalated"]),
        **{
            f"{name}_value": _number(card["indicators"].get(name, {}).get("value"))
            for name in PATTERN_INDICATORS
        },
    }
    copied = {
        "organization_id": record.organization_id,
        "rubric_version": version,
        "simulation_type": simulation_type,
        "learner_id": record.learner_id,
        "played_at": played_at,
    }
    dimensions = [
        {**copied, "dimension": name, "score": d["score"], "level": d["level"]}
        for name, d in card["dimensions"].items()
    ]
    indicators = [
        {
            **copied,
            "indicator": name,
            "score": i["score"],
            "value": _number(i["value"]),
        }
        for name, i in card["indicators"].items()
    ]
    return scorecard, dimensions, indicators


def write(
    tx: Session,
    record: StoredSession,
    result: dict[str, Any],
    simulation_type: str,
    played_at: datetime,
) -> None:
    """Store (or replace) a session's scores under the rubric version its result was scored with,
    and bring the learner's summaries up to date with them."""
    tx.execute(
        delete(Scorecard).where(
            Scorecard.session_id == record.id,
            Scorecard.rubric_version == result["rubric_version"],
        )
    )
    card, dimensions, indicators = rows(record, result, simulation_type, played_at)
    scorecard = Scorecard(**card)
    tx.add(scorecard)
    tx.flush()
    tx.add_all(DimensionScore(scorecard_id=scorecard.id, **row) for row in dimensions)
    tx.add_all(IndicatorScore(scorecard_id=scorecard.id, **row) for row in indicators)
    tx.flush()
    rollups.refresh(tx, record.learner_id, result["rubric_version"])
