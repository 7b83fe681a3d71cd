"""xAPI 1.0.3 statements for completed sessions: built from a session's result, no I/O."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from typing import Any

from sparring.scenarios.model import Scenario

VERSION = "1.0.3"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
DIMENSION = "influence_without_authority"
# A session at or above this influence score counts as a success (the rubric's `proficient`).
SUCCESS_SCORE = 60
BASE_ENV = "SPARRING_XAPI_BASE"
# RFC 2606 reserves .invalid: a deployment names its own base, a fresh install still emits IRIs.
DEFAULT_BASE = "https://sparring.invalid/xapi"
# Statement ids are UUIDv5 of the session id in this namespace, so re-delivery is idempotent.
NAMESPACE = uuid.UUID("5c1e8f0e-6f0b-4a43-9a55-2f43d3c1b2a7")
LANGUAGE = "en-US"


def iri_base() -> str:
    """The base of the activity and extension IRIs: $SPARRING_XAPI_BASE or the default."""
    return (os.environ.get(BASE_ENV) or DEFAULT_BASE).rstrip("/")


def statement_id(session_id: str) -> str:
    """The statement id of a session: the same on every delivery."""
    return str(uuid.uuid5(NAMESPACE, session_id))


def duration(seconds: float) -> str:
    """An ISO 8601 duration, e.g. PT4M12S."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return f"PT{parts}{secs}S" if secs or not parts else f"PT{parts}"


def _instant(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def statement(
    *,
    session_id: str,
    email: str,
    scenario: Scenario,
    result: dict[str, Any],
    started_at: datetime,
    finished_at: datetime,
    base: str,
) -> dict[str, Any]:
    """The `completed` statement of a finished session, with its scores as the result."""
    card = result["scorecard"]
    score = int(card["dimensions"][DIMENSION]["score"])
    extensions: dict[str, Any] = {
        f"{base}/indicators/{name}": indicator["score"]
        for name, indicator in card["indicators"].items()
    }
    extensions.update(
        {f"{base}/dimensions/{name}": dim["score"] for name, dim in card["dimensions"].items()}
    )
    extensions[f"{base}/extensions/outcome"] = result["outcome"]["status"]
    return {
        "id": statement_id(session_id),
        "actor": {"objectType": "Agent", "mbox": f"mailto:{email}"},
        "verb": {"id": COMPLETED, "display": {LANGUAGE: "completed"}},
        "object": {
            "objectType": "Activity",
            "id": f"{base}/scenarios/{scenario.id}",
            "definition": {
                "name": {LANGUAGE: scenario.title},
                "description": {LANGUAGE: " ".join(scenario.summary.split())},
                "type": SIMULATION,
            },
        },
        "result": {
            "score": {"scaled": round(score / 100, 2), "raw": score, "min": 0, "max": 100},
            "success": score >= SUCCESS_SCORE,
            "completion": True,
            "duration": duration((finished_at - started_at).total_seconds()),
            "extensions": extensions,
        },
        "context": {
            "platform": "Sparring",
            "language": LANGUAGE,
            "extensions": {
                f"{base}/extensions/session": session_id,
                f"{base}/extensions/scenario-version": result["scenario_version"],
                f"{base}/extensions/rubric-version": result["rubric_version"],
                f"{base}/extensions/difficulty": result["difficulty"],
                f"{base}/extensions/simulation-type": scenario.type,
            },
        },
        "timestamp": _instant(finished_at),
        "version": VERSION,
    }
