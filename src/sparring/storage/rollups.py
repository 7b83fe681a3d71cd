"""Per-learner summaries of the score tables, so an organization's figures add up thousands of
rows instead of reading millions of scores.

Two summaries, both derived and recomputable:

- `learner_totals`: per learner, type and dimension or indicator, the sessions, the sum of the
  scores and how many fell in each band (the distributions of the analytics pages add these);
- `learner_recent`: per learner and dimension or indicator, the mean over the learner's latest
  `RECENT` sessions, of all types (scope `all`) and of each type (readiness and 360 read these).

`refresh` recomputes one learner's rows from their scores and runs whenever scores are written;
`rebuild` recomputes every row (after a bulk load, or from the migration that added them).
Both are one statement per table and kind, computed in the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import Session

from sparring.storage.models import (
    DimensionScore,
    IndicatorScore,
    LearnerRecent,
    LearnerTotal,
    Scorecard,
)

# A learner's recent figures are the mean over their latest this-many sessions.
RECENT = 3
# The scope of figures over every simulation type.
ALL = "all"
# Lower bounds of the score bands; the last band runs to 100 inclusive.
BANDS = (0, 20, 40, 60, 80)
SCORES: tuple[tuple[str, Any, Any], ...] = (
    ("dimension", DimensionScore, DimensionScore.dimension),
    ("indicator", IndicatorScore, IndicatorScore.indicator),
)
Where = Callable[[Any], list[ColumnElement[bool]]]


def _band(table: Any, index: int) -> Any:
    low = table.score >= BANDS[index]
    inside = low if index + 1 == len(BANDS) else and_(low, table.score < BANDS[index + 1])
    return func.sum(case((inside, 1), else_=0))


def _totals(kind: str, table: Any, name: Any, where: Where) -> Select[Any]:
    keys = (table.rubric_version, table.learner_id, table.simulation_type, name)
    return (
        select(
            *keys,
            literal(kind, String(16)),
            table.organization_id,
            func.count(),
            func.sum(table.score),
            *(_band(table, index) for index in range(len(BANDS))),
        )
        .where(*where(table))
        .group_by(*keys, table.organization_id)
    )


def _recent(kind: str, table: Any, name: Any, where: Where, by_type: bool) -> Select[Any]:
    partition = [Scorecard.learner_id, Scorecard.rubric_version]
    if by_type:
        partition.append(Scorecard.simulation_type)
    ranked = (
        select(
            Scorecard.id,
            func.row_number()
            .over(
                partition_by=partition, order_by=(Scorecard.played_at.desc(), Scorecard.id.desc())
            )
            .label("back"),
        )
        .where(*where(Scorecard))
        .subquery()
    )
    scope = table.simulation_type if by_type else literal(ALL, String(40))
    grouped = [table.rubric_version, table.learner_id, name, table.organization_id]
    if by_type:
        grouped.append(table.simulation_type)
    return (
        select(
            table.rubric_version,
            table.learner_id,
            scope,
            name,
            literal(kind, String(16)),
            table.organization_id,
            func.count(),
            cast(func.avg(table.score), Float),
        )
        .join(ranked, ranked.c.id == table.scorecard_id)
        .where(ranked.c.back <= RECENT)
        .group_by(*grouped)
    )


def _fill(tx: Session, where: Where) -> None:
    total_columns = [
        "rubric_version",
        "learner_id",
        "simulation_type",
        "name",
        "kind",
        "organization_id",
        "sessions",
        "total",
        *(f"band_{index}" for index in range(len(BANDS))),
    ]
    recent_columns = [
        "rubric_version",
        "learner_id",
        "scope",
        "name",
        "kind",
        "organization_id",
        "sessions",
        "mean",
    ]
    for kind, table, name in SCORES:
        tx.execute(
            insert(LearnerTotal).from_select(total_columns, _totals(kind, table, name, where))
        )
        for by_type in (False, True):
            tx.execute(
                insert(LearnerRecent).from_select(
                    recent_columns, _recent(kind, table, name, where, by_type)
                )
            )


def refresh(tx: Session, learner_id: int, rubric_version: str) -> None:
    """Recompute one learner's summaries under one rubric version from their stored scores."""
    for summary in (LearnerTotal, LearnerRecent):
        tx.execute(
            delete(summary).where(
                summary.learner_id == learner_id, summary.rubric_version == rubric_version
            )
        )

    def where(table: Any) -> list[ColumnElement[bool]]:
        return [table.learner_id == learner_id, table.rubric_version == rubric_version]

    _fill(tx, where)


def rebuild(tx: Session) -> None:
    """Recompute every learner's summaries from the stored scores."""
    for summary in (LearnerTotal, LearnerRecent):
        tx.execute(delete(summary))
    _fill(tx, lambda table: [])
