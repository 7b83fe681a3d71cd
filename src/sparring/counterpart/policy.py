"""The counterpart's policy: assembled from its parts, deterministic, and free of I/O."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sparring.counterpart.parts import Concession, Disclosure, Offering, TrustModel
from sparring.counterpart.state import (
    AGREEMENT,
    ESCALATED,
    NO_AGREEMENT,
    OPEN,
    WALKED_AWAY,
    CounterpartState,
    Decision,
    LearnerView,
    Offer,
)
from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import CounterpartRole


@dataclass(frozen=True)
class Heard:
    """A counterpart after hearing a turn: its new state, what it could accept, or its exit."""

    state: CounterpartState
    acceptable: tuple[Offer, ...]
    ending: tuple[Decision, CounterpartState] | None


@dataclass(frozen=True)
class Counterpart:
    """A resistant, resource-constrained peer: hidden state in, one decision out."""

    role: CounterpartRole
    economics: Economics
    trust_model: TrustModel = field(default_factory=TrustModel)
    disclosure: Disclosure = field(default_factory=Disclosure)
    concession: Concession = field(default_factory=Concession)
    offering: Offering = field(default_factory=Offering)

    def start(self) -> CounterpartState:
        """Return the state before the learner's first turn."""
        difficulty = self.economics.difficulty
        trust = (
            difficulty.trust_start if difficulty.trust_start is not None else self.role.trust.start
        )
        opening = self.role.opening_offer
        counter = self.economics.complete(opening) if opening is not None else None
        return CounterpartState(
            id=self.role.id, trust=trust, trust_history=(trust,), counter=counter
        )

    def respond(
        self, state: CounterpartState, view: LearnerView
    ) -> tuple[Decision, CounterpartState]:
        """Decide the reply to the learner's turn when this counterpart decides alone."""
        heard = self.hear(state, view)
        if heard.ending is not None:
            return heard.ending
        agreed = max(heard.acceptable, key=self._own, default=None)
        return self.reply(heard, view, agreed)

    def hear(self, state: CounterpartState, view: LearnerView) -> Heard:
        """Update trust from the learner's turn and find what it could accept (phase one)."""
        turn, number = view.current, view.number
        trust = self.trust_model.update(state, view, self.economics, self.role)
        pressure_turns = (*state.pressure_turns, number) if turn.has("pressure") else ()
        state = replace(
            state,
            trust=trust,
            trust_history=(*state.trust_history, trust),
            pressure_turns=pressure_turns or state.pressure_turns,
        )
        if turn.has("escalate"):
            return Heard(state, (), self._end(state, ESCALATED))
        floor = self.role.trust.walk_away_below
        if trust < floor and len(state.trust_history) > 2 and state.trust_history[-2] < floor:
            # The first time trust hits the floor earns a warning; the second, a walk-out.
            return Heard(state, (), self._end(state, WALKED_AWAY))
        return Heard(state, self._acceptable(state, view), None)

    def reply(
        self, heard: Heard, view: LearnerView, agreed: Offer | None
    ) -> tuple[Decision, CounterpartState]:
        """Reply given the package every party accepts, if any (phase two)."""
        state, turn, number = heard.state, view.current, view.number
        moves: list[str] = []
        if turn.has("acknowledge") or (
            turn.has("reflect") and set(turn.echoes) & set(state.revealed)
        ):
            moves.append("acknowledge")
        revealed, withheld = self.disclosure.decide(
            self.role, state, view, self.economics.difficulty
        )
        if revealed:
            moves.append("reveal")
            state = replace(state, revealed=(*state.revealed, *revealed))
        elif withheld:
            moves.append("deflect")
        if agreed is not None:
            decision = Decision(
                (*moves, "accept", "close"),
                revealed=revealed,
                package=agreed,
                mention=self._said(state, view, agreed),
                status=AGREEMENT,
            )
            return decision, replace(state, status=AGREEMENT, agreement=agreed)
        package, reason = None, None
        if heard.acceptable:
            # Acceptable to this counterpart but not to every party: it says so, and waits.
            moves.append("support")
            package = max(heard.acceptable, key=self._own)
        elif turn.offers and not any(self._names_core(o) for o in turn.offers):
            # Terms that leave the core unsaid are an exploration: answer with an offer.
            package = self._counter(state, view)
        elif turn.offers:
            moves += ["decline", "push_back"]
            reason = "pressure" if turn.has("pressure") else self._costliest(turn.offers)
            package = self._counter(state, view)
        elif turn.has("pressure"):
            moves.append("push_back")
            reason = "warning" if state.trust < self.role.trust.walk_away_below else "pressure"
        elif self._invited(state, view):
            package = self._counter(state, view)
        if package is not None and "support" not in moves:
            moves.append("counter")
            state = replace(state, counter=package)
        status = OPEN
        if number >= self.economics.difficulty.max_turns:
            moves.append("close")
            status = NO_AGREEMENT
            state = replace(state, status=status)
        decision = Decision(
            tuple(moves),
            revealed=revealed,
            deflected=withheld,
            package=package,
            mention=tuple(sorted(self.offering.open_issues(self.economics, state, view))),
            reason=reason,
            status=status,
        )
        return decision, state

    def _invited(self, state: CounterpartState, view: LearnerView) -> bool:
        """Tell whether the learner's turn calls for a (new) offer without proposing one."""
        turn = view.current
        if turn.has("reject") and state.counter is not None:
            return True
        asked = turn.has("need") or (turn.has("inquiry") and not turn.topics)
        stated_need = view.before("need") or turn.has("need")
        return asked and state.counter is None and view.number >= 2 and stated_need

    def _names_core(self, offer: Offer) -> bool:
        """Tell whether an offer says what happens on every core issue."""
        return all(i.id in offer for i in self.economics.scenario.issues if i.core)

    def _own(self, package: Offer) -> int:
        return self.economics.points(package, self.role.id)

    def close(self, state: CounterpartState, status: str) -> tuple[Decision, CounterpartState]:
        """Leave the meeting because it ended for another reason (another party's exit)."""
        return self._end(state, status)

    def _end(self, state: CounterpartState, status: str) -> tuple[Decision, CounterpartState]:
        return Decision(("close",), status=status), replace(state, status=status)

    def _acceptable(self, state: CounterpartState, view: LearnerView) -> tuple[Offer, ...]:
        """Complete packages on the table this turn that this counterpart would agree to."""
        turn, economics = view.current, self.economics
        if turn.has("reject"):
            return ()
        # "Would a phased launch help?" names no core term: it explores, it is not a deal.
        offers = [o for o in turn.offers if self._names_core(o)]
        candidates = [economics.complete(offer) for offer in offers]
        if turn.accepts is not None:
            candidates.append(economics.complete(turn.accepts))
        found: list[Offer] = []
        for package in candidates:
            standing = package == state.counter
            if package not in found and (
                standing
                or self.concession.acceptable(
                    self.role, economics, package, view.number, state.trust
                )
            ):
                found.append(package)
        return tuple(found)

    def _counter(self, state: CounterpartState, view: LearnerView) -> Offer | None:
        threshold = self.concession.threshold(self.role, self.economics, view.number, state.trust)
        return self.offering.counter(self.role, self.economics, state, view, threshold)

    def _costliest(self, offers: tuple[Offer, ...]) -> str:
        """The issue that costs the counterpart most in the learner's best offer for it."""
        economics, me = self.economics, self.role.id
        offer = max(offers, key=lambda o: economics.points(economics.complete(o), me))

        def cost(issue_id: str) -> int:
            issue = economics.scenario.issue(issue_id)
            best = max(o.points[me] for o in issue.options)
            return best - issue.option(offer[issue_id]).points[me]

        return max(offer, key=cost)

    def _said(self, state: CounterpartState, view: LearnerView, package: Offer) -> tuple[str, ...]:
        """Issues worth saying when confirming terms: those in play or not at status quo."""
        defaults = self.economics.complete({})
        in_play = self.offering.open_issues(self.economics, state, view)
        return tuple(i for i in package if i in in_play or package[i] != defaults[i])
