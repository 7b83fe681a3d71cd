"""The one contract between understanding and everything after it: the ParsedTurn."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sparring.scenarios.model import OptionId, Scenario

ACTS = (
    "inquiry",
    "need",
    "proposal",
    "acknowledge",
    "reflect",
    "accept",
    "reject",
    "escalate",
    "pressure",
    "rapport",
    "other",
)
LEARNER_ACTS = ACTS[:-1]
Package = Mapping[str, OptionId]


def ordered_acts(acts: set[str] | frozenset[str]) -> tuple[str, ...]:
    """Put acts in the taxonomy's order; a turn with no act is `other`."""
    chosen = tuple(a for a in ACTS if a in acts and a != "other")
    return chosen or ("other",)


@dataclass(frozen=True)
class Table:
    """What is on the table when a turn is read, to resolve "option two" or "that works"."""

    counter: Package | None = None
    options: tuple[Package, ...] = ()
    options_from: str = "learner"
    latest: Package | None = None


@dataclass(frozen=True)
class Context:
    """What understanding may know besides the words: the scenario and the table."""

    scenario: Scenario | None = None
    table: Table = field(default_factory=Table)


@dataclass(frozen=True)
class ParsedTurn:
    """A learner turn as acts, offers and references; the only thing the counterpart sees."""

    text: str
    acts: tuple[str, ...]
    offers: tuple[dict[str, OptionId], ...] = ()
    accepts: dict[str, OptionId] | None = None
    topics: tuple[str, ...] = ()
    echoes: tuple[str, ...] = ()
    spans: Mapping[str, str] = field(default_factory=dict)

    def has(self, act: str) -> bool:
        """Tell whether the turn holds an act."""
        return act in self.acts

    def quote(self, act: str) -> str:
        """Return the exact part of the turn that carried an act (the whole turn if unknown)."""
        return self.spans.get(act, self.text)


class ActClassifier(Protocol):
    """Read the acts of one utterance; rules and trained models both fit here."""

    name: str

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        """Return each act of the utterance with the exact sentence that carried it.

        `offer_sentences` are the sentences of `text` in which the offer grammar found terms.
        """
        ...


class Understander(Protocol):
    """Turn a learner utterance into a ParsedTurn."""

    def parse(self, text: str, context: Context) -> ParsedTurn:
        """Read one learner turn in its context."""
        ...
