"""The seven indicators: each a value read from the transcript, with the turns behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sparring.scoring.outcome import outcome
from sparring.transcript import Exchange, Transcript

MAX_QUOTES = 3


@dataclass(frozen=True)
class Evidence:
    """A learner turn and the exact words from it that an indicator rests on."""

    turn: int
    n: int
    quote: str

    @classmethod
    def of(cls, exchange: Exchange, act: str | None = None) -> Evidence:
        """Quote the part of a learner turn that carried an act (the whole turn otherwise)."""
        turn = exchange.learner
        quote = turn.quote(act) if act else turn.text
        return cls(exchange.number, exchange.n, quote)


@dataclass(frozen=True)
class Reading:
    """An indicator's value, whether it was earned with preparation, and its evidence."""

    value: float | None
    evidence: tuple[Evidence, ...]
    prepared: bool = True


def _before_first_proposal(t: Transcript) -> tuple[Exchange, ...]:
    first = t.first("proposal")
    return tuple(e for e in t.exchanges if first is None or e.number < first.number)


def anchoring(t: Transcript) -> Reading:
    """The learner turn of the first proposal; prepared if a need or question came first."""
    first = t.first("proposal")
    if first is None:
        return Reading(None, ())
    earlier = _before_first_proposal(t)
    prepared = any(e.learner.has("inquiry") or e.learner.has("need") for e in earlier)
    return Reading(first.number, (Evidence.of(first, "proposal"),), prepared)


def inquiry(t: Transcript) -> Reading:
    """Learner turns with a genuine question before the first proposal."""
    asked = [e for e in _before_first_proposal(t) if e.learner.has("inquiry")]
    return Reading(len(asked), tuple(Evidence.of(e, "inquiry") for e in asked[:MAX_QUOTES]))


def constraint_precision(t: Transcript) -> Reading:
    """Share of hidden constraints surfaced and then reflected back or built into an offer."""
    constraints = [k for c in t.scenario.counterparts for k in c.constraints]
    if not constraints:
        return Reading(None, ())
    revealed = t.revealed_at()
    used: dict[str, Exchange] = {}
    for exchange in t.exchanges:
        turn = exchange.learner
        for constraint in constraints:
            shown = revealed.get(constraint.id)
            if constraint.id in used or shown is None or exchange.number <= shown:
                continue
            reflected = turn.has("reflect") and constraint.id in turn.echoes
            built = any(
                offer.get(issue) in options
                for offer in turn.offers
                for issue, options in constraint.accommodated_by.items()
            )
            if reflected or built:
                used[constraint.id] = exchange
    evidence = []
    distinct = {e.number: e for e in used.values()}
    for _, exchange in sorted(distinct.items())[:MAX_QUOTES]:
        act = "reflect" if exchange.learner.has("reflect") else "proposal"
        evidence.append(Evidence.of(exchange, act))
    return Reading(round(len(used) / len(constraints), 2), tuple(evidence))


def options(t: Transcript) -> Reading:
    """The largest number of alternative packages offered in one learner turn."""
    widest = max(t.exchanges, key=lambda e: len(e.learner.offers), default=None)
    if widest is None or not widest.learner.offers:
        return Reading(0, ())
    return Reading(len(widest.learner.offers), (Evidence.of(widest, "proposal"),))


def tension_naming(t: Transcript) -> Reading:
    """Learner turns that named the tension or the cost to the other side."""
    named = [e for e in t.exchanges if e.learner.has("acknowledge")]
    return Reading(len(named), tuple(Evidence.of(e, "acknowledge") for e in named[:MAX_QUOTES]))


def agreement_zone(t: Transcript) -> Reading:
    """Joint efficiency of a viable agreement; 0 when escalated or capitulated."""
    result = outcome(t)
    last = t.exchanges[-1] if t.exchanges else None
    evidence = (Evidence.of(last),) if last is not None else ()
    if result["escalated"]:
        escalation = t.first("escalate")
        return Reading(0, (Evidence.of(escalation, "escalate"),) if escalation else evidence)
    if result["capitulated"]:
        return Reading(0, evidence)
    if result["joint_efficiency"] is None:
        return Reading(None, ())
    return Reading(float(result["joint_efficiency"]), evidence)


def relationship(t: Transcript) -> Reading:
    """The counterpart's trust at the end; the turns that moved it most are the evidence."""
    final = t.final_trust()
    value = round(min(final.values()), 2) if final else None
    moved: list[tuple[float, Exchange]] = []
    previous = dict(t.start_trust)
    for exchange in t.exchanges:
        change = 0.0
        for reply in exchange.replies:
            change += reply.trust - previous.get(reply.counterpart, reply.trust)
            previous[reply.counterpart] = reply.trust
        if change:
            moved.append((change, exchange))
    falls = sorted((m for m in moved if m[0] < 0), key=lambda m: m[0])
    rises = sorted((m for m in moved if m[0] > 0), key=lambda m: -m[0])
    chosen = (falls or rises)[:2]
    return Reading(
        value, tuple(Evidence.of(e) for _, e in sorted(chosen, key=lambda m: m[1].number))
    )


INDICATORS: dict[str, Callable[[Transcript], Reading]] = {
    "anchoring": anchoring,
    "inquiry": inquiry,
    "constraint_precision": constraint_precision,
    "options": options,
    "tension_naming": tension_naming,
    "agreement_zone": agreement_zone,
    "relationship": relationship,
}
