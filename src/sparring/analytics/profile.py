"""One learner's scores session by session, with each indicator's trend and its evidence."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from sparring.analytics.selection import Selection
from sparring.scoring.rubric import load_rubric
from sparring.storage.errors import NotFound
from sparring.storage.models import Scorecard, User, utc
from sparring.storage.rollups import SCORES


class ProfileSession(BaseModel):
    session_id: str
    played_at: datetime
    scenario: str
    simulation_type: str
    dimensions: dict[str, int]
    indicators: dict[str, int]
    evidence: str = Field(description="The scorecard page, where each indicator quotes the turns.")


class Trend(BaseModel):
    id: str
    label: str
    kind: str
    sessions: int
    first: int
    latest: int
    change: int
    scores: list[int | None] = Field(description="One per session, oldest first.")


class Profile(BaseModel):
    learner_id: int
    email: str
    selection: dict[str, Any]
    sessions: list[ProfileSession] = Field(description="Oldest first.")
    trends: list[Trend] = Field(description="Per dimension and indicator; weakest latest first.")


def profile(tx: Session, chosen: Selection, learner_id: int) -> Profile:
    """One learner's scores session by session, with each indicator's trend."""
    user = tx.get(User, learner_id)
    if user is None or user.organization_id != chosen.organization_id:
        raise NotFound(f"no learner {learner_id}")
    mine = and_(*chosen.where(Scorecard), Scorecard.learner_id == learner_id)
    cards = list(
        tx.execute(
            select(Scorecard).where(mine).order_by(Scorecard.played_at, Scorecard.id)
        ).scalars()
    )
    scores: dict[int, dict[str, dict[str, int]]] = {
        c.id: {"dimension": {}, "indicator": {}} for c in cards
    }
    for kind, table, name in SCORES:
        query = select(table.scorecard_id, name, table.score).where(
            *chosen.where(table), table.learner_id == learner_id
        )
        for card_id, key, score in tx.execute(query):
            if card_id in scores:
                scores[card_id][kind][key] = score
    sessions = [
        ProfileSession(
            session_id=card.session_id,
            played_at=utc(card.played_at),
            scenario=card.scenario_id,
            simulation_type=card.simulation_type,
            dimensions=scores[card.id]["dimension"],
            indicators=scores[card.id]["indicator"],
            evidence=f"/sessions/{card.session_id}/scorecard",
        )
        for card in cards
    ]
    return Profile(
        learner_id=learner_id,
        email=user.email,
        selection=chosen.describe(),
        sessions=sessions,
        trends=_trends(sessions, chosen),
    )


def _trends(sessions: list[ProfileSession], chosen: Selection) -> list[Trend]:
    rubric = load_rubric(chosen.rubric_version)
    trends = []
    for kind, labels in (("dimension", rubric.dimensions), ("indicator", rubric.indicators)):
        for key, spec in labels.items():
            series = [
                (s.dimensions if kind == "dimension" else s.indicators).get(key) for s in sessions
            ]
            scored = [s for s in series if s is not None]
            if not scored:
                continue
            trends.append(
                Trend(
                    id=key,
                    label=spec.label,
                    kind=kind,
                    sessions=len(scored),
                    first=scored[0],
                    latest=scored[-1],
                    change=scored[-1] - scored[0],
                    scores=series,
                )
            )
    return sorted(trends, key=lambda t: (t.kind != "dimension", t.latest, t.id))


def profile_rows(figure: Profile) -> list[dict[str, Any]]:
    """One row per session and dimension or indicator, as CSV rows."""
    return [
        {
            "email": figure.email,
            "session_id": s.session_id,
            "played_at": s.played_at.isoformat(),
            "scenario": s.scenario,
            "simulation_type": s.simulation_type,
            "kind": kind,
            "id": key,
            "score": score,
            "evidence": s.evidence,
        }
        for s in figure.sessions
        for kind, values in (("dimension", s.dimensions), ("indicator", s.indicators))
        for key, score in values.items()
    ]
