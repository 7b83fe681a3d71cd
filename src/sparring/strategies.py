"""Reference strategies: play a scenario's scripted learners and check its teaching intent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sparring.scenarios.model import STRATEGIES, Scenario
from sparring.scenarios.problems import LineFinder, Path, Problem
from sparring.session import replay

DIMENSION = "influence_without_authority"
INTEGRATIVE_MIN = 70
MARGIN = 30
EFFICIENCY_MIN = 0.85


@dataclass(frozen=True)
class Played:
    """One reference strategy's result at one difficulty."""

    name: str
    score: int
    status: str
    joint_efficiency: float | None
    capitulated: bool
    dimensions: dict[str, int]


def play_strategies(scenario: Scenario, difficulty: str, seed: int = 0) -> dict[str, Played]:
    """Play the scenario's reference strategies at a difficulty."""
    if scenario.reference_strategies is None:
        return {}
    played = {}
    for name, script in scenario.reference_strategies.scripts(difficulty).items():
        session = replay(scenario, script, seed=seed, difficulty=difficulty)
        session.end()  # a script that ends without agreement is no agreement
        result: dict[str, Any] = session.result()
        dimensions = {k: v["score"] for k, v in result["scorecard"]["dimensions"].items()}
        played[name] = Played(
            name,
            dimensions[DIMENSION],
            result["outcome"]["status"],
            result["outcome"]["joint_efficiency"],
            result["outcome"]["capitulated"],
            dimensions,
        )
    return played


def check_strategies(
    scenario: Scenario, difficulty: str, played: dict[str, Played] | None = None
) -> list[tuple[Path, str]]:
    """Return how the reference strategies break the teaching intent at a difficulty."""
    at: Path = ("reference_strategies",)
    if scenario.reference_strategies is None:
        return [
            (at, "no reference strategies: add the four scripts so lint can prove what it teaches")
        ]
    played = played or play_strategies(scenario, difficulty)
    best = played["integrative"]
    problems: list[tuple[Path, str]] = []
    where = f"at '{difficulty}'"
    if best.score < INTEGRATIVE_MIN:
        problems.append(
            ((*at, "integrative"), f"scores {best.score} {where}; it must reach {INTEGRATIVE_MIN}")
        )
    if best.joint_efficiency is None or best.joint_efficiency < EFFICIENCY_MIN:
        reached = (
            "no agreement" if best.joint_efficiency is None else f"{best.joint_efficiency:.2f}"
        )
        problems.append(
            (
                (*at, "integrative"),
                f"joint efficiency {reached} {where}; it must reach {EFFICIENCY_MIN}",
            )
        )
    for name in STRATEGIES[1:]:
        other = played[name]
        if best.score - other.score < MARGIN:
            problems.append(
                (
                    (*at, name),
                    f"scores {other.score} {where}, within {MARGIN} of the integrative "
                    f"strategy's {best.score}",
                )
            )
    if not played["capitulator"].capitulated:
        problems.append(
            (
                (*at, "capitulator"),
                f"is not marked capitulated {where} (outcome: {played['capitulator'].status})",
            )
        )
    if played["escalator"].status != "escalated":
        problems.append(
            ((*at, "escalator"), f"does not end escalated {where} ({played['escalator'].status})")
        )
    return problems


def strategy_problems(
    scenario: Scenario, text: str, played: dict[str, dict[str, Played]]
) -> list[Problem]:
    """Check the teaching intent at each difficulty played, located in the scenario's text."""
    lines = LineFinder(text)
    if scenario.reference_strategies is None:
        path, message = check_strategies(scenario, "")[0]
        return [Problem(path, message, lines.line(path))]
    return [
        Problem(path, message, lines.line(path))
        for name, results in played.items()
        for path, message in check_strategies(scenario, name, results)
    ]


def play_levels(scenario: Scenario, difficulty: str | None) -> dict[str, dict[str, Played]]:
    """Play the strategies at one difficulty, or at every difficulty."""
    names = [difficulty] if difficulty else list(scenario.difficulties)
    return {name: play_strategies(scenario, name) for name in names}
