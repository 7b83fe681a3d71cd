"""Progress from first to latest attempt, per learner and per cohort, and one learner's trend."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import (
    CTE,
    CompoundSelect,
    Float,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from sparring.analytics.selection import Selection
from sparring.errors import UserError
from sparring.scoring.rubric import load_rubric
from sparring.storage.models import Cohort, DimensionScore, Membership

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


def _numbered(chosen: Selection, dimension: str) -> CTE:
    """Each learner's attempts numbered from the first, with how many there are (one pass in the
    order of `ix_dimension_scores_attempts`, so no sort)."""
    learner = DimensionScore.learner_id
    order = (DimensionScore.played_at, DimensionScore.scorecard_id)
    return (
        select(
            learner,
            DimensionScore.score,
            func.row_number().over(partition_by=learner, order_by=order).label("n"),
            func.count().over(partition_by=learner).label("attempts"),
        )
        .where(*chosen.where(DimensionScore), DimensionScore.dimension == dimension)
        .cte("numbered")
    )


def _figures(numbered: CTE) -> CompoundSelect[Any]:
    """Both figures from one numbering: per learner (`learner`, id, attempts, first, latest)
    and per attempt number (`attempt`, number, learners, mean score, None)."""
    last = numbered.c.n == numbered.c.attempts
    score = cast(numbered.c.score, Float)
    ends = (
        select(
            literal("learner"),
            numbered.c.learner_id,
            func.max(numbered.c.attempts),
            func.max(case((numbered.c.n == 1, score))),
            func.max(case((last, score))),
        )
        .where(or_(numbered.c.n == 1, last))
        .group_by(numbered.c.learner_id)
    )
    by_attempt = (
        select(
            literal("attempt"),
            numbered.c.n,
            func.count(),
            cast(func.avg(numbered.c.score), Float),
            cast(null(), Float),
        )
        .where(numbered.c.n <= MAX_ATTEMPT)
        .group_by(numbered.c.n)
    )
    return union_all(ends, by_attempt)


def progress(tx: Session, chosen: Selection, dimension: str = DEFAULT_DIMENSION) -> Progress:
    """First and latest attempt per learner and per cohort, and the mean by attempt number."""
    check_dimension(chosen, dimension)
    emails = chosen.emails(tx)
    learners, attempts = [], []
    for part, key, count, first, latest in tx.execute(_figures(_numbered(chosen, dimension))):
        if part == "attempt":
            attempts.append(
                AttemptMean(attempt=key, learners=count, mean=round(float(first), DECIMALS))
            )
            continue
        learners.append(
            LearnerProgress(
                learner_id=key,
                email=emails[key],
                attempts=count,
                first=int(first),
                latest=int(latest),
                change=int(latest) - int(first),
            )
        )
    learners.sort(key=lambda item: (-item.change, item.email))
    attempts.sort(key=lambda item: item.attempt)
    cohorts = _cohorts(tx, chosen, learners)
    return Progress(
        selection=chosen.describe(),
        dimension=dimension,
        learners=learners,
        cohorts=cohorts,
        attempts=attempts,
    )


def _cohorts(
    tx: Session, chosen: Selection, learners: list[LearnerProgress]
) -> list[CohortProgress]:
    """Each cohort's means over its members' first and latest attempts.

    The per-learner first and latest scores come from the database; averaging them per
    cohort here spares the database a second pass over every attempt.
    """
    query = (
        select(Cohort.id, Cohort.name, Membership.user_id)
        .join(Membership, Membership.cohort_id == Cohort.id)
        .where(Cohort.organization_id == chosen.organization_id)
        .order_by(Cohort.name, Cohort.id)
    )
    if chosen.cohort_id is not None:
        query = query.where(Cohort.id == chosen.cohort_id)
    by_learner = {item.learner_id: item for item in learners}
    members: dict[tuple[int, str], list[LearnerProgress]] = {}
    for cohort_id, name, user_id in tx.execute(query):
        found = by_learner.get(user_id)
        members.setdefault((cohort_id, name), [])
        if found is not None:
            members[(cohort_id, name)].append(found)
    result = []
    for (cohort_id, name), mine in members.items():
        if not mine:
            continue
        compared = [m for m in mine if m.attempts >= 2]
        result.append(
            CohortProgress(
                cohort_id=cohort_id,
                cohort=name,
                learners=len(mine),
                compared=len(compared),
                first=_mean([m.first for m in compared]),
                latest=_mean([m.latest for m in compared]),
                change=_mean([m.change for m in compared]),
            )
        )
    return result


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), DECIMALS) if values else None


def progress_rows(figure: Progress) -> list[dict[str, Any]]:
    """Per learner, as CSV rows."""
    return [{"dimension": figure.dimension, **item.model_dump()} for item in figure.learners]


def cohort_rows(figure: Progress) -> list[dict[str, Any]]:
    """Per cohort, as CSV rows."""
    return [{"dimension": figure.dimension, **item.model_dump()} for item in figure.cohorts]


def attempt_rows(figure: Progress) -> list[dict[str, Any]]:
    """Mean score by attempt number, as CSV rows."""
    return [{"dimension": figure.dimension, **item.model_dump()} for item in figure.attempts]
