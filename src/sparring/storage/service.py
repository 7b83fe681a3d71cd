"""Practice in stored sessions: the one write path the pages, the API and the CLI share."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session as Transaction

from sparring.analytics import outbox, xapi
from sparring.errors import UserError
from sparring.scenarios.loader import Library, open_library
from sparring.scenarios.model import Scenario
from sparring.scoring.rubric import CURRENT_VERSION, load_rubric
from sparring.session import DEFAULT_DIFFICULTY, Session, check_turn_text, replay
from sparring.storage import records, scores
from sparring.storage.accounts import Account
from sparring.storage.database import Database
from sparring.storage.errors import Conflict, Forbidden
from sparring.storage.live import BusySessions, LiveSessions
from sparring.storage.models import CLOSED, OPEN, StoredSession, User, now, utc

SEED_RANGE = 2**31


@dataclass(frozen=True)
class Stored:
    """A stored session with its replayed state, for showing it."""

    record: StoredSession
    learner: str
    scenario: Scenario
    session: Session

    @property
    def closed(self) -> bool:
        """Tell whether the session takes no more turns."""
        return self.record.status == CLOSED

    def result(self) -> dict[str, Any]:
        """The `sparring run --json` object with the stored session's identity."""
        record = self.record
        return {
            "id": record.id,
            "learner": self.learner,
            "created_at": utc(record.created_at).isoformat(),
            "status": record.status,
            "parent_id": record.parent_id,
            "branch_turn": record.branch_turn,
            **self.session.result(),
        }


@dataclass(frozen=True)
class TurnTaken:
    """The contract turns one learner turn produced, and whether the session is still open."""

    turns: list[dict[str, Any]]
    status: str


