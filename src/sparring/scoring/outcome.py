"""The outcome of a session in points, and the map of what was possible."""

from __future__ import annotations

from typing import Any

from sparring.counterpart.state import ESCALATED
from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import LEARNER
from sparring.transcript import Transcript


def outcome(transcript: Transcript) -> dict[str, Any]:
    """Return the contract's `outcome` object."""
    economics = transcript.economics
    counterparts = [c.id for c in economics.scenario.counterparts]
    escalated = transcript.status == ESCALATED
    if transcript.agreed and transcript.agreement is not None:
        package = transcript.agreement
        learner = economics.points(package, LEARNER)
        by_party = {c: economics.points(package, c) for c in counterparts}
        feasible = economics.feasible(package)
        batna = economics.scenario.learner.batna.points
        return {
            "status": transcript.status,
            "package": dict(package),
            "learner_points": learner,
            "counterpart_points": sum(by_party.values()),
            "points_by_counterpart": by_party,
            "joint_efficiency": round(economics.joint(package) / economics.max_joint_value, 3),
            "feasible_for_learner": feasible,
            "capitulated": not feasible or learner < batna,
            "escalated": False,
        }
    learner = economics.scenario.learner.batna.points if escalated else 0
    return {
        "status": transcript.status,
        "package": None,
        "learner_points": learner,
        "counterpart_points": 0,
        "points_by_counterpart": dict.fromkeys(counterparts, 0),
        "joint_efficiency": None,
        "feasible_for_learner": None,
        "capitulated": False,
        "escalated": escalated,
    }


def _frontier(economics: Economics) -> list[dict[str, Any]]:
    parties = economics.scenario.parties
    return [
        {"points": {p: economics.points(pkg, p) for p in parties}, "package": pkg}
        for pkg in economics.pareto_frontier
    ]


def _on_frontier(economics: Economics, transcript: Transcript) -> bool:
    if not transcript.agreed or transcript.agreement is None:
        return False
    parties = economics.scenario.parties
    score = tuple(economics.points(transcript.agreement, p) for p in parties)
    return any(
        tuple(economics.points(pkg, p) for p in parties) == score
        for pkg in economics.pareto_frontier
    )


def debrief(transcript: Transcript) -> dict[str, Any]:
    """Return the outcome against the map of what was possible."""
    economics = transcript.economics
    result = outcome(transcript)
    revealed = transcript.revealed_at()
    constraints = [
        {
            "counterpart": counterpart.id,
            "id": constraint.id,
            "fact": constraint.fact,
            "revealed_at_turn": revealed.get(constraint.id),
        }
        for counterpart in economics.scenario.counterparts
        for constraint in counterpart.constraints
    ]
    best = economics.best_joint_package
    joint = (
        economics.joint(transcript.agreement)
        if transcript.agreed and transcript.agreement is not None
        else None
    )
    frontier = _frontier(economics)
    return {
        "learner_points": result["learner_points"],
        "counterpart_points": result["counterpart_points"],
        "joint_value": joint,
        "best_joint_value": economics.max_joint_value,
        "best_joint_package": best,
        "best_joint_points": {p: economics.points(best, p) for p in economics.scenario.parties},
        "value_left_on_table": economics.max_joint_value - joint if joint is not None else None,
        "packages": len(economics.packages),
        "zopa_size": len(economics.zopa),
        "on_pareto_frontier": _on_frontier(economics, transcript),
        "pareto_frontier": frontier,
        "constraints": constraints,
        "undiscovered_constraints": [c["id"] for c in constraints if c["revealed_at_turn"] is None],
    }
