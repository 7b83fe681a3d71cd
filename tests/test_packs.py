"""An organization's own scenarios load beside the built-ins from a directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sparring.cli import app
from sparring.scenarios.loader import open_library

runner = CliRunner()


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    text = open_library(()).source("q4-capacity").text
    (tmp_path / "ours.yaml").write_text(
        text.replace("id: q4-capacity", "id: acme-capacity").replace(
            'title: "Q4 capacity: engineers for self-serve onboarding"', 'title: "Acme capacity"'
        )
    )
    return tmp_path


def test_scenarios_option_lists_the_pack_beside_the_built_ins(pack: Path) -> None:
    result = runner.invoke(app, ["scenarios", "--json", "--scenarios", str(pack)])
    ids = [item["id"] for item in json.loads(result.stdout)]
    assert "q4-capacity" in ids
    assert ids[-1] == "acme-capacity"


def test_environment_variable_names_the_pack(pack: Path) -> None:
    result = runner.invoke(
        app,
        ["run", "acme-capacity", "--script", "-", "--json"],
        input="What is your team working on?\n",
        env={"SPARRING_SCENARIOS": str(pack)},
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "acme-capacity"


def test_a_broken_pack_file_is_skipped_with_a_warning(pack: Path) -> None:
    (pack / "broken.yaml").write_text("id: broken\nversion: one\n")
    result = runner.invoke(app, ["scenarios", "--json", "--scenarios", str(pack)])
    assert result.exit_code == 0
    assert "skipped" in result.stderr and "broken.yaml" in result.stderr
    assert "acme-capacity" in [item["id"] for item in json.loads(result.stdout)]


def test_a_pack_cannot_replace_a_built_in(pack: Path) -> None:
    text = open_library(()).source("q4-capacity").text
    (pack / "clash.yaml").write_text(text.replace('title: "Q4', 'title: "Impostor Q4'))
    library = open_library((pack,))
    assert not library.get("q4-capacity").title.startswith("Impostor")
    assert any("already defined" in problem for problem in library.skipped)


def test_a_missing_pack_directory_is_a_user_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scenarios", "--scenarios", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "not a directory" in result.stderr


def test_an_archived_version_replays_the_old_economics(pack: Path) -> None:
    (pack / "archive").mkdir()
    old = (pack / "ours.yaml").read_text().replace("reservation: -1500", "reservation: -1000")
    (pack / "archive" / "acme-capacity@1.yaml").write_text(old)
    current = (pack / "ours.yaml").read_text().replace("version: 1", "version: 2")
    (pack / "ours.yaml").write_text(current)
    library = open_library((pack,))
    assert library.get("acme-capacity").version == 2
    assert library.get("acme-capacity", 1).counterparts[0].reservation == -1000
    assert library.get("acme-capacity", 2).counterparts[0].reservation == -1500
