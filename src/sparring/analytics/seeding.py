"""`sparring admin seed-demo`: an organization with cohorts, assignments, 360 ratings and
sessions played by scripted learners, stored through the same service as web sessions."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from sparring.analytics import cohorts, feedback, framework
from sparring.analytics.demo import COHORTS, Simulations, learners, plan, rating_for
from sparring.errors import UserError
from sparring.scenarios.loader import Library
from sparring.storage import accounts, demo
from sparring.storage.accounts import Account
from sparring.storage.database import Database
from sparring.storage.demo import PASSWORD
from sparring.storage.models import Organization, User
from sparring.storage.service import Practice

RATER_GROUPS = ("manager", "peer", "direct_report", "self")


@dataclass(frozen=True)
class Seeded:
    organization: str
    learners: int
    sessions: int
    distinct_conversations: int
    cohorts: int
    ratings: int
    coach: str
    admin: str


def domain(organization: str) -> str:
    """The email domain of an organization's demo people."""
    slug = re.sub(r"[^a-z0-9]+", "-", organization.lower()).strip("-") or "org"
    return f"{slug}.sparring.test"


def learner_email(organization: str, index: int) -> str:
    """The email of a demo learner."""
    return f"learner-{index + 1:04d}@{domain(organization)}"


def _people(database: Database, name: str) -> tuple[Account, Account]:
    if name == demo.ORGANIZATION:
        demo.ensure(database)
    with database.transaction() as tx:
        org = tx.scalar(select(Organization).where(Organization.name == name))
        if org is None:
            org = accounts.create_organization(tx, name)
        made = []
        for role in ("coach", "admin"):
            email = f"{role}@{domain(name)}"
            found = tx.scalar(select(User).where(User.email == email))
            made.append(
                accounts.by_email(tx, email)
                if found
                else accounts.create_user(tx, org, email, role, PASSWORD)
            )
        taken = tx.scalar(select(func.count()).where(User.email.like(f"learner-%@{domain(name)}")))
        if taken:
            raise UserError(f"{name} already has demo learners; seed another --org")
        return made[0], made[1]


def seed_demo(
    database: Database,
    library: Library,
    *,
    organization: str,
    learner_count: int,
    session_count: int,
    seed: int = 0,
) -> Seeded:
    """Create the demo organization's learners, cohorts, assignments, sessions and 360 ratings."""
    if learner_count < 1 or session_count < 0:
        raise UserError("--learners must be at least 1 and --sessions at least 0")
    coach, admin = _people(database, organization)
    rng = random.Random(seed)
    people = learners(learner_count, rng)
    with database.transaction() as tx:
        org = accounts.organization(tx, organization)
        made = [
            accounts.create_user(tx, org, learner_email(organization, p.index), "learner", PASSWORD)
            for p in people
        ]
    _cohorts(database, library, admin, made, rng)
    practice = Practice(database, library)
    simulations = Simulations(library)
    start = (datetime.now(UTC) - timedelta(days=90)).date()
    stored = 0
    for attempt in plan(library, people, session_count, seed, start):
        practice.store_played(
            made[attempt.learner],
            attempt.scenario,
            list(attempt.script),
            seed=attempt.seed,
            difficulty=attempt.difficulty,
            started_at=attempt.started_at,
            finished_at=attempt.finished_at,
            session=simulations.play(attempt),
        )
        stored += 1
    ratings = _ratings(database, admin, made, [p.skill for p in people], rng)
    return Seeded(
        organization,
        len(made),
        stored,
        len(simulations.played),
        min(len(COHORTS), len(made)),
        ratings,
        coach.email,
        admin.email,
    )


def _cohorts(
    database: Database, library: Library, admin: Account, made: list[Account], rng: random.Random
) -> None:
    scenarios = [s.id for s in library.all() if s.reference_strategies is not None]
    today = datetime.now(UTC).date()
    with database.transaction() as tx:
        for index, name in enumerate(COHORTS[: len(made)]):
            taken = {c.name for c in cohorts.listing(tx, admin)}
            label = name if name not in taken else f"{name} ({today.isoformat()})"
            cohort = cohorts.create(tx, admin, label)
            members = [a.email for a in made[index :: len(COHORTS)]]
            cohorts.add_members(tx, admin, cohort.id, members)
            for weeks in (2, 5):
                cohorts.assign(
                    tx,
                    admin,
                    library,
                    cohort.id,
                    rng.choice(scenarios),
                    "standard",
                    today + timedelta(weeks=weeks),
                )


def _ratings(
    database: Database,
    admin: Account,
    made: list[Account],
    skills: list[float],
    rng: random.Random,
) -> int:
    with database.transaction() as tx:
        chosen = framework.load(tx, admin.organization_id)
        lines = ["email,competency,rater_group,score"]
        for account, skill in zip(made, skills, strict=True):
            for competency in chosen.competencies:
                for group in RATER_GROUPS:
                    lines.append(
                        f"{account.email},{competency.id},{group},{rating_for(skill, rng)}"
                    )
        return feedback.import_csv(tx, admin.organization_id, chosen, "\n".join(lines))
