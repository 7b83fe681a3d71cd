"""The `sparring` command: thin wrappers over sessions, scenarios and understanding."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sparring import render
from sparring.counterpart.voice import say_package
from sparring.errors import UserError
from sparring.scenarios.analysis import Economics
from sparring.scenarios.lint import lint as lint_scenario
from sparring.scenarios.loader import Library, ScenarioInvalid, open_library, parse, read_file
from sparring.scenarios.model import Scenario, scenario_schema
from sparring.scenarios.problems import Problem
from sparring.session import Session, check_turn_text
from sparring.understanding.reader import Reader
from sparring.understanding.types import Context

app = typer.Typer(
    name="sparring",
    help="Practise peer negotiation against a counterpart that pushes back, and get a "
    "scorecard that quotes your own words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

ScenariosOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--scenarios",
        help="A directory of scenario YAML files to load beside the built-ins "
        "(repeatable; default: $SPARRING_SCENARIOS).",
        show_default=False,
    ),
]
DifficultyOption = Annotated[
    str, typer.Option("--difficulty", "-d", help="Difficulty level, e.g. standard or hard.")
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed for the counterpart's wording; same seed, same session.")
]


def user_errors(command: F) -> F:
    """Turn a user's mistake into one clear line on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as error:
            err.print(f"[bold red]error:[/] {escape(str(error))}")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _library(scenarios: list[Path] | None) -> Library:
    library = open_library(scenarios or ())
    for problem in library.skipped:
        err.print(f"[yellow]warning:[/] skipped {escape(problem)}")
    return library


def _labels() -> dict[str, str]:
    from sparring.scoring.rubric import load_rubric

    rubric = load_rubric()
    labels = {name: spec.label for name, spec in rubric.indicators.items()}
    labels.update({name: spec.label for name, spec in rubric.dimensions.items()})
    return labels


@app.command()
@user_errors
def scenarios(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    packs: ScenariosOption = None,
) -> None:
    """List the scenarios you can practise."""
    library = _library(packs)
    items: list[dict[str, Any]] = [
        {
            "id": s.id,
            "version": s.version,
            "title": s.title,
            "type": s.type,
            "summary": s.summary,
            "roles": {
                "learner": s.learner.title,
                "counterparts": [
                    {"id": c.id, "name": c.name, "title": c.title} for c in s.counterparts
                ],
            },
            "difficulties": list(s.difficulties),
        }
        for s in library.all()
    ]
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


HELP_TEXT = """[bold]Commands[/]
  /hint   one line of coaching for your next turn
  /brief  show your brief again
  /table  show the offer on the table
  /help   this list
  /quit   end the meeting and see your scorecard
Anything else you type is said to the counterpart."""


def _read_line(prompt: str) -> str | None:
    try:
        return out.input(prompt)
    except (EOFError, KeyboardInterrupt):
        out.print()
        return None


@app.command()
@user_errors
def practice(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see `sparring scenarios`).")],
    difficulty: DifficultyOption = "standard",
    seed: SeedOption = 0,
    packs: ScenariosOption = None,
) -> None:
    """Practise a scenario interactively in the terminal; ends with your scorecard."""
    chosen = _library(packs).get(scenario)
    session = Session(chosen, difficulty=difficulty, seed=seed)
    out.print(render.brief(chosen, session.economics, difficulty))
    out.print(HELP_TEXT)
    out.print()
    roles = {c.id: c for c in chosen.counterparts}
    for name, line in session.opening():
        out.print(f"[bold magenta]{escape(name)}[/]: {escape(line)}")
    limit = session.economics.difficulty.max_turns
    while not session.closed:
        text = _read_line(f"\n[bold cyan]You[/] [dim]({session.learner_turns + 1}/{limit})[/] > ")
        if text is None or text.strip().lower() in ("/quit", "/q", "/exit"):
            session.end()
            break
        command = text.strip().lower()
        if command in ("/help", "/?"):
            out.print(HELP_TEXT)
        elif command == "/hint":
            out.print(f"[green]Hint:[/] {escape(session.hint())}")
        elif command == "/brief":
            out.print(render.brief(chosen, session.economics, difficulty))
        elif command == "/table":
            counter = session.table().counter
            words = say_package(chosen, counter, ()) if counter else "nothing yet"
            out.print(f"On the table: {escape(words)}")
        elif command.startswith("/"):
            out.print(f"[yellow]Unknown command {escape(command)}; type /help.[/]")
        elif not command:
            continue
        else:
            try:
                turns = session.take_turn(text)
            except UserError as error:
                out.print(f"[yellow]{escape(str(error))}[/]")
                continue
            for turn in turns[1:]:
                role = roles[turn["counterpart"]]
                out.print(render.counterpart_line(role.name, role.title, turn))
    result = session.result()
    out.rule("Scorecard")
    render.scorecard(out, result, _labels())
    render.debrief(out, chosen, result)


def _script_lines(script: str) -> Iterator[str]:
    if script == "-":
        yield from sys.stdin.read().splitlines()
        return
    path = Path(script)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read script {script}: {error.args[-1]}") from None
    yield from text.splitlines()


@app.command()
@user_errors
def run(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see `sparring scenarios`).")],
    script: Annotated[
        str,
        typer.Option(
            "--script", help="Learner turns, one per non-empty line; '-' reads standard input."
        ),
    ],
    seed: SeedOption = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    difficulty: DifficultyOption = "standard",
    packs: ScenariosOption = None,
) -> None:
    """Play scripted learner turns against the counterpart and print the result."""
    chosen = _library(packs).get(scenario)
    lines = [line for line in _script_lines(script) if line.strip()]
    for number, line in enumerate(lines, start=1):
        try:
            check_turn_text(line)
        except UserError as error:
            raise UserError(f"{script}: line {number}: {error}") from None
    session = Session(chosen, difficulty=difficulty, seed=seed)
    for line in lines:
        if session.closed:
            break
        session.take_turn(line)
    result = session.result()
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    render.transcript(out, chosen, result)
    out.rule("Scorecard")
    render.scorecard(out, result, _labels())
    render.debrief(out, chosen, result)


@app.command()
@user_errors
def classify(
    text: Annotated[
        str | None, typer.Argument(help="An utterance; without it, each line of standard input.")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="Read offers with this scenario's issues and options."),
    ] = None,
    packs: ScenariosOption = None,
) -> None:
    """Print the acts (and, with --scenario, the offers) of learner utterances as JSON lines."""
    chosen: Scenario | None = _library(packs).get(scenario) if scenario else None
    reader = Reader()
    lines = [text] if text is not None else sys.stdin.read().splitlines()
    for line in lines:
        if not line.strip():
            continue
        parsed = reader.parse(line, Context(chosen))
        item: dict[str, Any] = {"text": line, "acts": list(parsed.acts)}
        if chosen is not None:
            item["offers"] = [dict(o) for o in parsed.offers]
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


def _lint_report(
    scenario: Scenario | None, problems: list[Problem], source: str, difficulty: str | None
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
        source = _library(packs).source(target)
    scenario: Scenario | None = None
    try:
        scenario = parse(source)
        if difficulty is not None and difficulty not in scenario.difficulties:
            known = ", ".join(scenario.difficulties)
            raise UserError(f"{scenario.id} has no difficulty '{difficulty}' (it has: {known})")
        problems = lint_scenario(scenario, source.text, difficulty)
    except ScenarioInvalid as invalid:
        problems = invalid.problems
    report = _lint_report(scenario, problems, source.name, difficulty)
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


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
