"""The counterpart's hidden state, its read-only view of the learner, and its decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sparring.scenarios.model import OptionId
from sparring.understanding.types import ParsedTurn

Offer = dict[str, OptionId]
OPEN = "open"
AGREEMENT = "agreement"
ESCALATED = "escalated"
WALKED_AWAY = "walked_away"
NO_AGREEMENT = "no_agreement"
STATUSES = (AGREEMENT, NO_AGREEMENT, ESCALATED, WALKED_AWAY)


@dataclass(frozen=True)
class LearnerView:
    """What the counterpart may know of the learner: parsed turns, never raw control."""

    history: tuple[ParsedTurn, ...]
    current: ParsedTurn

    @property
    def number(self) -> int:
        """The current learner turn number, 1-based."""
        return len(self.history) + 1

    def before(self, act: str) -> bool:
        """Tell whether any earlier learner turn held an act."""
        return any(turn.has(act) for turn in self.history)

    def count(self, act: str) -> int:
        """Count earlier learner turns that held an act."""
        return sum(turn.has(act) for turn in self.history)

    def raised(self) -> frozenset[str]:
        """Issues the learner has put in an offer so far, this turn included."""
        turns = (*self.history, self.current)
        return frozenset(issue for turn in turns for offer in turn.offers for issue in offer)


@dataclass(frozen=True)
class CounterpartState:
    """Everything the counterpart remembers between turns. Replaced, never mutated."""

    id: str
    trust: float
    revealed: tuple[str, ...] = ()
    counter: Offer | None = None
    pressure_turns: tuple[int, ...] = ()
    status: str = OPEN
    agreement: Offer | None = None
    trust_history: tuple[float, ...] = field(default=())


@dataclass(frozen=True)
class Decision:
    """What the counterpart does this turn; the voice turns it into words."""

    moves: tuple[str, ...]
    revealed: tuple[str, ...] = ()
    deflected: tuple[str, ...] = ()
    package: Offer | None = None
    mention: tuple[str, ...] = ()
    reason: str | None = None
    status: str = OPEN
