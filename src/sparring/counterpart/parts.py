"""The counterpart's swappable parts: trust, disclosure, acceptance and offering."""

from __future__ import annotations

from dataclasses import dataclass

from sparring.counterpart.state import CounterpartState, LearnerView, Offer
from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import LEARNER, CounterpartRole, Difficulty

SENSITIVE_QUIET_TURNS = 3


@dataclass(frozen=True)
class TrustModel:
    """Trust rises with acknowledgement and accurate reflection, falls with pressure."""

    acknowledge: float = 0.15
    reflect_accurate: float = 0.10
    reflect_vague: float = 0.02
    inquiry: float = 0.03
    need: float = 0.02
    rapport: float = 0.02
    accommodation: float = 0.04
    early_anchor: float = -0.08
    extreme_anchor: float = -0.05
    pressure: float = -0.15
    reject: float = -0.03
    escalate: float = -0.40
    repeat_decay: float = 0.6

    def update(
        self,
        state: CounterpartState,
        view: LearnerView,
        economics: Economics,
        role: CounterpartRole,
    ) -> float:
        """Return the trust after the learner's current turn."""
        turn, delta = view.current, 0.0
        if turn.has("acknowledge"):
            delta += self.acknowledge * self.repeat_decay ** view.count("acknowledge")
        if turn.has("reflect"):
            accurate = set(turn.echoes) & set(state.revealed)
            gain = self.reflect_accurate if accurate else self.reflect_vague
            delta += gain * self.repeat_decay ** view.count("reflect")
        if turn.has("inquiry") and view.count("inquiry") < 5:
            delta += self.inquiry
        if turn.has("need") and not view.before("need"):
            delta += self.need
        if turn.has("rapport") and view.count("rapport") < 2:
            delta += self.rapport
        if turn.offers:
            if view.number <= 2 and not view.before("inquiry") and not turn.has("inquiry"):
                delta += self.early_anchor
            own = [economics.points(economics.complete(o), role.id) for o in turn.offers]
            reservation = economics.reservation(role.id)
            # Extreme: further below the reservation than half the room above it.
            if max(own) < reservation - 0.5 * (economics.best(role.id) - reservation):
                delta += self.extreme_anchor
            if accommodated(role, state, turn.offers):
                delta += self.accommodation
        if turn.has("pressure"):
            delta += self.pressure
        if turn.has("reject"):
            delta += self.reject
        if turn.has("escalate"):
            delta += self.escalate
        return round(min(1.0, max(0.0, state.trust + delta)), 4)


def accommodated(role: CounterpartRole, state: CounterpartState, offers: tuple[Offer, ...]) -> bool:
    """Tell whether an offer builds in a constraint the counterpart has revealed."""
    for constraint in role.constraints:
        if constraint.id not in state.revealed:
            continue
        for issue, options in constraint.accommodated_by.items():
            if any(offer.get(issue) in options for offer in offers):
                return True
    return False


