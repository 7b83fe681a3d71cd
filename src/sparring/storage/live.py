"""Live sessions kept in memory between requests, and the turn each is busy with."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from sparring.session import Session
from sparring.storage.errors import Conflict
from sparring.storage.records import BUSY


class LiveSessions:
    """The most recently used sessions, so a request need not replay every stored turn."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._items: OrderedDict[str, Session] = OrderedDict()
        self._guard = threading.Lock()

    def take(self, session_id: str, turns: int) -> Session | None:
        """Remove and return a session if it holds exactly this many learner turns."""
        with self._guard:
            session = self._items.pop(session_id, None)
        return session if session is not None and session.learner_turns == turns else None

    def put(self, session_id: str, session: Session) -> None:
        """Keep a session, unless a newer one with more turns is already kept."""
        with self._guard:
            kept = self._items.get(session_id)
            if kept is not None and kept.learner_turns > session.learner_turns:
                return
            self._items[session_id] = session
            self._items.move_to_end(session_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class BusySessions:
    """Sessions taking a turn in this process: a second turn at once is refused, not queued."""

    def __init__(self) -> None:
        self._held: set[str] = set()
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, session_id: str) -> Iterator[None]:
        """Hold a session for one turn, or raise Conflict when another turn holds it."""
        with self._guard:
            if session_id in self._held:
                raise Conflict(BUSY)
            self._held.add(session_id)
        try:
            yield
        finally:
            with self._guard:
                self._held.discard(session_id)
