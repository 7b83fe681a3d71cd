"""An author's mistakes are reported with their location, never as a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sparring.cli import app
from sparring.scenarios.lint import lint
from sparring.scenarios.loader import Source, parse

runner = CliRunner()


@pytest.fixture
def q4_text(library) -> str:  # type: ignore[no-untyped-def]
    return library.source("q4-capacity").text


def problems_of(text: str) -> list[str]:
    scenario = parse(Source("s.yaml", text))
    return [p.render("s.yaml") for p in lint(scenario, text)]


def test_the_reference_scenario_lints_clean(q4_text: str) -> None:
    assert problems_of(q4_text) == []


def test_unknown_issue_in_a_feasibility_rule_is_located(q4_text: str) -> None:
    broken = q4_text.replace(
        "product: [engineers, duration_weeks], at_least: 16",
        "product: [engineer, duration_weeks], at_least: 16",
    )
    found = problems_of(broken)
    assert len(found) == 1
    assert "unknown issue id 'engineer'" in found[0]
    assert "feasibility[0].require[0].product" in found[0]
    line = int(found[0].split(":")[1])
    assert "engineer, duration_weeks" in broken.splitlines()[line - 1]


def test_missing_points_for_an_option_are_located(q4_text: str) -> None:
    broken = q4_text.replace(
        '{id: 2, text: "two engineers", points: {learner: 2000, engineering: -1400}}',
        '{id: 2, text: "two engineers", points: {learner: 2000}}',
    )
    found = problems_of(broken)
    assert any(
        "no points for 'engineering'" in p and "issues[0].options[2].points" in p for p in found
    )


def test_a_constraint_nobody_can_reveal_is_reported(q4_text: str) -> None:
    broken = q4_text.replace("        gate: 0.5\n", "        gate: 0.95\n")
    found = problems_of(broken)
    assert any("team_burnout" in p and "nobody can ever reveal it" in p for p in found)


def test_an_empty_zopa_is_reported(q4_text: str) -> None:
    broken = q4_text.replace("    reservation: -1500\n", "    reservation: 2500\n")
    found = problems_of(broken)
    assert any("ZOPA is empty" in p for p in found)


def test_schema_errors_name_the_field_and_line(tmp_path: Path, q4_text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(q4_text.replace("    kind: compatible\n", "    kind: cooperative\n"))
    result = runner.invoke(app, ["lint", str(path), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [problem] = report["problems"]
    assert problem["location"] == "issues[5].kind"
    assert problem["line"] == q4_text.splitlines().index("    kind: compatible") + 1


def test_yaml_syntax_errors_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nissues: [\n")
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    assert "not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_lint_reports_the_spec_figures() -> None:
    result = runner.invoke(app, ["lint", "q4-capacity", "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert (report["packages"], report["zopa_size"], report["max_joint_value"]) == (720, 69, 4900)


def test_lint_of_an_unknown_difficulty_is_a_user_error() -> None:
    result = runner.invoke(app, ["lint", "q4-capacity", "--difficulty", "nightmare"])
    assert result.exit_code == 1
    assert "no difficulty 'nightmare'" in result.stderr


def test_published_json_schema_matches_the_format() -> None:
    published = Path(__file__).parent.parent / "docs" / "scenario.schema.json"
    result = runner.invoke(app, ["schema"])
    assert json.loads(published.read_text()) == json.loads(result.stdout), "run `make schema`"


def test_json_schema_accepts_the_reference_scenario(library) -> None:  # type: ignore[no-untyped-def]
    import jsonschema
    import yaml

    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    data = yaml.safe_load(library.source("q4-capacity").text)
    jsonschema.validate(data, schema)
