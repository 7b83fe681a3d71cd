"""Terminal rendering with Rich: the brief, the conversation, the scorecard and the debrief."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sparring.counterpart.voice import say_package
from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import LEARNER, Scenario

STATUS_WORDS = {
    "agreement": "Agreement",
    "no_agreement": "No agreement",
    "escalated": "Escalated",
    "walked_away": "They walked away",
    "open": "Still open",
}


def _bar(score: int, width: int = 20) -> Text:
    filled = round(score / 100 * width)
    colour = "red" if score < 40 else "yellow" if score < 80 else "green"
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="dim")


def brief(scenario: Scenario, economics: Economics, difficulty: str) -> Panel:
    """The learner's brief: role, situation, own point schedule, hard constraints, BATNA."""
    learner = scenario.learner
    others = ", ".join(f"{c.name} ({c.title})" for c in scenario.counterparts)
    points = Table(title="Your points (private)", show_header=True, header_style="bold")
    points.add_column("Issue")
    points.add_column("Options and your points")
    for issue in scenario.issues:
        cells = " · ".join(f"{escape(o.text)}: {o.points[LEARNER]:+d}" for o in issue.options)
        points.add_row(escape(issue.label), cells)
    rules = "\n".join(f"• {escape(rule.explain)}" for rule in scenario.feasibility)
    body = Group(
        Text.from_markup(
            f"[bold]You are:[/] {escape(learner.title)}    [bold]Meeting:[/] {escape(others)}"
        ),
        Text(""),
        Text(learner.brief),
        Text(""),
        points,
        Text.from_markup(f"[bold]Must hold:[/]\n{rules}") if rules else Text(""),
        Text.from_markup(
            f"[bold]If you walk:[/] {escape(learner.batna.description)} "
            f"({learner.batna.points:+d} points)"
        ),
    )
    title = f"{escape(scenario.title)}  [dim]({difficulty})[/]"
    return Panel(body, title=title, border_style="cyan")


def counterpart_line(name: str, title: str, turn: dict[str, Any]) -> Text:
    """One counterpart reply, with its moves in small print."""
    text = Text.from_markup(f"[bold magenta]{escape(name)}[/] [dim]({escape(title)})[/]: ")
    text.append(turn["text"])
    moves = " · ".join(turn["moves"])
    details = [moves] if moves else []
    if "trust" in turn:
        details.append(f"trust {turn['trust']:.2f}")
    if details:
        text.append(f"   [{', '.join(details)}]", style="dim")
    return text


def transcript(console: Console, scenario: Scenario, result: dict[str, Any]) -> None:
    """Print a played session's turns."""
    roles = {c.id: c for c in scenario.counterparts}
    for turn in result["turns"]:
        if turn["speaker"] == "learner":
            acts = ", ".join(turn["acts"])
            console.print(
                Text.from_markup(f"[bold cyan]You[/] [dim]#{turn['n']} ({acts})[/]: ")
                + Text(turn["text"])
            )
        else:
            role = roles[turn["counterpart"]]
            console.print(counterpart_line(role.name, role.title, turn))


def scorecard(console: Console, result: dict[str, Any], labels: dict[str, dict[str, str]]) -> None:
    """Print the dimensions, each indicator with its evidence and advice."""
    card = result["scorecard"]
    for name, dimension in card["dimensions"].items():
        console.print(
            Text.from_markup(f"\n[bold]{escape(labels['dimension'].get(name, name))}[/]: ")
            + Text(f"{dimension['score']}/100 ", style="bold")
            + _bar(dimension["score"])
            + Text(f"  {dimension['level']}", style="italic")
        )
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("Indicator", ratio=2)
    table.add_column("Score", ratio=2)
    table.add_column("Evidence and advice", ratio=6)
    for name, indicator in card["indicators"].items():
        quotes = [
            Text(f"turn {e['turn']}: “{e['quote']}”", style="italic") for e in indicator["evidence"]
        ]
        table.add_row(
            Text(labels["indicator"].get(name, name), style="bold"),
            Group(
                Text(f"{indicator['score']}  (value {indicator['value']})"),
                _bar(indicator["score"], 10),
            ),
            Group(*quotes, Text(indicator["advice"])),
        )
    console.print(table)


def debrief(console: Console, scenario: Scenario, result: dict[str, Any]) -> None:
    """Print the outcome against the map of what was possible."""
    outcome, report = result["outcome"], result["debrief"]
    lines = [f"[bold]Outcome:[/] {STATUS_WORDS.get(outcome['status'], outcome['status'])}"]
    if outcome["package"]:
        lines.append(f"[bold]Terms:[/] {escape(say_package(scenario, outcome['package'], ()))}")
        lines.append(
            f"[bold]Points:[/] you {outcome['learner_points']}, them {outcome['counterpart_points']}"
            f" (joint {report['joint_value']} of a possible {report['best_joint_value']},"
            f" efficiency {outcome['joint_efficiency']:.2f})"
        )
        if not outcome["feasible_for_learner"]:
            lines.append(
                "[bold red]You agreed to terms you cannot deliver: that is capitulation.[/]"
            )
        elif outcome["capitulated"]:
            lines.append("[bold red]You agreed to less than your walk-away alternative.[/]")
        if report["value_left_on_table"]:
            lines.append(
                f"[bold]Value left on the table:[/] {report['value_left_on_table']} points"
            )
    else:
        lines.append(
            f"[bold]Points:[/] you {outcome['learner_points']}, them {outcome['counterpart_points']}"
        )
    best = say_package(scenario, report["best_joint_package"], ())
    lines.append(f"[bold]Best joint package ({report['best_joint_value']}):[/] {escape(best)}")
    lines.append(
        f"[bold]Possible agreements:[/] {report['zopa_size']} of {report['packages']} packages"
    )
    hidden = [c for c in report["constraints"] if c["revealed_at_turn"] is None]
    if hidden:
        lines.append("[bold]What you never found out:[/]")
        lines += [f"  • {escape(c['fact'])}" for c in hidden]
    else:
        lines.append("[bold]You surfaced every hidden constraint.[/]")
    console.print(Panel("\n".join(lines), title="Debrief", border_style="cyan"))
