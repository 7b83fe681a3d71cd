"""REST API v1: sessions, turns and scenarios, authenticated by bearer tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from sparring.scenarios.catalogue import entry
from sparring.storage.models import utc
from sparring.storage.records import Summary
from sparring.web.deps import ApiAccount, Service
from sparring.web.pdf import pdf_response

router = APIRouter(prefix="/api/v1", tags=["v1"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid API token."},
    404: {"description": "No such session, or one the caller may not see."},
}


class NewSession(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(description="Scenario id, e.g. q4-capacity.")
    seed: int | None = Field(default=None, description="Seed for the counterpart's wording.")
    difficulty: str | None = Field(default=None, description="Difficulty level (default standard).")


class SessionCreated(BaseModel):
    id: str
    scenario: str
    scenario_version: int
    difficulty: str
    seed: int
    rubric_version: str
    status: str
    created_at: datetime
    parent_id: str | None = None
    branch_turn: int | None = None


class NewTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="What the learner says: 1 to 4,000 characters.")


class TurnReply(BaseModel):
    turns: list[dict[str, Any]] = Field(
        description="The learner turn and the counterpart's reply, as in `sparring run --json`."
    )
    status: str = Field(description="`open`, or `closed` once the meeting has ended.")


class Branch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turn: int = Field(description="The learner turn (1-based) to play again.")


class Hint(BaseModel):
    hint: str


def _created(record: Any) -> SessionCreated:
    return SessionCreated(
        id=record.id,
        scenario=record.scenario_id,
        scenario_version=record.scenario_version,
        difficulty=record.difficulty,
        seed=record.seed,
        rubric_version=record.rubric_version,
        status=record.status,
        created_at=utc(record.created_at),
        parent_id=record.parent_id,
        branch_turn=record.branch_turn,
    )


@router.get("/scenarios")
def list_scenarios(service: Service, account: ApiAccount) -> list[dict[str, Any]]:
    """List the scenarios, as `sparring scenarios --json` does."""
    return [entry(scenario) for scenario in service.library.all()]


@router.post("/sessions", status_code=201, responses=ERRORS)
def create_session(body: NewSession, service: Service, account: ApiAccount) -> SessionCreated:
    """Start a practice session of a scenario."""
    record = service.start(account, body.scenario, seed=body.seed, difficulty=body.difficulty)
    return _created(record)


@router.get("/sessions")
def list_sessions(service: Service, account: ApiAccount) -> list[Summary]:
    """List the caller's sessions; a coach's or admin's lists the organization's."""
    return service.sessions(account)


@router.get("/sessions/{session_id}", responses=ERRORS)
def get_session(session_id: str, service: Service, account: ApiAccount) -> dict[str, Any]:
    """Return a session as `sparring run --json` prints it, with `id`, `learner`, `created_at`."""
    return service.open(account, session_id).result()


@router.post(
    "/sessions/{session_id}/turns",
    responses={
        **ERRORS,
        409: {"description": "Another turn is being taken, or the session has ended."},
        422: {"description": "An empty turn, or one over 4,000 characters."},
    },
)
def take_turn(session_id: str, body: NewTurn, service: Service, account: ApiAccount) -> TurnReply:
    """Say one learner turn; the reply holds it and the counterpart's answer."""
    taken = service.take_turn(account, session_id, body.text)
    return TurnReply(turns=taken.turns, status=taken.status)


@router.post("/sessions/{session_id}/end", status_code=204, responses=ERRORS)
def end_session(session_id: str, service: Service, account: ApiAccount) -> Response:
    """End the meeting without agreement; the scorecard is then final."""
    service.end(account, session_id)
    return Response(status_code=204)


@router.get("/sessions/{session_id}/hint", responses=ERRORS)
def get_hint(session_id: str, service: Service, account: ApiAccount) -> Hint:
    """One line of coaching for the next turn, as the terminal's `/hint` gives."""
    return Hint(hint=service.hint(account, session_id))


@router.post("/sessions/{session_id}/branches", status_code=201, responses=ERRORS)
def branch_session(
    session_id: str, body: Branch, service: Service, account: ApiAccount
) -> SessionCreated:
    """Try again from a learner turn of a finished session: a new session with the turns before it."""
    return _created(service.branch(account, session_id, body.turn))


@router.get(
    "/sessions/{session_id}/scorecard.pdf",
    responses={**ERRORS, 200: {"content": {"application/pdf": {}}}},
    response_class=Response,
)
def get_pdf(session_id: str, service: Service, account: ApiAccount) -> Response:
    """Download the session's scorecard as a PDF."""
    return pdf_response(service.open(account, session_id))
