"""The demo organization `sparring serve` creates so a first run has someone to sign in as."""

from __future__ import annotations

from sqlalchemy import select

from sparring.storage import accounts
from sparring.storage.database import Database
from sparring.storage.models import Organization

ORGANIZATION = "Demo"
PASSWORD = "practise-demo"
PEOPLE = (
    ("learner", "learner@demo.sparring.test"),
    ("coach", "coach@demo.sparring.test"),
    ("admin", "admin@demo.sparring.test"),
)


def ensure(database: Database) -> list[tuple[str, str, str]]:
    """Create the demo organization and its people if absent; return role, email, password."""
    with database.transaction() as tx:
        organization = tx.scalar(select(Organization).where(Organization.name == ORGANIZATION))
        if organization is None:
            organization = accounts.create_organization(tx, ORGANIZATION)
            for role, email in PEOPLE:
                accounts.create_user(tx, organization, email, role, PASSWORD)
    return [(role, email, PASSWORD) for role, email in PEOPLE]
