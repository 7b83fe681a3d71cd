"""360 feedback: import ratings from CSV (all or nothing) and compare them with simulation scores."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Float, cast, delete, func, select
from sqlalchemy.orm import Session

from sparring.analytics.framework import Framework
from sparring.analytics.readiness import competency_scores, recent_scores
from sparring.analytics.selection import Selection
from sparring.errors import UserError
from sparring.storage.models import FeedbackRating, User

HEADER = ("email", "competency", "rater_group", "score")
LOWEST, HIGHEST = 1.0, 5.0
# Self-ratings are shown but left out of the 360 mean: others' view is what 360 adds.
SELF = "self"
MAX_SHOWN = 20
# Ids per DELETE statement, within every database's limit on bound parameters.
CHUNK = 500


class ImportRejected(UserError):
    """A 360 file with rows that cannot be read; nothing of it was stored."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_SHOWN]
        more = len(problems) - len(shown)
        super().__init__(
            f"nothing imported: {len(problems)} problem(s) in the file: "
            + "; ".join(shown)
            + (f"; and {more} more" if more else "")
        )
        self.problems = problems


@dataclass(frozen=True)
class Rating:
    learner_id: int
    competency: str
    rater_group: str
    score: float


def read_csv(text: str, framework: Framework, emails: dict[str, int]) -> list[Rating]:
    """Read every row of a 360 CSV, or raise ImportRejected naming each row that cannot be read."""
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(rows, None)
    if header is None or tuple(h.strip().lower() for h in header) != HEADER:
        raise ImportRejected([f"line 1: the header must be {','.join(HEADER)}"])
    ratings: list[Rating] = []
    problems: list[str] = []
    seen: dict[tuple[int, str, str], int] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            problems.append(f"line {line}: expected 4 fields, found {len(row)}")
            continue
        email, competency_key, group, raw = (cell.strip() for cell in row)
        learner = emails.get(email.lower())
        competency = framework.competency(competency_key)
        here = []
        if learner is None:
            here.append(f"no person '{email}' in this organization")
        if competency is None:
            known = ", ".join(c.id for c in framework.competencies)
            here.append(f"unknown competency '{competency_key}' (known: {known})")
        if not group:
            here.append("the rater group is empty")
        try:
            score = float(raw)
            if not math.isfinite(score) or not LOWEST <= score <= HIGHEST:
                here.append(f"score {raw} is outside {LOWEST:g}-{HIGHEST:g}")
        except ValueError:
            here.append(f"score '{raw}' is not a number")
        if here or learner is None or competency is None:
            problems.append(f"line {line}: " + "; ".join(here))
            continue
        key = (learner, competency.id, group.lower())
        if key in seen:
            problems.append(
                f"line {line}: repeats line {seen[key]} (same person, competency and rater group)"
            )
            continue
        seen[key] = line
        ratings.append(Rating(learner, competency.id, group.lower(), score))
    if problems:
        raise ImportRejected(problems)
    if not ratings:
        raise ImportRejected(["the file has a header but no ratings"])
    return ratings


def import_csv(tx: Session, organization_id: int, framework: Framework, text: str) -> int:
    """Store a 360 file's ratings, replacing earlier ones with the same key; all or nothing."""
    query = select(func.lower(User.email), User.id).where(User.organization_id == organization_id)
    emails = {row[0]: row[1] for row in tx.execute(query)}
    ratings = read_csv(text, framework, emails)
    keys = {(r.learner_id, r.competency, r.rater_group) for r in ratings}
    existing = tx.execute(
        select(
            FeedbackRating.id,
            FeedbackRating.learner_id,
            FeedbackRating.competency,
            FeedbackRating.rater_group,
        ).where(FeedbackRating.organization_id == organization_id)
    )
    replaced = [row[0] for row in existing if tuple(row[1:]) in keys]
    for start in range(0, len(replaced), CHUNK):
        chunk = replaced[start : start + CHUNK]
        tx.execute(delete(FeedbackRating).where(FeedbackRating.id.in_(chunk)))
    tx.add_all(
        FeedbackRating(
            organization_id=organization_id,
            learner_id=r.learner_id,
            competency=r.competency,
            rater_group=r.rater_group,
            score=r.score,
        )
        for r in ratings
    )
    tx.flush()
    return len(ratings)


