"""How strong each competency is across a selection: averages, distributions, failure patterns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from sparring.analytics.selection import Selection
from sparring.scoring.rubric import load_rubric
from sparring.storage.models import LearnerTotal, Scorecard
from sparring.storage.rollups import ALL

# The histogram's bins are the summaries' score bands (`rollups.BANDS`).
BIN_LABELS = ("0-19", "20-39", "40-59", "60-79", "80-100")
DECIMALS = 1


class Distribution(BaseModel):
    """One dimension's or indicator's scores over the selected sessions."""

    kind: str = Field(description="`dimension` or `indicator`.")
    id: str
    label: str
    sessions: int = Field(description="Sessions in which it was scored.")
    mean: float = Field(description="Average score, 0-100.")
    bins: list[int] = Field(description="Sessions scoring 0-19, 20-39, 40-59, 60-79, 80-100.")


class Group(BaseModel):
    """The figures of one simulation type, or of all types together (`all`)."""

    simulation_type: str
    sessions: int
    dimensions: list[Distribution] = Field(description="Weakest first.")
    indicators: list[Distribution] = Field(description="Weakest first.")


class Competencies(BaseModel):
    selection: dict[str, Any]
    weakest: Distribution | None = Field(description="The indicator with the lowest average.")
    groups: list[Group] = Field(description="`all` first, then each simulation type.")


def _totals(tx: Session, chosen: Selection) -> list[Any]:
    """Per type, dimension or indicator: sessions, the sum of scores and the five bands.

    Added up from the learners' summaries (`rollups.py`), in the database.
    """
    row = LearnerTotal
    keys = (row.simulation_type, row.kind, row.name)
    bands = (row.band_0, row.band_1, row.band_2, row.band_3, row.band_4)
    query = (
        select(*keys, func.sum(row.sessions), func.sum(row.total), *map(func.sum, bands))
        .where(*chosen.where(row))
        .group_by(*keys)
    )
    return list(tx.execute(query).all())


def _ranked(kind: str, totals: dict[str, list[int]], labels: dict[str, str]) -> list[Distribution]:
    items = [
        Distribution(
            kind=kind,
            id=key,
            label=labels.get(key, key),
            sessions=row[0],
            mean=round(row[1] / row[0], DECIMALS),
            bins=row[2:],
        )
        for key, row in totals.items()
        if row[0]
    ]
    return sorted(items, key=lambda d: (d.mean, d.id))


def competencies(tx: Session, chosen: Selection) -> Competencies:
    """Average and distribution of each dimension and indicator, overall and per type."""
    labels = load_rubric(chosen.rubric_version).labels()
    per_kind: dict[str, dict[str, dict[str, list[int]]]] = {"dimension": {}, "indicator": {}}
    sessions: dict[str, int] = {}
    for group, kind, key, *values in _totals(tx, chosen):
        counts = [int(v) for v in values]
        for into in (group, ALL):
            totals = per_kind[kind].setdefault(into, {}).setdefault(key, [0] * len(counts))
            totals[:] = [a + b for a, b in zip(totals, counts, strict=True)]
        if kind == "dimension":
            # Every session scores every dimension: any dimension's count is the type's sessions.
            sessions[group] = max(sessions.get(group, 0), counts[0])
    order = [ALL, *sorted(sessions)]
    groups = [
        Group(
            simulation_type=group,
            sessions=sum(sessions.values()) if group == ALL else sessions[group],
            dimensions=_ranked(
                "dimension", per_kind["dimension"].get(group, {}), labels["dimension"]
            ),
            indicators=_ranked(
                "indicator", per_kind["indicator"].get(group, {}), labels["indicator"]
            ),
        )
        for group in order
    ]
    weakest = groups[0].indicators[0] if groups[0].indicators else None
    return Competencies(selection=chosen.describe(), weakest=weakest, groups=groups)


def competency_rows(figure: Competencies) -> list[dict[str, Any]]:
    """The figure as CSV rows."""
    return [
        {
            "simulation_type": group.simulation_type,
            "kind": item.kind,
            "id": item.id,
            "label": item.label,
            "rank": rank,
            "sessions": item.sessions,
            "mean": item.mean,
            **{f"scores_{name}": count for name, count in zip(BIN_LABELS, item.bins, strict=True)},
        }
        for group in figure.groups
        for items in (group.dimensions, group.indicators)
        for rank, item in enumerate(items, start=1)
    ]


# The three failure patterns of the product brief, as SQL over the indicator values.
PATTERNS = {
    "anchored_early": "anchored in the first two turns (first proposal at learner turn 1 or 2)",
    "proposed_before_inquiry": "proposed before any inquiry (a proposal, and no question before it)",
    "single_point_only": "single-point asks only (never more than one package in a turn)",
}


class PatternRate(BaseModel):
    pattern: str
    description: str
    sessions: int = Field(description="Sessions showing the pattern.")
    rate: float | None = Field(description="Share of the selected sessions, 0-1.")


class PatternGroup(BaseModel):
    simulation_type: str
    sessions: int
    patterns: list[PatternRate]


class Patterns(BaseModel):
    selection: dict[str, Any]
    groups: list[PatternGroup] = Field(description="`all` first, then each simulation type.")


def _pattern_counts(tx: Session, chosen: Selection) -> dict[str, list[int]]:
    """Per simulation type: sessions, then the sessions showing each pattern (one pass)."""

    def counted(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    anchoring, inquiry = Scorecard.anchoring_value, Scorecard.inquiry_value
    query = (
        select(
            Scorecard.simulation_type,
            func.count(),
            counted(anchoring <= 2),
            counted(and_(anchoring.is_not(None), inquiry == 0)),
            counted(Scorecard.options_value == 1),
        )
        .where(*chosen.where(Scorecard))
        .group_by(Scorecard.simulation_type)
    )
    return {row[0]: [int(v or 0) for v in row[1:]] for row in tx.execute(query)}


def patterns(tx: Session, chosen: Selection) -> Patterns:
    """How often the three failure patterns occur, overall and per simulation type."""
    rows = _pattern_counts(tx, chosen)
    totals = [sum(column) for column in zip(*rows.values(), strict=True)] if rows else [0] * 4
    groups = []
    for name, values in [(ALL, totals), *sorted(rows.items())]:
        sessions = values[0]
        rates = [
            PatternRate(
                pattern=pattern,
                description=description,
                sessions=count,
                rate=round(count / sessions, 3) if sessions else None,
            )
            for (pattern, description), count in zip(PATTERNS.items(), values[1:], strict=True)
        ]
        groups.append(PatternGroup(simulation_type=name, sessions=sessions, patterns=rates))
    return Patterns(selection=chosen.describe(), groups=groups)


def pattern_rows(figure: Patterns) -> list[dict[str, Any]]:
    """The figure as CSV rows."""
    return [
        {
            "simulation_type": group.simulation_type,
            "pattern": item.pattern,
            "sessions_total": group.sessions,
            "sessions_with_pattern": item.sessions,
            "rate": item.rate,
        }
        for group in figure.groups
        for item in group.patterns
    ]
