"""The public command line: names, JSON shapes and exit statuses of the contract."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sparring.cli import app
from sparring.understanding.types import ACTS
from tests.conftest import TRANSCRIPTS

runner = CliRunner()
INDICATORS = {
    "anchoring",
    "inquiry",
    "constraint_precision",
    "options",
    "tension_naming",
    "agreement_zone",
    "relationship",
}


def test_scenarios_json_lists_contract_fields() -> None:
    result = runner.invoke(app, ["scenarios", "--json"])
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    q4 = next(i for i in items if i["id"] == "q4-capacity")
    assert {"id", "title", "type", "roles", "difficulties"} <= set(q4)
    assert q4["type"] == "cross_functional"
    assert "standard" in q4["difficulties"]


def test_run_json_has_the_contract_shape() -> None:
    script = str(TRANSCRIPTS / "integrative.txt")
    result = runner.invoke(app, ["run", "q4-capacity", "--script", script, "--seed", "3", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"scenario", "seed", "rubric_version", "turns", "outcome", "scorecard"} <= set(data)
    assert data["seed"] == 3
    learner, reply = data["turns"][0], data["turns"][1]
    assert {"n", "speaker", "text", "acts", "offers"} <= set(learner)
    assert {"n", "speaker", "text", "moves", "revealed", "trust"} <= set(reply)
    assert (learner["n"], reply["n"]) == (1, 2)
    assert set(learner["acts"]) <= set(ACTS)
    outcome = data["outcome"]
    assert {
        "status",
        "package",
        "learner_points",
        "counterpart_points",
        "joint_efficiency",
        "feasible_for_learner",
        "capitulated",
        "escalated",
    } <= set(outcome)
    card = data["scorecard"]
    assert set(card["indicators"]) >= INDICATORS
    assert {"influence_without_authority", "value_creation", "relationship"} <= set(
        card["dimensions"]
    )
    dimension = card["dimensions"]["influence_without_authority"]
    assert 0 <= dimension["score"] <= 100 and dimension["level"]
    for item in card["indicators"].values():
        assert {"score", "value", "evidence", "advice"} <= set(item)
        assert isinstance(item["score"], int) and 0 <= item["score"] <= 100


def test_run_reads_standard_input() -> None:
    text = (TRANSCRIPTS / "early_anchor.txt").read_text()
    result = runner.invoke(app, ["run", "q4-capacity", "--script", "-", "--json"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"]["status"] == "escalated"


def test_run_prints_a_readable_scorecard() -> None:
    script = str(TRANSCRIPTS / "integrative.txt")
    result = runner.invoke(app, ["run", "q4-capacity", "--script", script], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Influence without authority" in result.stdout
    assert "Relationship:" in result.stdout  # the dimension
    assert "Peer relationship" in result.stdout  # the indicator with the same id
    assert "Debrief" in result.stdout


def test_classify_prints_one_json_object_per_line() -> None:
    result = runner.invoke(
        app,
        ["classify", "--scenario", "q4-capacity"],
        input="Could you spare two people for six weeks from November?\n\nWhat is your team working on?\n",
    )
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["acts"] == ["proposal"]
    assert lines[0]["offers"] == [{"engineers": 2, "start": "nov1", "duration_weeks": 6}]
    assert lines[1] == {"text": "What is your team working on?", "acts": ["inquiry"], "offers": []}


def test_classify_without_scenario_has_no_offers() -> None:
    result = runner.invoke(app, ["classify", "I know this is a big ask for your team."])
    assert json.loads(result.stdout) == {
        "text": "I know this is a big ask for your team.",
        "acts": ["acknowledge"],
    }


def test_user_mistakes_exit_1_with_one_line(tmp_path: Path) -> None:
    cases = [
        ["run", "no-such-scenario", "--script", "-"],
        ["run", "q4-capacity", "--script", str(tmp_path / "missing.txt")],
        ["classify", "--scenario", "nope", "hello"],
        ["practice", "q4-capacity", "--difficulty", "nightmare"],
    ]
    for args in cases:
        result = runner.invoke(app, args, input="")
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") <= 2, result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_an_oversized_turn_in_a_script_names_its_line(tmp_path: Path) -> None:
    script = tmp_path / "long.txt"
    script.write_text("Hello there.\n" + "x" * 4001 + "\n")
    result = runner.invoke(app, ["run", "q4-capacity", "--script", str(script)])
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "4,000 characters" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["run", "q4-capacity"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_practice_session_in_the_terminal() -> None:
    turns = "/hint\n" + (TRANSCRIPTS / "integrative.txt").read_text()
    result = runner.invoke(app, ["practice", "q4-capacity"], input=turns)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("VP of Product") < out.index("Priya Raman")  # the brief comes first
    assert "Hint:" in out
    assert "Scorecard" in out and "Debrief" in out
    assert "Agreement" in out


def test_practice_quit_still_shows_the_scorecard() -> None:
    result = runner.invoke(app, ["practice", "q4-capacity"], input="Hello!\n/quit\n")
    assert result.exit_code == 0
    assert "No agreement" in result.stdout