class Pair(BaseModel):
    learner_id: int
    email: str
    simulation: float = Field(description="Recent simulation score for the competency, 0-100.")
    feedback: float = Field(description="Mean 360 rating by others (not self), 1-5.")
    self_rating: float | None


class Comparison(BaseModel):
    competency: str
    name: str
    n: int = Field(description="Learners with both a simulation score and 360 ratings.")
    correlation: float | None = Field(description="Pearson r; None below 3 learners or no spread.")
    mean_simulation: float | None
    mean_feedback: float | None
    learners: list[Pair]


class Feedback(BaseModel):
    selection: dict[str, Any]
    competencies: list[Comparison]


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's correlation coefficient; None below three pairs or without spread."""
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return round(sxy / math.sqrt(sxx * syy), 3)


def _rating_means(tx: Session, chosen: Selection) -> dict[tuple[int, str], dict[str, float]]:
    is_self = FeedbackRating.rater_group == SELF
    query = (
        select(
            FeedbackRating.learner_id,
            FeedbackRating.competency,
            is_self,
            cast(func.avg(FeedbackRating.score), Float),
        )
        .where(FeedbackRating.organization_id == chosen.organization_id)
        .group_by(FeedbackRating.learner_id, FeedbackRating.competency, is_self)
    )
    if chosen.cohort_id is not None:
        query = query.where(FeedbackRating.learner_id.in_(chosen.members()))
    means: dict[tuple[int, str], dict[str, float]] = {}
    for learner, competency, own, mean in tx.execute(query):
        means.setdefault((learner, competency), {})["self" if own else "others"] = float(mean)
    return means


def comparison(tx: Session, chosen: Selection, framework: Framework) -> Feedback:
    """Per competency, simulation scores beside 360 ratings and their correlation."""
    components, _ = recent_scores(tx, chosen, framework)
    ratings = _rating_means(tx, chosen)
    emails = chosen.emails(tx)
    simulated = {learner: competency_scores(framework, c) for learner, c in components.items()}
    by_competency: dict[str, list[tuple[int, dict[str, float]]]] = {}
    for (learner, key), means in sorted(ratings.items(), key=lambda item: item[0]):
        by_competency.setdefault(key, []).append((learner, means))
    result = []
    for competency in framework.competencies:
        pairs = []
        for learner, means in by_competency.get(competency.id, []):
            score = simulated.get(learner, {}).get(competency.id)
            if score is None or "others" not in means:
                continue
            pairs.append(
                Pair(
                    learner_id=learner,
                    email=emails[learner],
                    simulation=score,
                    feedback=round(means["others"], 2),
                    self_rating=means.get("self"),
                )
            )
        xs, ys = [p.simulation for p in pairs], [p.feedback for p in pairs]
        result.append(
            Comparison(
                competency=competency.id,
                name=competency.name,
                n=len(pairs),
                correlation=pearson(xs, ys),
                mean_simulation=round(sum(xs) / len(xs), 1) if xs else None,
                mean_feedback=round(sum(ys) / len(ys), 2) if ys else None,
                learners=sorted(pairs, key=lambda p: p.email),
            )
        )
    return Feedback(selection=chosen.describe(), competencies=result)


def feedback_rows(figure: Feedback) -> list[dict[str, Any]]:
    """One row per competency and learner, as CSV rows."""
    return [
        {
            "competency": item.competency,
            "correlation": item.correlation,
            "n": item.n,
            "email": pair.email,
            "simulation": pair.simulation,
            "feedback": pair.feedback,
            "self_rating": pair.self_rating,
        }
        for item in figure.competencies
        for pair in item.learners
    ]
