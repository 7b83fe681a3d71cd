"""What pages and PDFs show, shaped from a session's result: labels, turns, chart series."""

from __future__ import annotations

from typing import Any

from sparring.counterpart.voice import say_package
from sparring.render import STATUS_WORDS
from sparring.scenarios.model import Scenario
from sparring.scoring.rubric import load_rubric
from sparring.storage.records import Summary
from sparring.storage.service import Stored


def status_words(status: str | None) -> str:
    """Say how a session ended."""
    return STATUS_WORDS.get(status or "open", status or "")


def labels(rubric_version: str) -> dict[str, dict[str, str]]:
    """Readable names of a rubric version's dimensions and indicators."""
    return load_rubric(rubric_version).labels()


def label(names: dict[str, dict[str, str]], key: str, kind: str = "indicator") -> str:
    """A readable name, falling back to the id for names a rubric does not know."""
    return names[kind].get(key) or key.replace("_", " ").capitalize()


def package(scenario: Scenario, terms: dict[str, Any] | None) -> str:
    """Terms as the counterpart would say them."""
    return say_package(scenario, terms, ()) if terms else ""


def conversation(stored: Stored) -> list[dict[str, Any]]:
    """The opening lines and every turn, each with the speaker's name."""
    scenario = stored.scenario
    names = {c.id: c for c in scenario.counterparts}
    items: list[dict[str, Any]] = [
        {
            "n": 0,
            "speaker": "counterpart",
            "name": line["name"],
            "title": names[line["counterpart"]].title,
            "text": line["text"],
        }
        for line in stored.session.opening()
    ]
    number = 0
    for turn in stored.session.result()["turns"]:
        items.append(turn_view(scenario, turn, names))
        if turn["speaker"] == "learner":
            number += 1
            items[-1]["number"] = number
    return items


def turn_view(scenario: Scenario, turn: dict[str, Any], names: Any = None) -> dict[str, Any]:
    """One contract turn with the name of who said it."""
    names = names or {c.id: c for c in scenario.counterparts}
    if turn["speaker"] == "learner":
        return {**turn, "name": "You"}
    role = names.get(turn.get("counterpart")) or scenario.counterparts[0]
    return {**turn, "name": role.name, "title": role.title}


def trust_series(stored: Stored, result: dict[str, Any]) -> dict[str, Any]:
    """Each counterpart's trust after every learner turn, starting from its opening trust."""
    scenario = stored.scenario
    learner_turns = [t for t in result["turns"] if t["speaker"] == "learner"]
    datasets = []
    for role in scenario.counterparts:
        values: list[float | None] = [round(stored.session.start_trust[role.id], 2)]
        current = values[0]
        for learner in learner_turns:
            replies = [
                t
                for t in result["turns"]
                if t["speaker"] == "counterpart"
                and t.get("counterpart") == role.id
                and t["n"] > learner["n"]
                and t["n"] <= learner["n"] + len(scenario.counterparts)
            ]
            current = replies[0]["trust"] if replies else current
            values.append(current)
        datasets.append({"label": f"{role.name}'s trust", "data": values})
    return {
        "labels": ["start", *(str(i) for i in range(1, len(learner_turns) + 1))],
        "datasets": datasets,
    }


def scores_series(items: list[Summary], names: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Each dimension's score over a learner's finished attempts, oldest first."""
    scored = [item for item in reversed(items) if item.scores]
    dimensions = sorted({d for item in scored for d in item.scores})
    return {
        "labels": [f"{item.created_at:%d %b %H:%M}" for item in scored],
        "datasets": [
            {"label": label(names, d, "dimension"), "data": [item.scores.get(d) for item in scored]}
            for d in dimensions
        ],
    }
