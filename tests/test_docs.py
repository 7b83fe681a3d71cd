"""Every command and its options are documented where users look."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from sparring.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _walk(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if hasattr(command, "commands"):
            found += _walk(command, f"{prefix}{name} ")
    return found


def commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(name for name, _ in _walk(group))


def test_every_command_is_in_the_readme() -> None:
    for name in commands():
        assert f"`sparring {name}" in README, name


def test_readme_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line for line in quick.strip().splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[1].startswith("make test")


def test_every_command_option_has_help() -> None:
    group = typer.main.get_command(app)
    for name, command in _walk(group):
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert getattr(param, "help", None), f"{name} --{param.name}"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_scenarios_doc_is_up_to_date() -> None:
    import runpy

    module = runpy.run_path(str(ROOT / "scripts" / "scenarios_doc.py"))
    current = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert current == module["render"](), "run `make scenarios-doc`"
