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
        return CounterpartState(id=self.role.id, trust=trust, trust_history=(trust,))

    def respond(
        self, state: CounterpartState, view: LearnerView
    ) -> tuple[Decision, CounterpartState]:
        """Decide the reply to the learner's current turn and return the next state."""
        turn, number = view.current, view.number
        trust = self.trust_model.update(state, view, self.economics, self.role)
        state = replace(
            state,
            trust=trust,
            trust_history=(*state.trust_history, trust),
            pressure_turns=(*state.pressure_turns, number)
            if turn.has("pressure")
            else state.pressure_turns,
        )
        if turn.has("escalate"):
            return self._end(state, ESCALATED, ())
        floor = self.role.trust.walk_away_below
        if trust < floor and len(state.trust_history) > 2 and state.trust_history[-2] < floor:
            # The first time trust hits the floor earns a warning; the second, a walk-out.
            return self._end(state, WALKED_AWAY, ())
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
        agreed = self._agreed(state, view)
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
        if turn.offers:
            moves += ["decline", "push_back"]
            reason = "pressure" if turn.has("pressure") else self._costliest(turn.offers)
            package = self._counter(state, view)
        elif turn.has("pressure"):
            moves.append("push_back")
            reason = "warning" if trust < floor else "pressure"
        elif (turn.has("reject") and state.counter is not None) or (
            (turn.has("need") or (turn.has("inquiry") and not turn.topics))
            and (
                state.counter is None and number >= 2 and (view.before("need") or turn.has("need"))
            )
        ):
            package = self._counter(state, view)
        if package is not None:
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

    def _end(
        self, state: CounterpartState, status: str, moves: tuple[str, ...]
    ) -> tuple[Decision, CounterpartState]:
        return Decision((*moves, "close"), status=status), replace(state, status=status)

    def _agreed(self, state: CounterpartState, view: LearnerView) -> Offer | None:
        """Return the package both sides now agree on, if any."""
        turn, economics = view.current, self.economics
        if turn.has("reject"):
            return None
        standing = state.counter
        if turn.accepts is not None and economics.complete(turn.accepts) == standing:
            return standing
        acceptable = []
        for offer in turn.offers:
            package = economics.complete(offer)
            if package == standing or self.concession.acceptable(
                self.role, economics, package, view.number, state.trust
            ):
                acceptable.append(package)
        if not acceptable:
            return None
        return max(acceptable, key=lambda p: economics.points(p, self.role.id))

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
