"""xAPI: each completed session's statement meets the 1.0.3 format; it is queued with the
session's close, delivered in the background with retries, and exported as JSON."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from typer.testing import CliRunner

from sparring.analytics import outbox
from sparring.cli import app as cli
from sparring.storage.database import Database
from sparring.storage.models import OutboxStatement, now
from sparring.web.app import create_app
from tests.web.conftest import Person, script
from tests.web.stub_lrs import stub_lrs
from tests.web.test_api import play, start
from tests.web.test_pages import sign_in

TOP_LEVEL = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$")
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$")
DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
MBOX = re.compile(r"^mailto:[^@\s]+@[^@\s]+$")


def _language_map(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(LANGUAGE_TAG.match(k) and isinstance(v, str) for k, v in value.items())
    )


def problems(statement: dict[str, Any]) -> list[str]:
    """What breaks the xAPI 1.0.3 statement requirements (section 2.4 of the specification)."""
    found = [f"unknown property {k}" for k in statement if k not in TOP_LEVEL]
    for required in ("actor", "verb", "object"):
        if required not in statement:
            found.append(f"no {required}")
    if str(uuid.UUID(statement["id"])) != statement["id"]:
        found.append("id is not a lowercase UUID")
    actor = statement["actor"]
    if actor.get("objectType", "Agent") != "Agent" or not MBOX.match(actor.get("mbox", "")):
        found.append("actor is not an Agent with a mailto mbox")
    if sum(k in actor for k in ("mbox", "mbox_sha1sum", "openid", "account")) != 1:
        found.append("actor needs exactly one identifier")
    verb = statement["verb"]
    if not IRI.match(verb["id"]) or not _language_map(verb.get("display")):
        found.append("verb needs an IRI id and a language-map display")
    activity = statement["object"]
    if activity.get("objectType", "Activity") != "Activity" or not IRI.match(activity["id"]):
        found.append("object is not an Activity with an IRI id")
    definition = activity.get("definition", {})
    for key in ("name", "description"):
        if key in definition and not _language_map(definition[key]):
            found.append(f"object.definition.{key} is not a language map")
    if "type" in definition and not IRI.match(definition["type"]):
        found.append("object.definition.type is not an IRI")
    result = statement.get("result", {})
    score = result.get("score", {})
    if not -1 <= score.get("scaled", 0) <= 1:
        found.append("result.score.scaled outside -1..1")
    if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get(
        "max", score["raw"]
    ):
        found.append("result.score.raw outside min..max")
    if score.get("min", 0) >= score.get("max", 1):
        found.append("result.score.min is not below max")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            found.append(f"result.{key} is not a boolean")
    if "duration" in result and not DURATION.match(result["duration"]):
        found.append("result.duration is not an ISO 8601 duration")
    for where in (result.get("extensions", {}), statement.get("context", {}).get("extensions", {})):
        found += [f"extension key {k} is not an IRI" for k in where if not IRI.match(k)]
    if "timestamp" in statement and not TIMESTAMP.match(statement["timestamp"]):
        found.append("timestamp is not ISO 8601 with a zone")
    if not re.match(r"^1\.0\.\d+$", statement.get("version", "1.0.0")):
        found.append("version is not 1.0.x")
    return found


def _finish(client: TestClient, person: Person) -> str:
    session_id = start(client, person)
    replies = play(client, person, session_id, script("integrative"))
    assert replies[-1]["status"] == "closed"
    return session_id


def _queued(db: Database) -> list[OutboxStatement]:
    with db.transaction() as tx:
        return list(tx.scalars(select(OutboxStatement).order_by(OutboxStatement.id)))


def test_a_completed_session_queues_a_valid_xapi_statement_with_its_scores(
    client: TestClient, people: Callable[..., Person], db: Database
) -> None:
    ana = people("ana@acme.test")
    coach = people("coach@acme.test", "coach")
    session_id = _finish(client, ana)
    queued = _queued(db)
    assert [row.session_id for row in queued] == [session_id]
    exported = client.get("/api/v1/analytics/xapi", headers=coach.headers).json()
    assert len(exported) == 1
    statement = exported[0]
    assert problems(statement) == []
    stored = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    influence = stored["scorecard"]["dimensions"]["influence_without_authority"]["score"]
    assert statement["actor"]["mbox"] == "mailto:ana@acme.test"
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["object"]["id"].endswith("/scenarios/q4-capacity")
    assert statement["result"]["score"] == {
        "scaled": influence / 100,
        "raw": influence,
        "min": 0,
        "max": 100,
    }
    assert statement["result"]["success"] == (influence >= 60)
    assert statement["result"]["completion"] is True
    carried = {
        k.rsplit("/", 1)[1]: v
        for k, v in statement["result"]["extensions"].items()
        if "/indicators/" in k
    }
    assert carried == {k: v["score"] for k, v in stored["scorecard"]["indicators"].items()}
    context = {k.rsplit("/", 1)[1]: v for k, v in statement["context"]["extensions"].items()}
    assert context["rubric-version"] == stored["rubric_version"]
    assert context["difficulty"] == "standard"
    assert statement["version"] == "1.0.3"
    assert statement["id"] == str(
        uuid.uuid5(uuid.UUID("5c1e8f0e-6f0b-4a43-9a55-2f43d3c1b2a7"), session_id)
    )


def test_an_open_session_queues_nothing(
    client: TestClient, people: Callable[..., Person], db: Database
) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    play(client, ana, session_id, script("integrative")[:2])
    assert _queued(db) == []
    client.post(f"/api/v1/sessions/{session_id}/end", headers=ana.headers)
    assert [row.session_id for row in _queued(db)] == [session_id]


def test_delivery_retries_after_the_lrs_fails_and_sends_the_same_statement(
    client: TestClient, people: Callable[..., Person], db: Database
) -> None:
    ana = people("ana@acme.test")
    _finish(client, ana)
    with stub_lrs(failures=1) as lrs:
        store = outbox.Lrs(lrs.url, "sparring", "s3cret")
        moment = now()
        first = outbox.deliver_due(db, store, moment=moment)
        assert (first.delivered, first.failed) == (0, 1)
        [row] = _queued(db)
        assert row.attempts == 1 and row.delivered_at is None
        assert "HTTP 503" in (row.last_error or "")
        early = outbox.deliver_due(db, store, moment=moment + timedelta(seconds=10))
        assert (early.delivered, early.failed) == (0, 0)
        later = outbox.deliver_due(db, store, moment=moment + outbox.retry_delay(1))
        assert (later.delivered, later.failed) == (1, 0)
        [row] = _queued(db)
        assert row.attempts == 2 and row.delivered_at is not None and row.last_error is None
        assert len(lrs.received) == 1
        assert lrs.paths == ["/xapi/statements", "/xapi/statements"]
        for headers in lrs.headers:
            assert headers["X-Experience-API-Version"] == "1.0.3"
            assert (
                headers["Authorization"] == "Basic " + base64.b64encode(b"sparring:s3cret").decode()
            )
        assert problems(lrs.received[0]) == []
        assert outbox.deliver_due(db, store, moment=moment + timedelta(days=1)).delivered == 0


def test_retries_back_off_exponentially_up_to_a_cap() -> None:
    delays = [outbox.retry_delay(n).total_seconds() for n in range(1, 12)]
    assert delays[:4] == [30, 60, 120, 240]
    assert delays[-1] == 6 * 3600
    assert delays == sorted(delays)


def test_no_learner_request_waits_for_the_lrs(
    people: Callable[..., Person], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(outbox.INTERVAL_ENV, "0.05")
    ana = people("ana@acme.test")
    with stub_lrs(hold=True) as lrs:
        app = create_app(db, lrs=outbox.Lrs(lrs.url))
        with TestClient(app) as client:
            _finish(client, ana)
            assert lrs.holding.wait(10), "the background worker never reached the LRS"
            # The LRS is holding the statement: the learner carries on regardless.
            session_id = start(client, ana)
            replies = play(client, ana, session_id, script("integrative")[:2])
            assert [r["status"] for r in replies] == ["open", "open"]
            assert lrs.received == []
            lrs.release.set()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not all(r.delivered_at for r in _queued(db)):
                time.sleep(0.05)
        assert [r.delivered_at is not None for r in _queued(db)] == [True]
        assert len(lrs.received) == 1


def test_statements_export_as_a_json_file_from_the_command_line_and_the_page(
    client: TestClient, people: Callable[..., Person], db: Database, tmp_path: Path
) -> None:
    ana = people("ana@acme.test")
    admin = people("admin@acme.test", "admin")
    session_id = _finish(client, ana)
    url = db.url.render_as_string(hide_password=False)
    target = tmp_path / "statements.json"
    result = CliRunner().invoke(
        cli, ["admin", "export-xapi", "--org", "Acme", "--output", str(target), "--db", url]
    )
    assert result.exit_code == 0, result.stderr
    statements = json.loads(target.read_text())
    assert [problems(s) for s in statements] == [[]]
    assert statements[0]["id"] == str(
        uuid.uuid5(uuid.UUID("5c1e8f0e-6f0b-4a43-9a55-2f43d3c1b2a7"), session_id)
    )
    later = CliRunner().invoke(
        cli, ["admin", "export-xapi", "--org", "Acme", "--since", "2999-01-01", "--db", url]
    )
    assert json.loads(later.stdout) == []
    bad = CliRunner().invoke(
        cli, ["admin", "export-xapi", "--org", "Acme", "--since", "soon", "--db", url]
    )
    assert bad.exit_code == 1 and "--since must be a date" in bad.stderr
    sign_in(client, admin)
    page = client.get("/analytics/xapi.json")
    assert page.headers["content-disposition"].startswith("attachment")
    assert page.json() == statements


def test_the_deliver_command_sends_due_statements_and_says_how_many(
    client: TestClient, people: Callable[..., Person], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = people("ana@acme.test")
    _finish(client, ana)
    url = db.url.render_as_string(hide_password=False)
    unset = CliRunner().invoke(cli, ["admin", "deliver", "--db", url])
    assert unset.exit_code == 1 and "SPARRING_LRS_ENDPOINT" in unset.stderr
    with stub_lrs() as lrs:
        monkeypatch.setenv(outbox.ENDPOINT_ENV, lrs.url)
        result = CliRunner().invoke(cli, ["admin", "deliver", "--db", url])
        assert result.exit_code == 0, result.stderr
        assert "delivered 1, failed 0" in result.stdout
        assert len(lrs.received) == 1


def test_rescore_queues_statements_for_sessions_closed_without_one(
    client: TestClient, people: Callable[..., Person], db: Database
) -> None:
    ana = people("ana@acme.test")
    session_id = _finish(client, ana)
    [before] = _queued(db)
    with db.transaction() as tx:
        tx.execute(delete(OutboxStatement))
    url = db.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["admin", "rescore", "--db", url])
    assert result.exit_code == 0, result.stderr
    [after] = _queued(db)
    assert after.session_id == session_id
    assert json.loads(after.statement) == json.loads(before.statement)
    CliRunner().invoke(cli, ["admin", "rescore", "--db", url])
    assert len(_queued(db)) == 1


def test_admins_see_how_many_statements_the_lrs_has_and_why_the_rest_wait(
    client: TestClient, people: Callable[..., Person], db: Database
) -> None:
    ana = people("ana@acme.test")
    admin = people("admin@acme.test", "admin")
    _finish(client, ana)
    sign_in(client, admin)
    unconfigured = client.get("/analytics").text
    assert "No Learning Record Store is configured" in unconfigured
    assert "1 xAPI statement is kept for the JSON export" in unconfigured
    with stub_lrs(failures=1) as lrs:
        app = create_app(db, lrs=outbox.Lrs(lrs.url))  # no lifespan: no background worker
        configured = TestClient(app)
        status = "/api/v1/analytics/xapi/status"
        assert configured.get(status, headers=ana.headers).status_code == 403
        before = configured.get(status, headers=admin.headers).json()
        assert before["lrs_endpoint"] == lrs.url
        assert (before["delivered"], before["waiting"], before["retrying"]) == (0, 1, 0)
        moment = now()
        outbox.deliver_due(db, outbox.Lrs(lrs.url), moment=moment)
        failed = configured.get(status, headers=admin.headers).json()
        assert (failed["delivered"], failed["waiting"], failed["retrying"]) == (0, 0, 1)
        assert "HTTP 503" in failed["last_error"]
        sign_in(configured, admin)
        page = configured.get("/analytics").text
        assert f"xAPI results to {lrs.url}: 0 delivered, 0 waiting, 1 retrying." in page
        assert "Last error: HTTP 503" in page
        outbox.deliver_due(db, outbox.Lrs(lrs.url), moment=moment + outbox.retry_delay(1))
        done = configured.get(status, headers=admin.headers).json()
        assert (done["delivered"], done["retrying"], done["last_error"]) == (1, 0, None)
        assert done["last_delivered_at"] is not None
