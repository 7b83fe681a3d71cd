"""The counterpart's voice: the scenario's lines, chosen with seeded variation."""

from __future__ import annotations

import random
from typing import Protocol

from sparring.counterpart.state import Decision
from sparring.scenarios.analysis import Package
from sparring.scenarios.model import CounterpartRole, Scenario


class Voice(Protocol):
    """Turn a decision into words; it may phrase, never decide."""

    name: str

    def speak(self, decision: Decision, role: CounterpartRole, rng: random.Random) -> str:
        """Return the counterpart's reply."""
        ...

    def open(self, role: CounterpartRole, rng: random.Random) -> str:
        """Return the counterpart's opening line, stating its opening offer if it has one."""
        ...


def say_package(scenario: Scenario, package: Package, mention: tuple[str, ...]) -> str:
    """Say a package in words, issue by issue, in the scenario's order."""
    parts = [
        issue.option(package[issue.id]).text
        for issue in scenario.issues
        if issue.id in package and (not mention or issue.id in mention)
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


class TemplateVoice:
    """The built-in voice: the scenario author's lines, no model needed."""

    name = "template"

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def open(self, role: CounterpartRole, rng: random.Random) -> str:
        """Return the opening line, stating its opening offer if it has one."""
        offer = role.opening_offer
        package = say_package(self.scenario, offer, tuple(offer)) if offer is not None else ""
        return rng.choice(role.lines.opening).format(package=package)

    def speak(self, decision: Decision, role: CounterpartRole, rng: random.Random) -> str:
        """Return the reply for a decision, one line per move in order."""
        lines, out = role.lines, []
        package = (
            say_package(self.scenario, decision.package, decision.mention)
            if decision.package is not None
            else ""
        )
        constraints = {k.id: k for k in role.constraints}
        for move in decision.moves:
            if move == "acknowledge":
                out.append(rng.choice(lines.acknowledge))
            elif move == "reveal":
                out += [rng.choice(constraints[c].lines) for c in decision.revealed]
            elif move == "deflect":
                out.append(rng.choice(lines.deflect))
            elif move == "decline":
                out.append(rng.choice(lines.decline))
            elif move == "push_back":
                reasons = (
                    lines.push_back.get(decision.reason or "")
                    or lines.push_back.get("default")
                    or [v for vs in lines.push_back.values() for v in vs]
                )
                out.append(rng.choice(reasons))
            elif move == "counter":
                out.append(rng.choice(lines.counter).format(package=package))
            elif move == "accept":
                out.append(rng.choice(lines.accept).format(package=package))
            elif move == "support":
                out.append(rng.choice(lines.support or lines.listen).format(package=package))
            elif move == "close":
                out.append(rng.choice(lines.close[decision.status]))
        if not out:
            out.append(rng.choice(lines.listen))
        return " ".join(out)
