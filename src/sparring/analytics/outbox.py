"""The xAPI outbox: statements queued with the session's close, delivered to the Learning
Record Store in the background with exponential backoff, and exported as JSON."""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from sparring.analytics.xapi import VERSION
from sparring.errors import UserError
from sparring.storage.database import Database
from sparring.storage.models import Membership, OutboxStatement, StoredSession, now

ENDPOINT_ENV = "SPARRING_LRS_ENDPOINT"
USERNAME_ENV = "SPARRING_LRS_USERNAME"
PASSWORD_ENV = "SPARRING_LRS_PASSWORD"
INTERVAL_ENV = "SPARRING_LRS_INTERVAL"
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=6)
# About four days of retries; then the statement waits for `sparring admin deliver --retry`.
MAX_ATTEMPTS = 20
# A claimed statement is not picked again by another worker for this long.
LEASE = timedelta(minutes=2)
TIMEOUT_SECONDS = 10.0
BATCH = 100
log = logging.getLogger("sparring.xapi")


@dataclass(frozen=True)
class Lrs:
    """A Learning Record Store: where statements go, and the Basic credentials it wants."""

    endpoint: str
    username: str | None = None
    password: str | None = None

    @property
    def url(self) -> str:
        """The statements resource."""
        return self.endpoint.rstrip("/") + "/statements"


def lrs_from_env() -> Lrs | None:
    """The LRS configured by $SPARRING_LRS_ENDPOINT (and _USERNAME, _PASSWORD), if any."""
    endpoint = os.environ.get(ENDPOINT_ENV, "").strip()
    if not endpoint:
        return None
    if not endpoint.startswith(("http://", "https://")):
        raise UserError(f"{ENDPOINT_ENV} must be an http(s) URL, not '{endpoint}'")
    return Lrs(endpoint, os.environ.get(USERNAME_ENV), os.environ.get(PASSWORD_ENV))


def enqueue(tx: Session, record: StoredSession, statement: dict[str, Any]) -> None:
    """Queue a closed session's statement in the transaction that closes it (once per session)."""
    found = tx.scalar(select(OutboxStatement.id).where(OutboxStatement.session_id == record.id))
    if found is None:
        tx.add(
            OutboxStatement(
                session_id=record.id,
                organization_id=record.organization_id,
                learner_id=record.learner_id,
                statement=json.dumps(statement, separators=(",", ":")),
                attempts=0,
                next_attempt_at=now(),
            )
        )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after a statement's n-th failed attempt: doubling, capped."""
    delay: timedelta = FIRST_RETRY * 2 ** max(0, attempts - 1)
    return min(delay, LONGEST_RETRY)


@dataclass
class Report:
    delivered: int = 0
    failed: int = 0
    gave_up: int = 0


