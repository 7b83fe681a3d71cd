"""Stored sessions and their append-only learner turns."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from sparring.storage.accounts import Account
from sparring.storage.database import Database
from sparring.storage.errors import Conflict, NotFound
from sparring.storage.models import (
    DimensionScore,
    Scorecard,
    StoredSession,
    Turn,
    User,
    utc,
)

# PostgreSQL's "lock not available": another request holds the session's row.
_LOCK_NOT_AVAILABLE = "55P03"
BUSY = "this session is taking another turn; wait for its reply and try again"


def new_id() -> str:
    """A session id that cannot be guessed."""
    return secrets.token_urlsafe(12)


def visible(account: Account) -> Select[StoredSession]:
    """The sessions an account may see: its own, or its organization's for coaches and admins."""
    query = select(StoredSession).where(StoredSession.organization_id == account.organization_id)
    if not account.sees_organization:
        query = query.where(StoredSession.learner_id == account.id)
    return query


def find(tx: Session, account: Account, session_id: str) -> StoredSession:
    """Return a session the account may see, or raise NotFound."""
    record = tx.scalar(visible(account).where(StoredSession.id == session_id))
    if record is None:
        raise NotFound(f"no session '{session_id}'")
    return record


def lock(tx: Session, session_id: str) -> StoredSession:
    """Lock a session's row for this transaction; raise Conflict when another request holds it."""
    try:
        record = tx.scalar(
            select(StoredSession)
            .where(StoredSession.id == session_id)
            .with_for_update(nowait=True)
            .execution_options(populate_existing=True)
        )
    except OperationalError as error:
        if getattr(error.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise Conflict(BUSY) from None
        raise
    if record is None:
        raise NotFound(f"no session '{session_id}'")
    return record


def texts(tx: Session, session_id: str) -> list[str]:
    """A session's learner turns in order."""
    rows = tx.scalars(select(Turn.text).where(Turn.session_id == session_id).order_by(Turn.number))
    return list(rows)


def create(
    tx: Session,
    account: Account,
    *,
    scenario: tuple[str, int],
    difficulty: str,
    seed: int,
    rubric_version: str,
    parent: tuple[str, int] | None = None,
    turns: Sequence[str] = (),
) -> StoredSession:
    """Store a new session for an account, starting with the given learner turns."""
    record = StoredSession(
        id=new_id(),
        organization_id=account.organization_id,
        learner_id=account.id,
        scenario_id=scenario[0],
        scenario_version=scenario[1],
        difficulty=difficulty,
        seed=seed,
        rubric_version=rubric_version,
        status="open",
        turn_count=0,
        parent_id=parent[0] if parent else None,
        branch_turn=parent[1] if parent else None,
    )
    tx.add(record)
    tx.flush()
    for text in turns:
        append(tx, record, text)
    return record


def append(tx: Session, record: StoredSession, text: str) -> int:
    """Append a learner turn; a turn number already taken means another request won: Conflict."""
    number = record.turn_count + 1
    try:
        tx.add(Turn(session_id=record.id, number=number, text=text))
        tx.flush()
    except IntegrityError:
        raise Conflict(BUSY) from None
    record.turn_count = number
    return number


class Summary(BaseModel):
    """One line of a session list."""

    id: str
    learner: str
    scenario: str
    scenario_version: int
    difficulty: str
    seed: int
    status: str = Field(description="`open`, or `closed` once the meeting has ended.")
    turns: int = Field(description="Learner turns taken.")
    created_at: datetime
    parent_id: str | None = Field(description="The session this one tries again from.")
    branch_turn: int | None = Field(description="The parent's learner turn it tries again.")
    outcome: str | None = Field(description="How a closed session ended.")
    scores: dict[str, int] = Field(description="Dimension scores of a closed session.")


def summaries(tx: Session, account: Account, limit: int = 500) -> list[Summary]:
    """The sessions an account may see, newest first, with their scores when closed."""
    query = (
        visible(account)
        .add_columns(User.email)
        .join(User, User.id == StoredSession.learner_id)
        .order_by(StoredSession.created_at.desc(), StoredSession.id)
        .limit(limit)
    )
    rows = tx.execute(query).all()
    cards = {
        card.session_id: card
        for card in tx.scalars(
            select(Scorecard).where(
                Scorecard.session_id.in_([r[0].id for r in rows]),
                Scorecard.rubric_version == StoredSession.rubric_version,
                StoredSession.id == Scorecard.session_id,
            )
        )
    }
    scores: dict[int, dict[str, int]] = {}
    if cards:
        for item in tx.scalars(
            select(DimensionScore).where(
                DimensionScore.scorecard_id.in_([c.id for c in cards.values()])
            )
        ):
            scores.setdefault(item.scorecard_id, {})[item.dimension] = item.score
    result = []
    for record, email in rows:
        card = cards.get(record.id)
        result.append(
            Summary(
                id=record.id,
                learner=email,
                scenario=record.scenario_id,
                scenario_version=record.scenario_version,
                difficulty=record.difficulty,
                seed=record.seed,
                status=record.status,
                turns=record.turn_count,
                created_at=utc(record.created_at),
                parent_id=record.parent_id,
                branch_turn=record.branch_turn,
                outcome=card.outcome_status if card else None,
                scores=scores.get(card.id, {}) if card else {},
            )
        )
    return result


def closed_ids(database: Database) -> list[str]:
    """The ids of every closed session, oldest first."""
    with database.transaction() as tx:
        query = (
            select(StoredSession.id)
            .where(StoredSession.status == "closed")
            .order_by(StoredSession.created_at, StoredSession.id)
        )
        return list(tx.scalars(query))
