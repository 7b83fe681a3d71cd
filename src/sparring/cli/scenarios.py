"""Scenario commands: list, lint, and the format's JSON Schema."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sparring.cli.common import ScenariosOption, app, err, library, out, user_errors
from sparring.errors import UserError
from sparring.scenarios.analysis import Economics
from sparring.scenarios.catalogue import entry
from sparring.scenarios.lint import lint as lint_scenario
from sparring.scenarios.loader import ScenarioInvalid, parse, read_file
from sparring.scenarios.model import Scenario, scenario_schema
from sparring.scenarios.problems import Problem
from sparring.strategies import Played, play_levels, strategy_problems


@app.command()
@user_errors
def scenarios(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    packs: ScenariosOption = None,
) -> None:
    """List the scenarios you can practise."""
    scenario_library = library(packs)
    items = [entry(s) for s in scenario_library.all()]
    if as_json:
        out.print_json(json.dumps(items))
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("id", "title", "type", "you", "counterpart", "difficulties"):
        table.add_column(column)
    for item in items:
        roles = item["roles"]
        table.add_row(
            item["id"],
            escape(item["title"]),
            item["type"],
            escape(roles["learner"]),
            escape(", ".join(c["title"] for c in roles["counterparts"])),
            ", ".join(item["difficulties"]),
        )
    out.print(table)


def _lint_report(
    scenario: Scenario | None,
    problems: list[Problem],
    source: str,
    difficulty: str | None,
    played: dict[str, dict[str, Played]],
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "scenario": scenario.id if scenario else None,
        "file": source,
        "problems": [p.to_json(source) for p in problems],
    }
    if scenario is not None and not problems:
        level = difficulty or "standard"
        if level not in scenario.difficulties:
            level = next(iter(scenario.difficulties))
        economics = Economics(scenario, scenario.difficulty(level))
        report.update(economics.summary())
        report["difficulty"] = level
        report["pareto_frontier_size"] = len(economics.pareto_frontier)
        report["zopa_by_difficulty"] = {
            name: len(Economics(scenario, settings).zopa)
            for name, settings in scenario.difficulties.items()
        }
        report["zopa_without_trades"] = len(economics.untraded_zopa)
        report["strategies"] = {
            name: {strategy: asdict(result) for strategy, result in results.items()}
            for name, results in played.items()
        }
    return report


@app.command()
@user_errors
def lint(
    target: Annotated[str, typer.Argument(help="A scenario file, or the id of a scenario.")],
    difficulty: Annotated[
        str | None,
        typer.Option("--difficulty", "-d", help="Check only this difficulty (default: all)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    packs: ScenariosOption = None,
) -> None:
    """Validate a scenario and explain every problem with its location; exit 1 on any."""
    path = Path(target)
    if path.suffix in (".yaml", ".yml") or path.exists():
        source = read_file(path)
    else:
        source = library(packs).source(target)
    scenario: Scenario | None = None
    played: dict[str, dict[str, Played]] = {}
    try:
        scenario = parse(source)
        if difficulty is not None and difficulty not in scenario.difficulties:
            known = ", ".join(scenario.difficulties)
            raise UserError(f"{scenario.id} has no difficulty '{difficulty}' (it has: {known})")
        problems = lint_scenario(scenario, source.text, difficulty)
        played = play_levels(scenario, difficulty) if not problems else {}
        if not problems:
            problems = strategy_problems(scenario, source.text, played)
    except ScenarioInvalid as invalid:
        problems = invalid.problems
    report = _lint_report(scenario, problems, source.name, difficulty, played)
    if as_json:
        sys.stdout.write(json.dumps(report) + "\n")
    elif problems:
        for problem in problems:
            err.print(escape(problem.render(source.name)))
    else:
        zopa = ", ".join(f"{k} {v}" for k, v in report["zopa_by_difficulty"].items())
        out.print(
            f"[green]ok[/] {report['scenario']}: {report['packages']} packages, "
            f"ZOPA {zopa}, highest joint value {report['max_joint_value']}"
        )
    if problems:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editors and CI of scenario packs)."""
    sys.stdout.write(json.dumps(scenario_schema(), indent=2) + "\n")