@dataclass(frozen=True)
class Disclosure:
    """Reveal a hidden constraint only when asked about its topic and trust passes its gate."""

    def decide(
        self,
        role: CounterpartRole,
        state: CounterpartState,
        view: LearnerView,
        difficulty: Difficulty,
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return the constraints to reveal now and those asked about but withheld."""
        turn = view.current
        if not turn.has("inquiry"):
            return (), ()
        reveal: list[str] = []
        withhold: list[str] = []
        recent_pressure = any(view.number - n < SENSITIVE_QUIET_TURNS for n in state.pressure_turns)
        for constraint in role.constraints:
            if constraint.id not in turn.topics or constraint.id in state.revealed:
                continue
            open_enough = state.trust >= constraint.gate + difficulty.gate_shift
            if constraint.sensitive:
                acknowledged = view.before("acknowledge") or turn.has("acknowledge")
                open_enough = open_enough and acknowledged and not recent_pressure
            if open_enough and len(reveal) < difficulty.disclosures_per_turn:
                reveal.append(constraint.id)
            elif not open_enough:
                withhold.append(constraint.id)
        return tuple(reveal), tuple(withhold)


@dataclass(frozen=True)
class Concession:
    """The acceptance threshold: from aspiration down to the reservation as time passes.

    Trust earned shortens the road; no wording moves the floor.
    """

    trust_speedup: float = 0.5

    def threshold(
        self,
        role: CounterpartRole,
        economics: Economics,
        turn: int,
        trust: float,
    ) -> float:
        """Return the lowest value the counterpart accepts at this turn."""
        difficulty = economics.difficulty
        reservation = economics.reservation(role.id)
        aspiration = max(reservation, role.aspiration + difficulty.reservation_shift)
        start_trust = (
            difficulty.trust_start if difficulty.trust_start is not None else role.trust.start
        )
        earned = max(0.0, trust - start_trust)
        window = difficulty.concession_window * difficulty.max_turns
        progress = min(1.0, turn / window + self.trust_speedup * earned)
        remaining = 1.0 - float(progress**difficulty.concession)
        return reservation + (aspiration - reservation) * remaining

    def acceptable(
        self, role: CounterpartRole, economics: Economics, package: Offer, turn: int, trust: float
    ) -> bool:
        """Tell whether a complete package is at or above both the threshold and reservation."""
        own = economics.points(package, role.id)
        floor = max(economics.reservation(role.id), self.threshold(role, economics, turn, trust))
        return own >= floor


@dataclass(frozen=True)
class Offering:
    """Counter-offers: own interests first, moving toward the learner's needs as trust grows."""

    base_weight: float = 0.15
    trust_weight: float = 0.7

    def open_issues(
        self, economics: Economics, state: CounterpartState, view: LearnerView
    ) -> frozenset[str]:
        """Issues the counterpart will trade on: raised by the learner or surfaced by a reveal."""
        raised = view.raised()
        return frozenset(
            issue.id
            for issue in economics.scenario.issues
            if not issue.surfaced_by
            or issue.id in raised
            or set(issue.surfaced_by) & set(state.revealed)
        )

    def counter(
        self,
        role: CounterpartRole,
        economics: Economics,
        state: CounterpartState,
        view: LearnerView,
        threshold: float,
    ) -> Offer | None:
        """Choose the package to offer, or None when nothing responsive is acceptable."""
        open_issues = self.open_issues(economics, state, view)
        defaults = economics.complete({})
        status_quo = economics.points(defaults, LEARNER)
        reservation = economics.reservation(role.id)
        core = [i.id for i in economics.scenario.issues if i.core]
        fixed = [i for i in defaults if i not in open_issues]
        # (package, its points for the learner, for the counterpart, whether the learner
        # could deliver it): read from tables computed once per scenario and difficulty.
        candidates = [
            (p, theirs, own, deliverable)
            for p, theirs, own, deliverable in zip(
                economics.packages,
                economics.package_points(LEARNER),
                economics.package_points(role.id),
                economics.package_feasible,
                strict=True,
            )
            if theirs > status_quo
            and own >= reservation
            and all(p[i] == defaults[i] for i in fixed)
            and all(p[i] != defaults[i] for i in core)
        ]
        if not candidates:
            return None
        preferred = [c for c in candidates if c[2] >= threshold]
        if not preferred:
            best = max(c[2] for c in candidates)
            preferred = [c for c in candidates if c[2] == best]
        weight = min(0.85, self.base_weight + self.trust_weight * state.trust)
        knows_needs = view.before("need") or view.current.has("need")
        # Once the learner has said what they need, packages they cannot deliver rank last.
        learner = [
            points - 10_000 if knows_needs and not deliverable else points
            for _, points, _, deliverable in preferred
        ]
        own = [c[2] for c in preferred]
        top_own, low_own = max(own), min(own)
        top_learner, low_learner = max(learner), min(learner)

        def score(k: int) -> tuple[float, int]:
            own_n = (own[k] - low_own) / ((top_own - low_own) or 1)
            learner_n = (learner[k] - low_learner) / ((top_learner - low_learner) or 1)
            return ((1 - weight) * own_n + weight * learner_n, own[k])

        return preferred[max(range(len(preferred)), key=score)][0]
