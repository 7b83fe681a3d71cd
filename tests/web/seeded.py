"""A small organization whose score rows are written here directly, so each test can compute
the answer from these rows in plain Python and compare it with what the product says."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sparring.scoring.rubric import CURRENT_VERSION, load_rubric
from sparring.storage import rollups
from sparring.storage.database import Database
from sparring.storage.models import (
    Cohort,
    DimensionScore,
    IndicatorScore,
    Membership,
    Scorecard,
    StoredSession,
)
from tests.web.conftest import Person

TYPES = ("cross_functional", "managing_up", "multi_party")
_RUBRIC = load_rubric(CURRENT_VERSION)
DIMENSIONS = tuple(_RUBRIC.dimensions)
# Every type's indicators but `bridging`, which only multi-party sessions have.
INDICATORS = tuple(_RUBRIC.types["cross_functional"].indicators)
# Scores on and beside the histogram's band edges, so a wrong edge shows.
EDGES = (0, 19, 20, 39, 40, 59, 60, 79, 80, 100)


@dataclass
class Row:
    """One closed session's scores as written."""

    card_id: int
    session_id: str
    learner_id: int
    simulation_type: str
    played_at: datetime
    dimensions: dict[str, int]
    indicators: dict[str, tuple[int, float | None]]


@dataclass
class Organization:
    coach: Person
    admin: Person
    learners: list[Person]
    cohorts: dict[str, int]
    members: dict[str, list[int]]
    rows: list[Row] = field(default_factory=list)

    def chosen(self, cohort: str | None = None, kind: str | None = None) -> list[Row]:
        """The rows a selection covers."""
        allowed = set(self.members[cohort]) if cohort else None
        return [
            r
            for r in self.rows
            if (allowed is None or r.learner_id in allowed)
            and (kind is None or r.simulation_type == kind)
        ]


def _score(rng: random.Random) -> int:
    return rng.choice(EDGES) if rng.random() < 0.4 else rng.randint(0, 100)


def _write(
    db: Database,
    person: Person,
    row_id: int,
    kind: str,
    at: datetime,
    rng: random.Random,
    version: str,
) -> Row:
    session_id = f"s{row_id:05d}"
    indicators: dict[str, tuple[int, float | None]] = {
        name: (_score(rng), round(rng.random(), 2)) for name in INDICATORS
    }
    indicators["anchoring"] = (_score(rng), rng.choice([None, 1.0, 2.0, 3.0, 6.0]))
    indicators["inquiry"] = (_score(rng), rng.choice([0.0, 0.0, 1.0, 3.0]))
    indicators["options"] = (_score(rng), rng.choice([0.0, 1.0, 1.0, 2.0, 3.0]))
    if kind == "multi_party":
        indicators["bridging"] = (_score(rng), 0.5)
    row = Row(
        row_id,
        session_id,
        person.account.id,
        kind,
        at,
        {name: _score(rng) for name in DIMENSIONS},
        indicators,
    )
    account = person.account
    copied = {
        "scorecard_id": row_id,
        "organization_id": account.organization_id,
        "rubric_version": version,
        "simulation_type": kind,
        "learner_id": account.id,
        "played_at": at,
    }
    with db.transaction() as tx:
        tx.add(
            StoredSession(
                id=session_id,
                organization_id=account.organization_id,
                learner_id=account.id,
                scenario_id="q4-capacity",
                scenario_version=1,
                difficulty="standard",
                seed=0,
                rubric_version=version,
                status="closed",
                turn_count=3,
                created_at=at,
                closed_at=at,
            )
        )
        tx.flush()
        tx.add(
            Scorecard(
                id=row_id,
                session_id=session_id,
                rubric_version=version,
                organization_id=account.organization_id,
                learner_id=account.id,
                scenario_id="q4-capacity",
                scenario_version=1,
                simulation_type=kind,
                difficulty="standard",
                played_at=at,
                learner_turns=3,
                outcome_status="agreement",
                learner_points=1,
                counterpart_points=1,
                joint_efficiency=0.5,
                feasible_for_learner=True,
                capitulated=False,
                escalated=False,
                anchoring_value=indicators["anchoring"][1],
                inquiry_value=indicators["inquiry"][1],
                options_value=indicators["options"][1],
            )
        )
        tx.flush()
        for name, score in row.dimensions.items():
            tx.add(DimensionScore(**copied, dimension=name, score=score, level="x"))
        for name, (score, value) in row.indicators.items():
            tx.add(IndicatorScore(**copied, indicator=name, score=score, value=value))
    return row


def seed(db: Database, people: Callable[..., Person]) -> Organization:
    """Six learners in two overlapping cohorts (one learner in none, one without sessions),
    a coach and an admin, plus another organization and an older rubric that must not count."""
    rng = random.Random(20261127)
    coach = people("coach@acme.test", "coach")
    admin = people("admin@acme.test", "admin")
    learners = [people(f"l{i}@acme.test") for i in range(6)]
    stranger = people("x@other.test", org="Other")
    members = {
        "North": [learners[i].account.id for i in (0, 1, 2)],
        "South": [learners[i].account.id for i in (2, 3, 4, 5)],
    }
    cohorts = {}
    with db.transaction() as tx:
        for name, ids in members.items():
            cohort = Cohort(organization_id=coach.account.organization_id, name=name)
            tx.add(cohort)
            tx.flush()
            cohorts[name] = cohort.id
            tx.add_all(Membership(cohort_id=cohort.id, user_id=i) for i in ids)
    org = Organization(coach, admin, learners, cohorts, members)
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    row_id = 1
    for index, learner in enumerate(learners[:5]):
        for attempt in range((1, 4, 5, 2, 6)[index]):
            at = start + timedelta(days=3 * attempt, hours=index)
            org.rows.append(
                _write(db, learner, row_id, rng.choice(TYPES), at, rng, CURRENT_VERSION)
            )
            row_id += 1
    # Not counted: another organization's session, and a score under another rubric version.
    _write(db, stranger, row_id, "cross_functional", start, rng, CURRENT_VERSION)
    _write(db, learners[0], row_id + 1, "cross_functional", start, rng, "0.9")
    # The rows went in directly, so their summaries are rebuilt as after a bulk load.
    with db.transaction() as tx:
        rollups.rebuild(tx)
    return org
