"""Pages in-process: sign-in, CSRF, escaping, the HTMX practice flow, history and PDF."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import Person, script

HTMX = {"HX-Request": "true"}


def csrf(client: TestClient, path: str = "/sign-in") -> str:
    page = client.get(path).text
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def sign_in(client: TestClient, person: Person) -> str:
    token = csrf(client)
    response = client.post(
        "/sign-in",
        data={"email": person.account.email, "password": person.password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return csrf(client, "/scenarios")


def start_page_session(client: TestClient, token: str) -> str:
    response = client.post(
        "/sessions", data={"scenario": "q4-capacity", "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    return response.headers["location"].rsplit("/", 1)[1]


def test_pages_need_a_signed_in_user(client: TestClient) -> None:
    for path in ("/scenarios", "/history", "/sessions/abc", "/sessions/abc/scorecard"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/sign-in?next={path}"
    htmx = client.post("/sessions/abc/turns", headers=HTMX, follow_redirects=False)
    assert htmx.status_code in (204, 403)


def test_a_wrong_password_is_refused(client: TestClient, people: Callable[..., Person]) -> None:
    ana = people("ana@acme.test")
    response = client.post(
        "/sign-in",
        data={"email": ana.account.email, "password": "wrong password", "csrf_token": csrf(client)},
    )
    assert response.status_code == 401
    assert "do not match" in response.text


def test_state_changing_forms_need_the_csrf_token(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    token = sign_in(client, ana)
    session_id = start_page_session(client, token)
    for path, data in (
        ("/sessions", {"scenario": "q4-capacity"}),
        (f"/sessions/{session_id}/turns", {"text": "Hello"}),
        (f"/sessions/{session_id}/end", {}),
        ("/sign-out", {}),
    ):
        assert client.post(path, data=data).status_code == 403
        assert client.post(path, data={**data, "csrf_token": "forged"}).status_code == 403
    page = client.get(f"/sessions/{session_id}")
    assert "Turn 1 of 20" in page.text


def test_practice_through_htmx_to_an_agreement_and_the_scorecard(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    token = sign_in(client, ana)
    session_id = start_page_session(client, token)
    page = client.get(f"/sessions/{session_id}").text
    assert "Your brief" in page and "Turn 1 of 20" in page
    headers = {**HTMX, "X-CSRF-Token": token}
    fragment = ""
    for number, line in enumerate(script("integrative"), start=1):
        fragment = client.post(
            f"/sessions/{session_id}/turns", data={"text": line}, headers=headers
        ).text
        assert 'class="turn learner"' in fragment and "Priya" in fragment
        if "The meeting is over" in fragment:
            break
        assert f"Turn {number + 1} of 20" in fragment
    assert f"/sessions/{session_id}/scorecard" in fragment
    card = client.get(f"/sessions/{session_id}/scorecard").text
    for words in (
        "Influence without authority",
        "Value creation",
        "<h3>Relationship</h3>",  # the dimension
        "<h3>Peer relationship</h3>",  # the indicator of the same id
        "Outcome: Agreement",
        "trust-chart",
        "Try again from here",
    ):
        assert words in card
    assert 'href="#turn-' in card
    pdf = client.get(f"/sessions/{session_id}/scorecard.pdf")
    assert pdf.headers["content-type"] == "application/pdf"


def test_learner_text_is_escaped_everywhere(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    token = sign_in(client, ana)
    session_id = start_page_session(client, token)
    attack = '<script>alert("x")</script> What is your team focused on?'
    headers = {**HTMX, "X-CSRF-Token": token}
    fragment = client.post(
        f"/sessions/{session_id}/turns", data={"text": attack}, headers=headers
    ).text
    client.post(f"/sessions/{session_id}/end", headers=headers)
    for html in (fragment, client.get(f"/sessions/{session_id}/scorecard").text):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


def test_an_empty_turn_shows_a_message_beside_the_form(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    token = sign_in(client, ana)
    session_id = start_page_session(client, token)
    response = client.post(
        f"/sessions/{session_id}/turns",
        data={"text": "  "},
        headers={**HTMX, "X-CSRF-Token": token},
    )
    assert response.headers["HX-Retarget"] == "#turn-error"
    assert "a turn cannot be empty" in response.text


def test_another_learners_scorecard_is_not_found(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana, ben = people("ana@acme.test"), people("ben@acme.test")
    session_id = start_page_session(client, sign_in(client, ana))
    other = TestClient(client.app)
    sign_in(other, ben)
    for path in (
        f"/sessions/{session_id}",
        f"/sessions/{session_id}/scorecard",
        f"/sessions/{session_id}/scorecard.pdf",
    ):
        response = other.get(path)
        assert response.status_code == 404
        assert "Not found" in response.text


def test_history_shows_a_branch_and_both_outcomes(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    token = sign_in(client, ana)
    session_id = start_page_session(client, token)
    headers = {**HTMX, "X-CSRF-Token": token}
    for line in script("early_anchor"):
        client.post(f"/sessions/{session_id}/turns", data={"text": line}, headers=headers)
    retry = client.post(
        f"/sessions/{session_id}/retry",
        data={"turn": "2", "csrf_token": token},
        follow_redirects=False,
    )
    branch_id = retry.headers["location"].rsplit("/", 1)[1]
    for line in script("integrative")[1:]:
        client.post(f"/sessions/{branch_id}/turns", data={"text": line}, headers=headers)
    history = client.get("/history").text
    assert "Try again from turn 2" in history
    assert "Escalated → Agreement" in history
    assert "scores-chart" in history
    coach = TestClient(client.app)
    sign_in(coach, people("cora@acme.test", role="coach"))
    listed = coach.get("/history").text
    assert listed.count("ana@acme.test") == 2  # both of Ana's sessions are listed...
    assert "scores-chart" not in listed  # ...but not charted as the coach's own progress
    assert "progress is on their" in listed


def test_only_an_admin_manages_people(client: TestClient, people: Callable[..., Person]) -> None:
    coach = people("cora@acme.test", role="coach")
    admin = people("adam@acme.test", role="admin")
    other = TestClient(client.app)
    sign_in(other, coach)
    assert other.get("/people").status_code == 403
    token = sign_in(client, admin)
    added = client.post(
        "/people", data={"email": "new@acme.test", "role": "learner", "csrf_token": token}
    )
    assert added.status_code == 201
    password = added.text.split("<code>", 1)[1].split("</code>", 1)[0]
    newcomer = TestClient(client.app)
    response = newcomer.post(
        "/sign-in",
        data={"email": "new@acme.test", "password": password, "csrf_token": csrf(newcomer)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "new@acme.test" in client.get("/people").text
