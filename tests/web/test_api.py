"""REST API v1 on SQLite and PostgreSQL: practice, access rules, limits and concurrency."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sparring.cli import app as cli
from sparring.scenarios.loader import open_library
from sparring.session import replay
from sparring.storage.database import Database
from sparring.web.app import create_app
from tests.conftest import TRANSCRIPTS
from tests.web.conftest import Paused, Person, script

Make = Callable[..., Person]


def start(client: TestClient, person: Person, seed: int = 3) -> str:
    response = client.post(
        "/api/v1/sessions", json={"scenario": "q4-capacity", "seed": seed}, headers=person.headers
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def play(client: TestClient, person: Person, session_id: str, lines: list[str]) -> list[Any]:
    replies = []
    for line in lines:
        response = client.post(
            f"/api/v1/sessions/{session_id}/turns", json={"text": line}, headers=person.headers
        )
        assert response.status_code == 200, response.text
        replies.append(response.json())
        if response.json()["status"] == "closed":
            break
    return replies


def test_a_session_played_through_the_api_is_the_one_sparring_run_prints(
    client: TestClient, people: Make
) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana, seed=3)
    replies = play(client, ana, session_id, script("integrative"))
    assert replies[-1]["status"] == "closed"
    assert [t["speaker"] for t in replies[0]["turns"]] == ["learner", "counterpart"]
    stored = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    printed = CliRunner().invoke(
        cli,
        [
            "run",
            "q4-capacity",
            "--script",
            str(TRANSCRIPTS / "integrative.txt"),
            "--seed",
            "3",
            "--json",
        ],
    )
    expected = json.loads(printed.stdout)
    assert {k: stored[k] for k in expected} == expected
    assert stored["outcome"]["status"] == "agreement"
    assert (stored["id"], stored["learner"]) == (session_id, "ana@acme.test")
    assert stored["created_at"].endswith("+00:00")


def test_every_endpoint_needs_valid_credentials(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    calls = [
        ("get", "/api/v1/scenarios", None),
        ("get", "/api/v1/sessions", None),
        ("post", "/api/v1/sessions", {"scenario": "q4-capacity"}),
        ("get", f"/api/v1/sessions/{session_id}", None),
        ("post", f"/api/v1/sessions/{session_id}/turns", {"text": "Hello"}),
        ("get", f"/api/v1/sessions/{session_id}/hint", None),
        ("post", f"/api/v1/sessions/{session_id}/end", None),
        ("get", f"/api/v1/sessions/{session_id}/scorecard.pdf", None),
    ]
    for headers in ({}, {"Authorization": "Bearer spr_not-a-token"}, {"Authorization": "Basic x"}):
        for method, path, body in calls:
            response = client.request(method, path, json=body, headers=headers)
            assert response.status_code == 401, (path, headers)
            assert response.headers["www-authenticate"] == "Bearer"
    after = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    assert after["turns"] == [] and after["status"] == "open"


def test_another_organizations_or_learners_session_is_not_found(
    client: TestClient, people: Make
) -> None:
    ana = people("ana@acme.test")
    ben = people("ben@acme.test")
    outsider_admin = people("root@globex.test", role="admin", org="Globex")
    session_id = start(client, ana)
    secret = "Our launch slipped because of the billing outage"
    play(client, ana, session_id, [secret])
    for intruder in (ben, outsider_admin):
        for method, path, body in [
            ("get", f"/api/v1/sessions/{session_id}", None),
            ("post", f"/api/v1/sessions/{session_id}/turns", {"text": "Hi"}),
            ("get", f"/api/v1/sessions/{session_id}/hint", None),
            ("post", f"/api/v1/sessions/{session_id}/end", None),
            ("post", f"/api/v1/sessions/{session_id}/branches", {"turn": 1}),
            ("get", f"/api/v1/sessions/{session_id}/scorecard.pdf", None),
        ]:
            response = client.request(method, path, json=body, headers=intruder.headers)
            assert response.status_code == 404, (intruder.account.email, path)
            assert secret not in response.text
        listed = client.get("/api/v1/sessions", headers=intruder.headers).json()
        assert session_id not in [item["id"] for item in listed]
    unknown = client.get("/api/v1/sessions/no-such-session", headers=ana.headers)
    assert unknown.status_code == 404
    mine = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    assert len(mine["turns"]) == 2


def test_coaches_and_admins_see_their_organizations_sessions_but_do_not_play_them(
    client: TestClient, people: Make
) -> None:
    ana = people("ana@acme.test")
    ben = people("ben@acme.test")
    coach = people("cora@acme.test", role="coach")
    admin = people("adam@acme.test", role="admin")
    ana_session, ben_session = start(client, ana), start(client, ben)
    for learner, own in ((ana, ana_session), (ben, ben_session)):
        listed = client.get("/api/v1/sessions", headers=learner.headers).json()
        assert [item["id"] for item in listed] == [own]
    for viewer in (coach, admin):
        listed = client.get("/api/v1/sessions", headers=viewer.headers).json()
        assert {item["id"] for item in listed} == {ana_session, ben_session}
        assert {item["learner"] for item in listed} == {"ana@acme.test", "ben@acme.test"}
        assert (
            client.get(f"/api/v1/sessions/{ana_session}", headers=viewer.headers).status_code == 200
        )
        turn = client.post(
            f"/api/v1/sessions/{ana_session}/turns", json={"text": "Hi"}, headers=viewer.headers
        )
        assert turn.status_code == 403


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "a turn cannot be empty"), ("   \n ", "a turn cannot be empty"), ("x" * 4001, "4,000")],
)
def test_an_empty_or_too_long_turn_is_refused_and_loses_nothing(
    client: TestClient, people: Make, text: str, message: str
) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    play(client, ana, session_id, ["What is your team focused on this quarter?"])
    response = client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"text": text}, headers=ana.headers
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]
    stored = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    assert [t["text"] for t in stored["turns"] if t["speaker"] == "learner"] == [
        "What is your team focused on this quarter?"
    ]
    longest = client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"text": "y" * 4000}, headers=ana.headers
    )
    assert longest.status_code == 200


def _post_in_thread(
    client: TestClient, person: Person, session_id: str, text: str
) -> tuple[threading.Thread, list[Any]]:
    box: list[Any] = []

    def run() -> None:
        box.append(
            client.post(
                f"/api/v1/sessions/{session_id}/turns", json={"text": text}, headers=person.headers
            )
        )

    thread = threading.Thread(target=run)
    thread.start()
    return thread, box


@pytest.mark.parametrize("servers", ["one server", "two servers"])
def test_two_turns_at_once_one_is_taken_the_other_gets_409(
    db: Database, people: Make, paused: Paused, servers: str
) -> None:
    ana = people("ana@acme.test")
    first = TestClient(create_app(db))
    second = (
        first
        if servers == "one server"
        else TestClient(create_app(Database(str(db.url.render_as_string(hide_password=False)))))
    )
    session_id = start(first, ana)
    thread, box = _post_in_thread(first, ana, session_id, "What is your team focused on?")
    assert paused.entered.wait(10)
    other = second.post(
        f"/api/v1/sessions/{session_id}/turns",
        json={"text": "How is the team doing?"},
        headers=ana.headers,
    )
    paused.release.set()
    thread.join(10)
    responses = {"first": box[0], "second": other}
    assert sorted(r.status_code for r in responses.values()) == [200, 409]
    taken = next(r for r in responses.values() if r.status_code == 200)
    refused = next(r for r in responses.values() if r.status_code == 409)
    assert "another turn" in refused.json()["detail"]
    stored = first.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    learner_turns = [t for t in stored["turns"] if t["speaker"] == "learner"]
    assert [t["text"] for t in learner_turns] == [taken.json()["turns"][0]["text"]]
    assert stored["turns"][:2] == taken.json()["turns"]


def test_many_turns_at_once_lose_and_repeat_nothing(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    texts = [f"What else is on your roadmap, part {i}?" for i in range(8)]
    barrier = threading.Barrier(len(texts))
    results: list[Any] = []

    def post(text: str) -> None:
        barrier.wait()
        results.append(
            (
                text,
                client.post(
                    f"/api/v1/sessions/{session_id}/turns", json={"text": text}, headers=ana.headers
                ),
            )
        )

    threads = [threading.Thread(target=post, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert all(r.status_code in (200, 409) for _, r in results)
    accepted = [text for text, r in results if r.status_code == 200]
    stored = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    learner_texts = [t["text"] for t in stored["turns"] if t["speaker"] == "learner"]
    assert sorted(learner_texts) == sorted(accepted)
    assert len(accepted) >= 1


def test_a_restarted_server_resumes_the_session_where_it_was(db: Database, people: Make) -> None:
    ana = people("ana@acme.test")
    lines = script("integrative")
    before = TestClient(create_app(db))
    session_id = start(before, ana, seed=11)
    play(before, ana, session_id, lines[:3])
    after = TestClient(create_app(Database(db.url.render_as_string(hide_password=False))))
    reply = play(after, ana, session_id, lines[3:4])[0]
    scenario = open_library(()).get("q4-capacity")
    uninterrupted = replay(scenario, lines[:4], seed=11).result()["turns"]
    assert reply["turns"] == uninterrupted[-2:]
    assert reply["turns"][0]["n"] == 7


def test_try_again_from_here_replays_the_turns_before_it(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana, seed=5)
    play(client, ana, session_id, script("early_anchor"))
    first = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    assert first["status"] == "closed"
    branch = client.post(
        f"/api/v1/sessions/{session_id}/branches", json={"turn": 2}, headers=ana.headers
    )
    assert branch.status_code == 201
    copy = branch.json()
    assert (copy["parent_id"], copy["branch_turn"], copy["seed"]) == (session_id, 2, 5)
    again = client.get(f"/api/v1/sessions/{copy['id']}", headers=ana.headers).json()
    assert again["turns"] == first["turns"][:2]
    replies = play(client, ana, copy["id"], script("integrative")[1:])
    assert replies[-1]["status"] == "closed"
    listed = {
        item["id"]: item for item in client.get("/api/v1/sessions", headers=ana.headers).json()
    }
    assert listed[copy["id"]]["parent_id"] == session_id
    assert (listed[session_id]["outcome"], listed[copy["id"]]["outcome"]) == (
        "escalated",
        "agreement",
    )
    open_one = start(client, ana)
    refused = client.post(
        f"/api/v1/sessions/{open_one}/branches", json={"turn": 1}, headers=ana.headers
    )
    assert refused.status_code == 409


def test_the_hint_is_the_terminals_hint(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana, seed=2)
    lines = ["Could you give me four engineers from October 1?"]
    play(client, ana, session_id, lines)
    hint = client.get(f"/api/v1/sessions/{session_id}/hint", headers=ana.headers).json()["hint"]
    scenario = open_library(()).get("q4-capacity")
    assert hint == replay(scenario, lines, seed=2).hint()
    assert hint


def test_ending_a_session_closes_it_without_agreement(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    play(client, ana, session_id, ["What is your team focused on this quarter?"])
    assert client.post(f"/api/v1/sessions/{session_id}/end", headers=ana.headers).status_code == 204
    stored = client.get(f"/api/v1/sessions/{session_id}", headers=ana.headers).json()
    assert (stored["status"], stored["outcome"]["status"]) == ("closed", "no_agreement")
    late = client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"text": "One more thing"}, headers=ana.headers
    )
    assert late.status_code == 409
    assert "ended" in late.json()["detail"]


def test_scenarios_are_listed_as_the_cli_lists_them(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    listed = client.get("/api/v1/scenarios", headers=ana.headers).json()
    printed = json.loads(CliRunner().invoke(cli, ["scenarios", "--json"]).stdout)
    assert listed == printed


def test_unknown_scenario_or_difficulty_is_a_clear_422(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    for body, words in (
        ({"scenario": "nope"}, "no scenario 'nope'"),
        ({"scenario": "q4-capacity", "difficulty": "brutal"}, "no difficulty 'brutal'"),
    ):
        response = client.post("/api/v1/sessions", json=body, headers=ana.headers)
        assert response.status_code == 422
        assert words in response.json()["detail"]


def test_the_scorecard_pdf_downloads(client: TestClient, people: Make) -> None:
    ana = people("ana@acme.test")
    session_id = start(client, ana)
    play(client, ana, session_id, script("integrative"))
    response = client.get(f"/api/v1/sessions/{session_id}/scorecard.pdf", headers=ana.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000


def test_openapi_documents_v1_and_docs_load_nothing_from_outside(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/v1/sessions",
        "/api/v1/sessions/{session_id}",
        "/api/v1/sessions/{session_id}/turns",
        "/api/v1/scenarios",
    } <= set(schema["paths"])
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert not any(path.startswith("/sessions") for path in schema["paths"])
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs
    assert "https://" not in docs.replace("https://swagger.io", "")
