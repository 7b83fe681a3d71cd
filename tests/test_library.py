"""Every built-in scenario lints clean and teaches what it claims, at every difficulty."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sparring.cli import app
from sparring.scenarios.analysis import Economics
from sparring.scenarios.lint import lint
from sparring.scenarios.loader import open_library
from sparring.session import replay
from sparring.strategies import EFFICIENCY_MIN, INTEGRATIVE_MIN, MARGIN, play_strategies

LIBRARY = open_library(())
CASES = [(s.id, d) for s in LIBRARY.all() for d in s.difficulties]


def test_the_library_loads_without_skipping_anything() -> None:
    assert LIBRARY.skipped == []


@pytest.mark.parametrize(("scenario_id", "difficulty"), CASES)
def test_scenario_lints_clean(scenario_id: str, difficulty: str) -> None:
    scenario = LIBRARY.get(scenario_id)
    assert lint(scenario, LIBRARY.source(scenario_id).text, difficulty) == []


@pytest.mark.parametrize(("scenario_id", "difficulty"), CASES)
def test_reference_strategies_are_ordered_by_teaching_intent(
    scenario_id: str, difficulty: str
) -> None:
    played = play_strategies(LIBRARY.get(scenario_id), difficulty)
    assert set(played) == {"integrative", "early_anchor", "capitulator", "escalator"}
    best = played["integrative"]
    assert best.score >= INTEGRATIVE_MIN
    assert best.joint_efficiency is not None
    assert best.joint_efficiency >= EFFICIENCY_MIN
    for name in ("early_anchor", "capitulator", "escalator"):
        assert best.score - played[name].score >= MARGIN, name
    assert played["capitulator"].capitulated
    assert played["escalator"].status == "escalated"


@pytest.mark.parametrize("scenario_id", LIBRARY.ids())
def test_hard_is_harder_than_standard(scenario_id: str) -> None:
    scenario = LIBRARY.get(scenario_id)
    assert {"standard", "hard"} <= set(scenario.difficulties)
    standard = Economics(scenario, scenario.difficulty("standard"))
    hard = Economics(scenario, scenario.difficulty("hard"))
    assert len(hard.zopa) < len(standard.zopa)
    assert scenario.reference_strategies is not None
    script = scenario.reference_strategies.early_anchor
    anchor_standard = play_strategies(scenario, "standard")["early_anchor"].score
    anchor_hard = replay(scenario, script, difficulty="hard").result()
    hard_score = anchor_hard["scorecard"]["dimensions"]["influence_without_authority"]["score"]
    assert hard_score < anchor_standard


def test_the_library_covers_nine_scenarios_and_three_simulation_types() -> None:
    result = CliRunner().invoke(app, ["scenarios", "--json"])
    items = json.loads(result.stdout)
    assert len(items) >= 9
    assert {"cross_functional", "managing_up", "multi_party"} <= {i["type"] for i in items}
    assert all({"standard", "hard"} <= set(i["difficulties"]) for i in items)
