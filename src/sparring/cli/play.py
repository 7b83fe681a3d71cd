"""Playing sessions: interactive practice and scripted runs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sparring import render
from sparring.cli.common import (
    DifficultyOption,
    ScenariosOption,
    SeedOption,
    app,
    labels,
    library,
    out,
    user_errors,
)
from sparring.counterpart.voice import say_package
from sparring.errors import UserError
from sparring.session import Session, check_turn_text

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
    chosen = library(packs).get(scenario)
    session = Session(chosen, difficulty=difficulty, seed=seed)
    out.print(render.brief(chosen, session.economics, difficulty))
    out.print(HELP_TEXT)
    out.print()
    roles = {c.id: c for c in chosen.counterparts}
    for line in session.opening():
        out.print(f"[bold magenta]{escape(line['name'])}[/]: {escape(line['text'])}")
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
    render.scorecard(out, result, labels())
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
    chosen = library(packs).get(scenario)
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
    session.end()  # the script ended: the meeting is over
    result = session.result()
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    render.transcript(out, chosen, result)
    out.rule("Scorecard")
    render.scorecard(out, result, labels())
    render.debrief(out, chosen, result)
