"""The seven indicators: each a value read from the transcript, with the turns behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sparring.scenarios.model import Issue, OptionId
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
    forfeit: bool = False


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
    used = _used_constraints(t)
    evidence = []
    distinct = {e.number: e for e in used.values()}
    for _, exchange in sorted(distinct.items())[:MAX_QUOTES]:
        act = "reflect" if exchange.learner.has("reflect") else "proposal"
        evidence.append(Evidence.of(exchange, act))
    return Reading(round(len(used) / len(constraints), 2), tuple(evidence))


def _used_constraints(t: Transcript) -> dict[str, Exchange]:
    """Constraints surfaced and then reflected back or built into an offer, with the turn."""
    constraints = [k for c in t.scenario.counterparts for k in c.constraints]
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
    return used


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
        quoted = (Evidence.of(escalation, "escalate"),) if escalation else evidence
        return Reading(0, quoted, forfeit=True)
    if result["capitulated"]:
        return Reading(0, evidence, forfeit=True)
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


def _joint_best(issue: Issue) -> set[OptionId]:
    totals = {o.id: sum(o.points.values()) for o in issue.options}
    best = max(totals.values())
    return {option for option, total in totals.items() if total == best}


def _settled(t: Transcript) -> tuple[dict[str, OptionId] | None, Exchange | None]:
    """The agreement, else the learner's proposal with the most joint value."""
    last = t.exchanges[-1] if t.exchanges else None
    if t.agreed and t.agreement is not None:
        return dict(t.agreement), last
    best: tuple[int, dict[str, OptionId], Exchange] | None = None
    for exchange in t.exchanges:
        for offer in exchange.learner.offers:
            package = t.economics.complete(offer)
            joint = t.economics.joint(package)
            if best is None or joint > best[0]:
                best = (joint, package, exchange)
    return (best[1], best[2]) if best else (None, None)


def trades(t: Transcript) -> Reading:
    """Share of integrative issues settled on the option worth most to both sides together."""
    issues = [i for i in t.scenario.issues if i.kind == "integrative"]
    package, exchange = _settled(t)
    if not issues or package is None or exchange is None:
        return Reading(None, ())
    traded = sum(package[i.id] in _joint_best(i) for i in issues)
    act = "proposal" if exchange.learner.has("proposal") else None
    return Reading(round(traded / len(issues), 2), (Evidence.of(exchange, act),))


def compatible_issues(t: Transcript) -> Reading:
    """Share of compatible issues the learner found: proposed or agreed at the shared best."""
    issues = [i for i in t.scenario.issues if i.kind == "compatible"]
    if not issues:
        return Reading(None, ())
    found: dict[str, Exchange] = {}
    for exchange in t.exchanges:
        for issue in issues:
            if issue.id not in found and any(
                offer.get(issue.id) in _joint_best(issue) for offer in exchange.learner.offers
            ):
                found[issue.id] = exchange
    if t.agreed and t.agreement is not None and t.exchanges:
        for issue in issues:
            if issue.id not in found and t.agreement[issue.id] in _joint_best(issue):
                found[issue.id] = t.exchanges[-1]
    distinct = {e.number: e for e in found.values()}
    evidence = tuple(Evidence.of(e, "proposal") for _, e in sorted(distinct.items())[:MAX_QUOTES])
    return Reading(round(len(found) / len(issues), 2), evidence)


def bridging(t: Transcript) -> Reading:
    """The weaker side's share of constraints surfaced and used: no counterpart left behind."""
    shares = []
    evidence: list[Evidence] = []
    used = _used_constraints(t)
    for counterpart in t.scenario.counterparts:
        mine = {k.id for k in counterpart.constraints}
        if not mine:
            continue
        shares.append(len(mine & set(used)) / len(mine))
        evidence += [Evidence.of(e) for c, e in used.items() if c in mine][:1]
    if not shares:
        return Reading(None, ())
    return Reading(round(min(shares), 2), tuple(evidence[:MAX_QUOTES]))


INDICATORS: dict[str, Callable[[Transcript], Reading]] = {
    "anchoring": anchoring,
    "inquiry": inquiry,
    "constraint_precision": constraint_precision,
    "options": options,
    "tension_naming": tension_naming,
    "agreement_zone": agreement_zone,
    "relationship": relationship,
    "trades": trades,
    "compatible_issues": compatible_issues,
    "bridging": bridging,
}
