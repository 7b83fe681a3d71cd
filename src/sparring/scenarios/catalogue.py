"""A scenario as the catalogue lists it: `sparring scenarios --json` and the API."""

from __future__ import annotations

from typing import Any

from sparring.scenarios.model import Scenario


def entry(scenario: Scenario) -> dict[str, Any]:
    """Describe a scenario for people choosing what to practise."""
    return {
        "id": scenario.id,
        "version": scenario.version,
        "title": scenario.title,
        "type": scenario.type,
        "summary": scenario.summary,
        "roles": {
            "learner": scenario.learner.title,
            "counterparts": [
                {"id": c.id, "name": c.name, "title": c.title} for c in scenario.counterparts
            ],
        },
        "difficulties": list(scenario.difficulties),
    }