def _claim(database: Database, moment: datetime, limit: int) -> list[tuple[int, str]]:
    with database.transaction() as tx:
        rows = tx.scalars(
            select(OutboxStatement)
            .where(
                OutboxStatement.delivered_at.is_(None),
                OutboxStatement.gave_up_at.is_(None),
                OutboxStatement.next_attempt_at <= moment,
            )
            .order_by(OutboxStatement.next_attempt_at, OutboxStatement.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        for row in rows:
            row.next_attempt_at = moment + LEASE
        return [(row.id, row.statement) for row in rows]


def _post(client: httpx.Client, lrs: Lrs, body: str) -> str | None:
    """Send one statement; None when the LRS stored it, else why not."""
    credentials: dict[str, Any] = {}
    if lrs.username:
        credentials["auth"] = httpx.BasicAuth(lrs.username, lrs.password or "")
    try:
        response = client.post(
            lrs.url,
            content=body,
            headers={"Content-Type": "application/json", "X-Experience-API-Version": VERSION},
            **credentials,
        )
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: {error}"
    if response.is_success:
        return None
    return f"HTTP {response.status_code}: {response.text[:200]}"


def deliver_due(
    database: Database,
    lrs: Lrs,
    *,
    moment: datetime | None = None,
    limit: int = BATCH,
    client: httpx.Client | None = None,
) -> Report:
    """Send the statements that are due, recording each attempt; never raises for the LRS."""
    moment = moment or now()
    report = Report()
    claimed = _claim(database, moment, limit)
    if not claimed:
        return report
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT_SECONDS)
    try:
        for outbox_id, body in claimed:
            error = _post(http, lrs, body)
            with database.transaction() as tx:
                row = tx.get(OutboxStatement, outbox_id)
                if row is None:
                    continue
                row.attempts += 1
                if error is None:
                    row.delivered_at, row.last_error = now(), None
                    report.delivered += 1
                    continue
                row.last_error = error
                report.failed += 1
                if row.attempts >= MAX_ATTEMPTS:
                    row.gave_up_at = now()
                    report.gave_up += 1
                else:
                    row.next_attempt_at = moment + retry_delay(row.attempts)
                log.warning("xAPI statement %s not delivered: %s", outbox_id, error)
    finally:
        if own:
            http.close()
    return report


def retry_given_up(database: Database) -> int:
    """Put statements that ran out of attempts back in the queue."""
    with database.transaction() as tx:
        rows = tx.scalars(select(OutboxStatement).where(OutboxStatement.gave_up_at.is_not(None)))
        count = 0
        for row in rows:
            row.gave_up_at, row.attempts, row.next_attempt_at = None, 0, now()
            count += 1
        return count


class Worker:
    """Deliver due statements every few seconds on a thread of the server process."""

    def __init__(self, database: Database, lrs: Lrs, interval: float = 5.0) -> None:
        self.database, self.lrs, self.interval = database, lrs, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xapi-outbox", daemon=True)

    def start(self) -> None:
        """Start delivering."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the statement in flight, if any."""
        self._stop.set()
        self._thread.join(TIMEOUT_SECONDS + 5)

    def _run(self) -> None:
        with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
            while not self._stop.is_set():
                try:
                    deliver_due(self.database, self.lrs, client=client)
                except Exception:  # the worker must outlive a database hiccup
                    log.exception("xAPI delivery round failed")
                self._stop.wait(self.interval)


def interval_from_env() -> float:
    """Seconds between delivery rounds: $SPARRING_LRS_INTERVAL, default 5."""
    raw = os.environ.get(INTERVAL_ENV, "5")
    try:
        return max(0.05, float(raw))
    except ValueError:
        raise UserError(f"{INTERVAL_ENV} must be a number of seconds, not '{raw}'") from None


@dataclass(frozen=True)
class Delivery:
    """Where an organization's statements stand: what the LRS has, and what still waits."""

    delivered: int
    waiting: int
    retrying: int
    gave_up: int
    last_delivered_at: datetime | None
    last_error: str | None

    @property
    def queued(self) -> int:
        """Statements the LRS does not have yet."""
        return self.waiting + self.retrying + self.gave_up


def delivery(tx: Session, organization_id: int) -> Delivery:
    """Count an organization's statements by delivery state, in the database."""
    row = OutboxStatement
    pending = and_(row.delivered_at.is_(None), row.gave_up_at.is_(None))

    def count(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    delivered, waiting, retrying, gave_up, last = tx.execute(
        select(
            count(row.delivered_at.is_not(None)),
            count(and_(pending, row.attempts == 0)),
            count(and_(pending, row.attempts > 0)),
            count(row.gave_up_at.is_not(None)),
            func.max(row.delivered_at),
        ).where(row.organization_id == organization_id)
    ).one()
    error = tx.scalar(
        select(row.last_error)
        .where(
            row.organization_id == organization_id,
            row.delivered_at.is_(None),
            row.last_error.is_not(None),
        )
        .order_by(row.id.desc())
        .limit(1)
    )
    return Delivery(int(delivered), int(waiting), int(retrying), int(gave_up), last, error)


def export(
    tx: Session,
    organization_id: int,
    *,
    cohort_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[dict[str, Any]]:
    """Every queued statement of an organization (or cohort) closed in a time range, oldest first."""
    conditions = [OutboxStatement.organization_id == organization_id]
    if cohort_id is not None:
        members = select(Membership.user_id).where(Membership.cohort_id == cohort_id)
        conditions.append(OutboxStatement.learner_id.in_(members))
    if since is not None:
        conditions.append(OutboxStatement.created_at >= since)
    if until is not None:
        conditions.append(OutboxStatement.created_at < until)
    rows = tx.scalars(
        select(OutboxStatement.statement)
        .where(and_(*conditions))
        .order_by(OutboxStatement.created_at, OutboxStatement.id)
    )
    return [json.loads(row) for row in rows]
