"""The reference scenario's outcome space reproduces the spec's numbers."""

from __future__ import annotations

from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import Scenario


def test_package_space_zopa_and_best_joint_value_match_the_spec(q4: Scenario) -> None:
    economics = Economics(q4, q4.difficulty("standard"))
    assert economics.summary() == {"packages": 720, "zopa_size": 69, "max_joint_value": 4900}
    assert economics.best_joint_package == {
        "engineers": 2,
        "start": "nov1",
        "duration_weeks": 6,
        "scope": "phased",
        "dashboard": "defer",
        "contractors": "joint_request",
        "qa_support": "product",
    }


def test_without_trades_exactly_one_package_is_in_the_zone(q4: Scenario) -> None:
    economics = Economics(q4, q4.difficulty("standard"))
    untraded = [
        p
        for p in economics.zopa
        if (p["dashboard"], p["contractors"], p["qa_support"]) == ("keep", "none", "engineering")
    ]
    assert untraded == [
        {
            "engineers": 2,
            "start": "nov1",
            "duration_weeks": 4,
            "scope": "phased",
            "dashboard": "keep",
            "contractors": "none",
            "qa_support": "engineering",
        }
    ]


def test_positional_ask_and_lowball_counter(q4: Scenario) -> None:
    economics = Economics(q4, q4.difficulty("standard"))
    positional = economics.complete(
        {"engineers": 4, "start": "oct1", "duration_weeks": 6, "scope": "full"}
    )
    assert economics.points(positional, "engineering") == -8000
    lowball = economics.complete(
        {"engineers": 1, "start": "nov1", "duration_weeks": 4, "scope": "phased"}
    )
    assert not economics.feasible(lowball)


def test_every_pareto_package_is_in_the_zone_and_undominated(q4: Scenario) -> None:
    economics = Economics(q4, q4.difficulty("standard"))
    frontier = economics.pareto_frontier
    assert frontier
    for package in frontier:
        assert package in economics.zopa
        mine, theirs = economics.points(package), economics.points(package, "engineering")
        assert not any(
            economics.points(o) >= mine
            and economics.points(o, "engineering") >= theirs
            and (economics.points(o), economics.points(o, "engineering")) != (mine, theirs)
            for o in economics.zopa
        )


def test_hard_difficulty_shrinks_the_zone(q4: Scenario) -> None:
    standard = Economics(q4, q4.difficulty("standard"))
    hard = Economics(q4, q4.difficulty("hard"))
    assert len(hard.zopa) < len(standard.zopa)
    assert hard.reservation("engineering") > standard.reservation("engineering")
