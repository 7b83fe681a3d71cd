"""Which closed sessions a figure covers: an organization, optionally a cohort and a type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sparring.errors import UserError
from sparring.scoring.rubric import CURRENT_VERSION
from sparring.storage.accounts import Account
from sparring.storage.errors import Forbidden, NotFound
from sparring.storage.models import Cohort, Membership, User
from sparring.storage.rollups import ALL

SIMULATION_TYPES = ("cross_functional", "managing_up", "multi_party")


@dataclass(frozen=True)
class Selection:
    """The sessions behind a figure: one organization's, under one rubric version."""

    organization_id: int
    cohort_id: int | None = None
    cohort_name: str | None = None
    simulation_type: str | None = None
    rubric_version: str = CURRENT_VERSION

    def where(self, table: Any) -> list[ColumnElement[bool]]:
        """Conditions on a table that copies the scorecard's organization, rubric, type, learner."""
        conditions: list[ColumnElement[bool]] = [
            table.organization_id == self.organization_id,
            table.rubric_version == self.rubric_version,
        ]
        if self.simulation_type:
            conditions.append(table.simulation_type == self.simulation_type)
        if self.cohort_id is not None:
            conditions.append(table.learner_id.in_(self.members()))
        return conditions

    def members(self) -> Any:
        """The cohort's learner ids, as a subquery."""
        return select(Membership.user_id).where(Membership.cohort_id == self.cohort_id)

    def emails(self, tx: Session) -> dict[int, str]:
        """Everyone's email in the organization, by id."""
        query = select(User.id, User.email).where(User.organization_id == self.organization_id)
        return {row[0]: row[1] for row in tx.execute(query)}

    def describe(self) -> dict[str, Any]:
        """The selection as plain data, for API answers and CSV file names."""
        return {
            "cohort": self.cohort_id,
            "cohort_name": self.cohort_name,
            "simulation_type": self.simulation_type or ALL,
            "rubric_version": self.rubric_version,
        }


def require_coach(account: Account) -> None:
    """Refuse anyone but a coach or an admin: analytics show other people's results."""
    if not account.sees_organization:
        raise Forbidden("analytics are for coaches and admins")


def selection(
    tx: Session,
    account: Account,
    cohort: int | None = None,
    simulation_type: str | None = None,
) -> Selection:
    """The selection a coach or admin asked for, checked against their organization."""
    require_coach(account)
    if simulation_type in (None, "", ALL):
        simulation_type = None
    elif simulation_type not in SIMULATION_TYPES:
        known = ", ".join(SIMULATION_TYPES)
        raise UserError(f"unknown simulation type '{simulation_type}' (types: {known}, all)")
    name = None
    if cohort is not None:
        found = tx.get(Cohort, cohort)
        if found is None or found.organization_id != account.organization_id:
            raise NotFound(f"no cohort {cohort}")
        name = found.name
    return Selection(account.organization_id, cohort, name, simulation_type)
