"""A session's record: what scoring, the debrief and coaching read. Data only."""

from __future__ import annotations

from dataclasses import dataclass

from sparring.counterpart.state import AGREEMENT, Decision, Offer
from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import Scenario
from sparring.understanding.types import ParsedTurn


@dataclass(frozen=True)
class Reply:
    """One counterpart's answer to a learner turn."""

    n: int
    counterpart: str
    decision: Decision
    text: str
    trust: float


@dataclass(frozen=True)
class Exchange:
    """A learner turn and the replies to it."""

    number: int
    n: int
    learner: ParsedTurn
    replies: tuple[Reply, ...]


@dataclass(frozen=True)
class Transcript:
    """Everything that happened in a session, and how it ended."""

    scenario: Scenario
    economics: Economics
    exchanges: tuple[Exchange, ...]
    start_trust: dict[str, float]
    status: str
    agreement: Offer | None

    @property
    def agreed(self) -> bool:
        """Tell whether the session ended in agreement."""
        return self.status == AGREEMENT and self.agreement is not None

    def revealed_at(self) -> dict[str, int]:
        """The learner turn number at which each constraint was revealed."""
        found: dict[str, int] = {}
        for exchange in self.exchanges:
            for reply in exchange.replies:
                for constraint in reply.decision.revealed:
                    found.setdefault(constraint, exchange.number)
        return found

    def final_trust(self) -> dict[str, float]:
        """Each counterpart's trust at the end."""
        trust = dict(self.start_trust)
        for exchange in self.exchanges:
            for reply in exchange.replies:
                trust[reply.counterpart] = reply.trust
        return trust

    def first(self, act: str) -> Exchange | None:
        """The first exchange whose learner turn holds an act."""
        return next((e for e in self.exchanges if e.learner.has(act)), None)
