"""Readiness: each learner's recent competency scores against the level a role expects."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from sparring.analytics.framework import Framework, Role
from sparring.analytics.selection import Selection
from sparring.storage.models import LearnerRecent, User
from sparring.storage.rollups import ALL

# A learner's competency score is the mean over their latest `rollups.RECENT` sessions.
DIMENSION_FOR_COUNT = "influence_without_authority"
DECIMALS = 1


class Gap(BaseModel):
    competency: str
    name: str
    expected: int
    score: float | None = Field(description="None when no recent session measured it.")
    gap: float = Field(description="How far below the expected level (the level when unmeasured).")


class LearnerReadiness(BaseModel):
    learner_id: int
    email: str
    sessions: int = Field(description="Recent sessions the scores are averaged over (at most 3).")
    scores: dict[str, float | None] = Field(description="Competency id -> recent score.")
    gaps: list[Gap] = Field(description="Competencies below the role's level, largest gap first.")
    ready: bool = Field(description="At least one session and no gap.")


class Readiness(BaseModel):
    selection: dict[str, Any]
    role: str
    role_name: str
    expected: dict[str, int]
    competencies: dict[str, str] = Field(description="Competency id -> name.")
    learners: list[LearnerReadiness] = Field(description="Ready first, then by total gap.")


Components = dict[tuple[str, str], float]


def recent_scores(
    tx: Session, chosen: Selection, framework: Framework
) -> tuple[dict[int, Components], dict[int, int]]:
    """Each learner's mean score per dimension and indicator of the framework over their
    latest sessions, and how many sessions that is (from the summaries of `rollups.py`)."""
    row = LearnerRecent
    parts = {
        "dimension": {k for c in framework.competencies for k in c.dimensions},
        "indicator": {k for c in framework.competencies for k in c.indicators},
    }
    # Every session scores every dimension, so a dimension's count also counts sessions.
    names = parts["dimension"] | parts["indicator"] | {DIMENSION_FOR_COUNT}
    query = select(row.learner_id, row.kind, row.name, row.mean, row.sessions).where(
        row.organization_id == chosen.organization_id,
        row.rubric_version == chosen.rubric_version,
        row.scope == (chosen.simulation_type or ALL),
        row.name.in_(sorted(names)),
    )
    if chosen.cohort_id is not None:
        query = query.where(row.learner_id.in_(chosen.members()))
    means: dict[int, Components] = {}
    counts: dict[int, int] = {}
    for learner, kind, key, mean, n in tx.execute(query):
        if key in parts[kind]:
            means.setdefault(learner, {})[(kind, key)] = mean
        if kind == "dimension" and key == DIMENSION_FOR_COUNT:
            counts[learner] = n
    return means, counts


def competency_scores(framework: Framework, components: Components) -> dict[str, float | None]:
    """Each competency's weighted mean over the components measured (weights renormalized)."""
    scores: dict[str, float | None] = {}
    for competency in framework.competencies:
        weighted = [
            (weight, components[(kind, key)])
            for kind, weights in (
                ("indicator", competency.indicators),
                ("dimension", competency.dimensions),
            )
            for key, weight in weights.items()
            if (kind, key) in components
        ]
        total = sum(w for w, _ in weighted)
        scores[competency.id] = (
            round(sum(w * s for w, s in weighted) / total, DECIMALS) if total else None
        )
    return scores


def gaps(framework: Framework, role: Role, scores: dict[str, float | None]) -> list[Gap]:
    """The competencies where a learner's score falls short of the role's level."""
    found = []
    for competency in framework.competencies:
        expected = role.expected.get(competency.id)
        score = scores.get(competency.id)
        if expected is None or (score is not None and score >= expected):
            continue
        short = expected - (score or 0.0)
        found.append(
            Gap(
                competency=competency.id,
                name=competency.name,
                expected=expected,
                score=score,
                gap=round(short, DECIMALS),
            )
        )
    return sorted(found, key=lambda g: -g.gap)


def people(tx: Session, chosen: Selection, practised: set[int]) -> dict[int, str]:
    """The selection's learners (and anyone else who practised in it): id -> email."""
    query = select(User.id, User.email, User.role).where(
        User.organization_id == chosen.organization_id
    )
    if chosen.cohort_id is not None:
        query = query.where(User.id.in_(chosen.members()))
        return {row[0]: row[1] for row in tx.execute(query)}
    return {
        user: email
        for user, email, role in tx.execute(query)
        if role == "learner" or user in practised
    }


def readiness(
    tx: Session, chosen: Selection, framework: Framework, role_id: str | None
) -> Readiness:
    """Every learner of the selection against a role's expected levels, with the gaps named."""
    role = framework.role(role_id)
    means, counts = recent_scores(tx, chosen, framework)
    learners = []
    for learner_id, email in people(tx, chosen, set(means)).items():
        scores = competency_scores(framework, means.get(learner_id, {}))
        missing = gaps(framework, role, scores)
        sessions = counts.get(learner_id, 0)
        learners.append(
            LearnerReadiness(
                learner_id=learner_id,
                email=email,
                sessions=sessions,
                scores=scores,
                gaps=missing,
                ready=sessions > 0 and not missing,
            )
        )
    learners.sort(key=lambda r: (not r.ready, r.sessions == 0, sum(g.gap for g in r.gaps), r.email))
    return Readiness(
        selection=chosen.describe(),
        role=role.id,
        role_name=role.name,
        expected=role.expected,
        competencies={c.id: c.name for c in framework.competencies},
        learners=learners,
    )


def readiness_rows(figure: Readiness) -> list[dict[str, Any]]:
    """One row per learner, as CSV rows."""
    return [
        {
            "email": item.email,
            "role": figure.role,
            "ready": item.ready,
            "sessions": item.sessions,
            **{f"score_{key}": value for key, value in item.scores.items()},
            "gaps": "; ".join(
                f"{g.name} {g.score if g.score is not None else 'unmeasured'} < {g.expected}"
                for g in item.gaps
            ),
        }
        for item in figure.learners
    ]
