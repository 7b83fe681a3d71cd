"""Progress from first to latest attempt, per learner and per cohort, and one learner's trend."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Subquery, case, func, or_, select
from sqlalchemy.orm import Session

from sparring.analytics.selection import Selection
from sparring.errors import UserError
from sparring.scoring.rubric import load_rubric
from sparring.storage.models import Cohort, DimensionScore, Membership, User

DEFAULT_DIMENSION = "influence_without_authority"
# The attempts chart follows learners up to this many attempts.
MAX_ATTEMPT = 10
DECIMALS = 1


class LearnerProgress(BaseModel):
    learner_id: int
    email: str
    attempts: int
    first: int = Field(description="The dimension's score at the first attempt.")
    latest: int = Field(description="The dimension's score at the latest attempt.")
    change: int = Field(description="latest - first.")


class CohortProgress(BaseModel):
    cohort_id: int
    cohort: str
    learners: int = Field(description="Learners with at least one attempt.")
    compared: int = Field(description="Learners with two or more attempts, whom the means cover.")
    first: float | None
    latest: float | None
    change: float | None


class AttemptMean(BaseModel):
    attempt: int
    learners: int
    mean: float


class Progress(BaseModel):
    selection: dict[str, Any]
    dimension: str
    learners: list[LearnerProgress] = Field(description="Largest gain first.")
    cohorts: list[CohortProgress]
    attempts: list[AttemptMean] = Field(description="Mean score at the k-th attempt.")


def check_dimension(chosen: Selection, dimension: str) -> str:
    """Return a dimension id the selection's rubric knows, or raise a UserError."""
    known = load_rubric(chosen.rubric_version).dimensions
    if dimension not in known:
        raise UserError(f"unknown dimension '{dimension}' (dimensions: {', '.join(known)})")
    return dimension


def _ranked(chosen: Selection, dimension: str) -> Subquery:
    """Each learner's attempts, numbered from the first and from the latest."""
    order = (DimensionScore.played_at, DimensionScore.scorecard_id)
    return (
        select(
            DimensionScore.learner_id,
            DimensionScore.score,
            func.row_number()
            .over(partition_by=DimensionScore.learner_id, order_by=order)
            .label("n"),
            func.row_number()
            .over(partition_by=DimensionScore.learner_id, order_by=[o.desc() for o in order])
            .label("back"),
            func.count().over(partition_by=DimensionScore.learner_id).label("attempts"),
        )
        .where(*chosen.where(DimensionScore), DimensionScore.dimension == dimension)
        .subquery()
    )


def _first_latest(ranked: Subquery) -> Subquery:
    return (
        select(
            ranked.c.learner_id,
            func.max(ranked.c.attempts).label("attempts"),
            func.max(case((ranked.c.n == 1, ranked.c.score))).label("first"),
            func.max(case((ranked.c.back == 1, ranked.c.score))).label("latest"),
        )
        .where(or_(ranked.c.n == 1, ranked.c.back == 1))
        .group_by(ranked.c.learner_id)
        .subquery()
    )


def progress(tx: Session, chosen: Selection, dimension: str = DEFAULT_DIMENSION) -> Progress:
    """First and latest attempt per learner and per cohort, and the mean by attempt number."""
    check_dimension(chosen, dimension)
    ranked = _ranked(chosen, dimension)
    ends = _first_latest(ranked)
    learners = [
        LearnerProgress(
            learner_id=row.learner_id,
            email=row.email,
            attempts=row.attempts,
            first=row.first,
            latest=row.latest,
            change=row.latest - row.first,
        )
        for row in tx.execute(
            select(ends, User.email)
            .join(User, User.id == ends.c.learner_id)
            .order_by((ends.c.latest - ends.c.first).desc(), User.email)
        )
    ]
    compared = ends.c.attempts >= 2

    def mean_of(column: Any) -> Any:
        return func.avg(case((compared, column)))

    cohort_rows = tx.execute(
        select(
            Cohort.id,
            Cohort.name,
            func.count(),
            func.sum(case((compared, 1), else_=0)),
            mean_of(ends.c.first),
            mean_of(ends.c.latest),
            mean_of(ends.c.latest - ends.c.first),
        )
        .join(Membership, Membership.user_id == ends.c.learner_id)
        .join(Cohort, Cohort.id == Membership.cohort_id)
        .where(
            Cohort.organization_id == chosen.organization_id,
            *([Cohort.id == chosen.cohort_id] if chosen.cohort_id is not None else []),
        )
        .group_by(Cohort.id, Cohort.name)
        .order_by(Cohort.name)
    )
    cohorts = [
        CohortProgress(
            cohort_id=row[0],
            cohort=row[1],
            learners=row[2],
            compared=int(row[3] or 0),
            first=_round(row[4]),
            latest=_round(row[5]),
            change=_round(row[6]),
        )
        for row in cohort_rows
    ]
    attempts = [
        AttemptMean(attempt=row[0], learners=row[1], mean=round(float(row[2]), DECIMALS))
        for row in tx.execute(
            select(ranked.c.n, func.count(), func.avg(ranked.c.score))
            .where(ranked.c.n <= MAX_ATTEMPT)
            .group_by(ranked.c.n)
            .order_by(ranked.c.n)
        )
    ]
    return Progress(
        selection=chosen.describe(),
        dimension=dimension,
        learners=learners,
        cohorts=cohorts,
        attempts=attempts,
    )


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), DECIMALS)


def progress_rows(figure: Progress) -> list[dict[str, Any]]:
    """Per learner, as CSV rows."""
    return [{"dimension": figure.dimension, **item.model_dump()} for item in figure.learners]


def cohort_rows(figure: Progress) -> list[dict[str, Any]]:
    """Per cohort, as CSV rows."""
    return [{"dimension": figure.dimension, **item.model_dump()} for item in figure.cohorts]


def attempt_rows(figure: Progress) -> list[dict[str, Any]]:
    """Mean score by attempt number, as CSV rows."""
    return [{"dimension": figure.dimension, **item.model_dump()} for item in figure.attempts]