class Practice:
    """Start, play, end, branch and re-score sessions kept in a database."""

    def __init__(self, database: Database, library: Library | None = None) -> None:
        self.database = database
        self.library = library or open_library(())
        self._live = LiveSessions()
        self._busy = BusySessions()

    # -- reading ---------------------------------------------------------------

    def _scenario(self, record: StoredSession) -> Scenario:
        return self.library.get(record.scenario_id, record.scenario_version)

    def _replay(self, tx: Transaction, record: StoredSession) -> Session:
        session = self._live.take(record.id, record.turn_count)
        if session is None:
            session = replay(
                self._scenario(record),
                records.texts(tx, record.id),
                seed=record.seed,
                difficulty=record.difficulty,
                rubric_version=record.rubric_version,
            )
        if record.status == CLOSED:
            # A learner who ended the meeting closed it without the counterpart closing it.
            session.end()
        return session

    def open(self, account: Account, session_id: str) -> Stored:
        """Return a session the account may see, replayed to its last turn."""
        with self.database.transaction() as tx:
            record = records.find(tx, account, session_id)
            learner = tx.get(User, record.learner_id)
            session = self._replay(tx, record)
        self._live.put(record.id, session)
        return Stored(record, learner.email if learner else "", session.scenario, session)

    def sessions(self, account: Account) -> list[records.Summary]:
        """The sessions an account may see, newest first."""
        with self.database.transaction() as tx:
            return records.summaries(tx, account)

    def hint(self, account: Account, session_id: str) -> str:
        """One line of coaching for the session's next turn, as the terminal's /hint gives."""
        return self.open(account, session_id).session.hint()

    # -- writing ---------------------------------------------------------------

    def start(
        self,
        account: Account,
        scenario_id: str,
        *,
        seed: int | None = None,
        difficulty: str | None = None,
    ) -> StoredSession:
        """Start a new session of a scenario for the account."""
        scenario = self.library.get(scenario_id)
        level = difficulty or DEFAULT_DIFFICULTY
        if level not in scenario.difficulties:
            known = ", ".join(scenario.difficulties)
            raise UserError(f"{scenario.id} has no difficulty '{level}' (it has: {known})")
        if seed is None:
            seed = secrets.randbelow(SEED_RANGE)
        with self.database.transaction() as tx:
            return records.create(
                tx,
                account,
                scenario=(scenario.id, scenario.version),
                difficulty=level,
                seed=seed,
                rubric_version=CURRENT_VERSION,
            )

    def _owned(self, tx: Transaction, account: Account, session_id: str) -> StoredSession:
        record = records.find(tx, account, session_id)
        if record.learner_id != account.id:
            raise Forbidden("only the learner who practises a session can change it")
        return record

    def take_turn(self, account: Account, session_id: str, text: str) -> TurnTaken:
        """Play one learner turn in a stored session: one at a time, none lost or repeated."""
        text = check_turn_text(text)
        # Who may see the session is checked before anything could tell them it is busy.
        with self.database.session() as tx:
            self._owned(tx, account, session_id)
            with self._busy.hold(session_id):
                record = records.lock(tx, session_id)
                if record.status != OPEN:
                    raise Conflict(
                        "this session has ended; start a new one or try again from a turn"
                    )
                session = self._replay(tx, record)
                turns = session.take_turn(text)
                records.append(tx, record, text)
                if session.closed:
                    self._close(tx, record, session)
                tx.commit()
                self._live.put(session_id, session)
        return TurnTaken(turns, record.status)

    def end(self, account: Account, session_id: str) -> None:
        """End a session at the learner's request; its scorecard is then final."""
        with self.database.session() as tx:
            self._owned(tx, account, session_id)
            with self._busy.hold(session_id):
                record = records.lock(tx, session_id)
                if record.status == OPEN:
                    session = self._replay(tx, record)
                    session.end()
                    self._close(tx, record, session)
                    tx.commit()

    def _close(self, tx: Transaction, record: StoredSession, session: Session) -> None:
        record.status = CLOSED
        record.closed_at = record.closed_at or now()
        result = session.result()
        scores.write(tx, record, result, self._scenario(record).type, record.created_at)
        self._queue_statement(tx, record, result)

    def _queue_statement(
        self, tx: Transaction, record: StoredSession, result: dict[str, Any]
    ) -> None:
        """Queue the session's xAPI statement; the learner's request never waits for the LRS."""
        learner = tx.get(User, record.learner_id)
        assert learner is not None and record.closed_at is not None
        statement = xapi.statement(
            session_id=record.id,
            email=learner.email,
            scenario=self._scenario(record),
            result=result,
            started_at=utc(record.created_at),
            finished_at=utc(record.closed_at),
            base=xapi.iri_base(),
        )
        outbox.enqueue(tx, record, statement)

    def store_played(
        self,
        account: Account,
        scenario_id: str,
        texts: list[str],
        *,
        seed: int,
        difficulty: str,
        started_at: datetime,
        finished_at: datetime,
        session: Session | None = None,
    ) -> StoredSession:
        """Store a session played elsewhere (a scripted learner): its turns, scores, statement."""
        scenario = self.library.get(scenario_id)
        played = session or replay(scenario, texts, seed=seed, difficulty=difficulty)
        played.end()
        with self.database.transaction() as tx:
            record = records.create(
                tx,
                account,
                scenario=(scenario.id, scenario.version),
                difficulty=difficulty,
                seed=seed,
                rubric_version=played.rubric_version,
                turns=[e.learner.text for e in played.exchanges],
            )
            record.created_at, record.closed_at = started_at, finished_at
            self._close(tx, record, played)
        return record

    def branch(self, account: Account, session_id: str, turn: int) -> StoredSession:
        """Start a new session with the learner turns before `turn` of a finished one."""
        with self.database.transaction() as tx:
            record = self._owned(tx, account, session_id)
            if record.status != CLOSED:
                raise Conflict("finish this session before trying a turn again")
            if not 1 <= turn <= record.turn_count:
                raise UserError(f"this session has learner turns 1 to {record.turn_count}")
            return records.create(
                tx,
                account,
                scenario=(record.scenario_id, record.scenario_version),
                difficulty=record.difficulty,
                seed=record.seed,
                rubric_version=record.rubric_version,
                parent=(record.id, turn),
                turns=records.texts(tx, record.id)[: turn - 1],
            )

    def rescore(self, rubric_version: str | None = None) -> int:
        """Recompute the score tables of every closed session from its stored turns."""
        version = load_rubric(rubric_version or CURRENT_VERSION).version
        count = 0
        for session_id in records.closed_ids(self.database):
            with self.database.transaction() as tx:
                record = records.lock(tx, session_id)
                session = replay(
                    self._scenario(record),
                    records.texts(tx, record.id),
                    seed=record.seed,
                    difficulty=record.difficulty,
                    rubric_version=version,
                )
                session.end()
                scenario_type = self._scenario(record).type
                result = session.result()
                scores.write(tx, record, result, scenario_type, record.created_at)
                if record.closed_at is not None:
                    self._queue_statement(tx, record, result)
            count += 1
        return count
