"""Cohorts of learners and the scenarios assigned to them, with a difficulty and a due date."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field
from sqlalchemy import and_, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sparring.analytics.selection import require_coach
from sparring.errors import UserError
from sparring.scenarios.loader import Library
from sparring.storage.accounts import Account
from sparring.storage.errors import NotFound
from sparring.storage.models import (
    CLOSED,
    Assignment,
    Cohort,
    Membership,
    StoredSession,
    User,
    utc,
)


class Member(BaseModel):
    id: int
    email: str
    role: str


class AssignmentView(BaseModel):
    id: int
    cohort_id: int
    cohort: str
    scenario: str
    difficulty: str
    due: date
    created_at: datetime
    done: bool | None = Field(default=None, description="For a learner: a session finished since.")


class CohortView(BaseModel):
    id: int
    name: str
    members: int
    assignments: int


class CohortDetail(BaseModel):
    id: int
    name: str
    members: list[Member]
    assignments: list[AssignmentView]


def _cohort(tx: Session, account: Account, cohort_id: int) -> Cohort:
    require_coach(account)
    found = tx.get(Cohort, cohort_id)
    if found is None or found.organization_id != account.organization_id:
        raise NotFound(f"no cohort {cohort_id}")
    return found


def create(tx: Session, account: Account, name: str) -> CohortView:
    """Create a cohort in the account's organization."""
    require_coach(account)
    name = " ".join(name.split())
    if not name:
        raise UserError("a cohort needs a name")
    if len(name) > 200:
        raise UserError("a cohort's name is limited to 200 characters")
    taken = select(Cohort.id).where(
        Cohort.organization_id == account.organization_id, Cohort.name == name
    )
    if tx.scalar(taken) is not None:
        raise UserError(f"a cohort named '{name}' already exists")
    cohort = Cohort(organization_id=account.organization_id, name=name)
    tx.add(cohort)
    tx.flush()
    return CohortView(id=cohort.id, name=cohort.name, members=0, assignments=0)


def listing(tx: Session, account: Account) -> list[CohortView]:
    """The organization's cohorts by name, with how many members and assignments each has."""
    require_coach(account)
    members = select(func.count()).where(Membership.cohort_id == Cohort.id).scalar_subquery()
    assignments = select(func.count()).where(Assignment.cohort_id == Cohort.id).scalar_subquery()
    rows = tx.execute(
        select(Cohort.id, Cohort.name, members, assignments)
        .where(Cohort.organization_id == account.organization_id)
        .order_by(Cohort.name)
    )
    return [CohortView(id=r[0], name=r[1], members=r[2], assignments=r[3]) for r in rows]


def detail(tx: Session, account: Account, cohort_id: int) -> CohortDetail:
    """A cohort's members and assignments."""
    cohort = _cohort(tx, account, cohort_id)
    members = tx.execute(
        select(User.id, User.email, User.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.cohort_id == cohort.id)
        .order_by(User.email)
    )
    assignments = tx.scalars(
        select(Assignment).where(Assignment.cohort_id == cohort.id).order_by(Assignment.due_on)
    )
    return CohortDetail(
        id=cohort.id,
        name=cohort.name,
        members=[Member(id=m[0], email=m[1], role=m[2]) for m in members],
        assignments=[_view(a, cohort.name) for a in assignments],
    )


def add_members(tx: Session, account: Account, cohort_id: int, emails: list[str]) -> int:
    """Add people of the organization to a cohort by email; any unknown email adds no one."""
    cohort = _cohort(tx, account, cohort_id)
    wanted = {e.strip().lower() for e in emails if e.strip()}
    if not wanted:
        raise UserError("name at least one person's email")
    query = select(User.email, User.id).where(
        User.organization_id == account.organization_id, User.email.in_(wanted)
    )
    found = {row[0]: row[1] for row in tx.execute(query)}
    unknown = sorted(wanted - set(found))
    if unknown:
        raise UserError(f"no one in {account.organization} has the email {', '.join(unknown)}")
    already = set(tx.scalars(select(Membership.user_id).where(Membership.cohort_id == cohort.id)))
    added = [user for user in found.values() if user not in already]
    tx.add_all(Membership(cohort_id=cohort.id, user_id=user) for user in added)
    try:
        tx.flush()
    except IntegrityError:
        raise UserError("someone else changed this cohort at the same time; try again") from None
    return len(added)


def remove_member(tx: Session, account: Account, cohort_id: int, user_id: int) -> None:
    """Take a person out of a cohort."""
    cohort = _cohort(tx, account, cohort_id)
    membership = tx.get(Membership, (cohort.id, user_id))
    if membership is None:
        raise NotFound(f"no member {user_id} in cohort {cohort.name}")
    tx.delete(membership)
    tx.flush()


def assign(
    tx: Session,
    account: Account,
    library: Library,
    cohort_id: int,
    scenario_id: str,
    difficulty: str,
    due: date,
) -> AssignmentView:
    """Assign a scenario at a difficulty to a cohort, due on a date."""
    cohort = _cohort(tx, account, cohort_id)
    scenario = library.get(scenario_id)
    if difficulty not in scenario.difficulties:
        known = ", ".join(scenario.difficulties)
        raise UserError(f"{scenario.id} has no difficulty '{difficulty}' (it has: {known})")
    assignment = Assignment(
        cohort_id=cohort.id, scenario_id=scenario.id, difficulty=difficulty, due_on=due
    )
    tx.add(assignment)
    tx.flush()
    return _view(assignment, cohort.name)


def _view(assignment: Assignment, cohort: str, done: bool | None = None) -> AssignmentView:
    return AssignmentView(
        id=assignment.id,
        cohort_id=assignment.cohort_id,
        cohort=cohort,
        scenario=assignment.scenario_id,
        difficulty=assignment.difficulty,
        due=assignment.due_on,
        created_at=utc(assignment.created_at),
        done=done,
    )


def for_learner(tx: Session, account: Account) -> list[AssignmentView]:
    """The account's assignments from every cohort it is in, soonest due first."""
    finished = exists().where(
        and_(
            StoredSession.learner_id == account.id,
            StoredSession.scenario_id == Assignment.scenario_id,
            StoredSession.difficulty == Assignment.difficulty,
            StoredSession.status == CLOSED,
            StoredSession.created_at >= Assignment.created_at,
        )
    )
    rows = tx.execute(
        select(Assignment, Cohort.name, finished)
        .join(Cohort, Cohort.id == Assignment.cohort_id)
        .join(Membership, Membership.cohort_id == Cohort.id)
        .where(Membership.user_id == account.id)
        .order_by(Assignment.due_on, Assignment.id)
    )
    return [_view(a, name, bool(done)) for a, name, done in rows]
