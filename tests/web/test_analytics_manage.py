"""What coaches and admins manage: cohorts and assignments, the competency framework, 360
imports that reject bad files row by row and write nothing; and the pages that show them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from sparring.cli import app as cli
from sparring.storage.database import Database
from sparring.storage.models import FeedbackRating
from tests.web.conftest import Person
from tests.web.seeded import Organization, seed
from tests.web.test_api import play, start
from tests.web.test_pages import sign_in

GOOD = "email,competency,rater_group,score\nl0@acme.test,influence,manager,4\n"


def _ratings(db: Database) -> int:
    with db.transaction() as tx:
        return tx.scalar(select(func.count()).select_from(FeedbackRating)) or 0


def _post_csv(client: TestClient, person: Person, text: str) -> tuple[int, dict[str, object]]:
    response = client.post(
        "/api/v1/analytics/feedback",
        content=text.encode(),
        headers={**person.headers, "Content-Type": "text/csv"},
    )
    return response.status_code, response.json()


@pytest.fixture
def org(db: Database, people: Callable[..., Person]) -> Organization:
    return seed(db, people)


def test_a_360_file_with_bad_rows_is_rejected_row_by_row_and_writes_nothing(
    client: TestClient, org: Organization, db: Database
) -> None:
    text = (
        "email,competency,rater_group,score\n"
        "l0@acme.test,influence,manager,4\n"
        "nobody@acme.test,influence,peer,3\n"
        "l1@acme.test,charisma,peer,3\n"
        "l1@acme.test,influence,peer,7\n"
        "l1@acme.test,influence,self,high\n"
        "l0@acme.test,Influence without authority,MANAGER,2\n"
        "x@other.test,influence,peer,3\n"
        "l2@acme.test,influence,peer\n"
        "l3@acme.test,peer_relationships,,3\n"
    )
    status, body = _post_csv(client, org.admin, text)
    assert status == 422
    assert body["problems"] == [
        "line 3: no person 'nobody@acme.test' in this organization",
        "line 4: unknown competency 'charisma' (known: influence, information_gathering, "
        "creating_value, peer_relationships)",
        "line 5: score 7 is outside 1-5",
        "line 6: score 'high' is not a number",
        "line 7: repeats line 2 (same person, competency and rater group)",
        "line 8: no person 'x@other.test' in this organization",
        "line 9: expected 4 fields, found 3",
        "line 10: the rater group is empty",
    ]
    assert str(body["detail"]).startswith("nothing imported: 8 problem(s)")
    assert _ratings(db) == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "line 1: the header must be email,competency,rater_group,score"),
        ("name,skill,who,score\n", "line 1: the header must be email,competency,rater_group,score"),
        ("email,competency,rater_group,score\n", "the file has a header but no ratings"),
        (
            "email,competency,rater_group,score\nl0@acme.test,influence,peer,nan\n",
            "score nan is outside 1-5",
        ),
    ],
)
def test_a_360_file_without_readable_ratings_is_refused(
    client: TestClient, org: Organization, db: Database, text: str, problem: str
) -> None:
    status, body = _post_csv(client, org.admin, text)
    assert status == 422
    assert problem in str(body["problems"])
    assert _ratings(db) == 0


def test_a_later_360_import_replaces_the_same_rating_and_keeps_the_rest(
    client: TestClient, org: Organization, db: Database
) -> None:
    assert _post_csv(client, org.admin, GOOD + "l1@acme.test,influence,peer,3\n") == (
        200,
        {"imported": 2},
    )
    assert _post_csv(
        client,
        org.coach,
        "email,competency,rater_group,score\nL0@acme.test,influence,manager,2.5\n",
    ) == (200, {"imported": 1})
    with db.transaction() as tx:
        rows = sorted(
            (r.competency, r.rater_group, r.score) for r in tx.scalars(select(FeedbackRating))
        )
    assert rows == [("influence", "manager", 2.5), ("influence", "peer", 3.0)]


def test_the_360_page_imports_a_file_and_reports_bad_rows(
    client: TestClient, org: Organization, db: Database
) -> None:
    sign_in(client, org.admin)
    page = client.get("/analytics/feedback").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    bad = client.post(
        "/analytics/feedback",
        data={"csrf_token": token},
        files={"file": ("360.csv", GOOD + "l1@acme.test,influence,peer,9\n", "text/csv")},
    )
    assert bad.status_code == 422
    assert "Nothing was imported: 1 problem(s) in 360.csv." in bad.text
    assert "line 3: score 9 is outside 1-5" in bad.text
    assert _ratings(db) == 0
    good = client.post(
        "/analytics/feedback",
        data={"csrf_token": token},
        files={"file": ("360.csv", GOOD, "text/csv")},
    )
    assert good.status_code == 200
    assert "Imported 1 ratings from 360.csv." in good.text
    assert _ratings(db) == 1


def test_cohorts_assign_scenarios_that_learners_see_first_with_due_dates(
    client: TestClient, people: Callable[..., Person]
) -> None:
    coach = people("coach@acme.test", "coach")
    ana = people("ana@acme.test")
    bo = people("bo@acme.test")
    made = client.post("/api/v1/cohorts", json={"name": "Directors 2026"}, headers=coach.headers)
    assert made.status_code == 201
    cohort = made.json()["id"]
    again = client.post("/api/v1/cohorts", json={"name": "Directors  2026"}, headers=coach.headers)
    assert again.status_code == 422 and "already exists" in again.json()["detail"]
    unknown = client.post(
        f"/api/v1/cohorts/{cohort}/members",
        json={"emails": ["ana@acme.test", "who@acme.test"]},
        headers=coach.headers,
    )
    assert unknown.status_code == 422 and "who@acme.test" in unknown.json()["detail"]
    assert client.get(f"/api/v1/cohorts/{cohort}", headers=coach.headers).json()["members"] == []
    added = client.post(
        f"/api/v1/cohorts/{cohort}/members",
        json={"emails": ["ana@acme.test"]},
        headers=coach.headers,
    )
    assert added.json() == {"added": 1}
    for scenario, due in (("launch-date", "2031-05-01"), ("q4-capacity", "2031-04-01")):
        assigned = client.post(
            f"/api/v1/cohorts/{cohort}/assignments",
            json={"scenario": scenario, "difficulty": "standard", "due": due},
            headers=coach.headers,
        )
        assert assigned.status_code == 201, assigned.text
    wrong = client.post(
        f"/api/v1/cohorts/{cohort}/assignments",
        json={"scenario": "q4-capacity", "difficulty": "brutal", "due": "2031-04-01"},
        headers=coach.headers,
    )
    assert wrong.status_code == 422 and "no difficulty 'brutal'" in wrong.json()["detail"]
    mine = client.get("/api/v1/assignments", headers=ana.headers).json()
    assert [(a["scenario"], a["due"], a["done"]) for a in mine] == [
        ("q4-capacity", "2031-04-01", False),
        ("launch-date", "2031-05-01", False),
    ]
    assert client.get("/api/v1/assignments", headers=bo.headers).json() == []
    session_id = start(client, ana)
    client.post(f"/api/v1/sessions/{session_id}/end", headers=ana.headers)
    assert [a["done"] for a in client.get("/api/v1/assignments", headers=ana.headers).json()] == [
        True,
        False,
    ]
    sign_in(client, ana)
    catalogue = client.get("/scenarios").text
    assert catalogue.index("Your assignments") < catalogue.index("Choose a scenario")
    assert "due 01 Apr 2031" in catalogue and "due 01 May 2031" in catalogue
    assert (
        client.post("/api/v1/cohorts", json={"name": "Mine"}, headers=ana.headers).status_code
        == 403
    )


def test_cohort_pages_create_a_cohort_add_people_and_assign(
    client: TestClient, people: Callable[..., Person]
) -> None:
    admin = people("admin@acme.test", "admin")
    people("ana@acme.test")
    token = sign_in(client, admin)
    made = client.post(
        "/cohorts", data={"name": "New VPs", "csrf_token": token}, follow_redirects=False
    )
    assert made.status_code == 303
    page = made.headers["location"]
    client.post(f"{page}/members", data={"emails": "ana@acme.test", "csrf_token": token})
    client.post(
        f"{page}/assignments",
        data={
            "scenario": "q4-capacity",
            "difficulty": "hard",
            "due": "2031-06-30",
            "csrf_token": token,
        },
    )
    shown = client.get(page).text
    assert "ana@acme.test" in shown and "30 Jun 2031" in shown and "hard" in shown
    assert "New VPs" in client.get("/cohorts").text


def test_the_framework_is_editable_by_admins_and_validated(
    client: TestClient, people: Callable[..., Person]
) -> None:
    admin = people("admin@acme.test", "admin")
    coach = people("coach@acme.test", "coach")
    framework = client.get("/api/v1/analytics/framework", headers=coach.headers).json()
    assert [c["name"] for c in framework["competencies"]] == [
        "Influence without authority",
        "Information gathering",
        "Creating value",
        "Peer relationships",
    ]
    assert [r["id"] for r in framework["roles"]] == ["director", "vp"]
    framework["roles"][1]["expected"]["influence"] = 80
    assert (
        client.put("/api/v1/analytics/framework", json=framework, headers=coach.headers).status_code
        == 403
    )
    saved = client.put("/api/v1/analytics/framework", json=framework, headers=admin.headers)
    assert saved.status_code == 200
    assert (
        client.get("/api/v1/analytics/framework", headers=coach.headers).json()["roles"][1][
            "expected"
        ]["influence"]
        == 80
    )
    framework["competencies"][0]["indicators"] = {"charm": 1}
    bad = client.put("/api/v1/analytics/framework", json=framework, headers=admin.headers)
    assert bad.status_code == 422
    assert "unknown indicator 'charm'" in bad.json()["detail"]
    token = sign_in(client, admin)
    page = client.post("/analytics/framework", data={"text": "roles: [", "csrf_token": token})
    assert page.status_code == 422 and "not valid JSON or YAML" in page.text
    assert (
        client.get("/api/v1/analytics/framework", headers=admin.headers).json()["roles"][1][
            "expected"
        ]["influence"]
        == 80
    )


def test_a_learner_gets_403_from_every_analytics_page(
    client: TestClient, org: Organization
) -> None:
    sign_in(client, org.learners[0])
    for path in (
        "/analytics",
        f"/analytics/learners/{org.learners[1].account.id}",
        "/analytics/readiness",
        "/analytics/feedback",
        "/analytics/framework",
        "/analytics/competencies.csv",
        "/analytics/xapi.json",
        "/cohorts",
        f"/cohorts/{org.cohorts['North']}",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "l1@acme.test" not in response.text
    assert "/analytics" not in client.get("/scenarios").text


def test_the_analytics_page_names_the_weakest_competency(
    client: TestClient, org: Organization
) -> None:
    figure = client.get("/api/v1/analytics/competencies", headers=org.coach.headers).json()
    weakest = figure["weakest"]
    sign_in(client, org.coach)
    page = client.get("/analytics").text
    assert (
        f"The weakest competency in Acme is {weakest['label']}: an average of {weakest['mean']:g} "
        f"out of 100 over {weakest['sessions']} sessions"
    ) in page
    north = client.get("/analytics", params={"cohort": org.cohorts["North"], "type": "managing_up"})
    assert north.status_code == 200 and "The weakest competency in North" in north.text
    learner = client.get(f"/analytics/learners/{org.learners[4].account.id}").text
    assert f"/sessions/{org.rows[-1].session_id}/scorecard#indicator-anchoring" in learner
    readiness = client.get("/analytics/readiness", params={"role": "director"}).text
    assert "Readiness for Director" in readiness
    assert client.get("/analytics", params={"type": "sideways"}).status_code == 422


def test_closing_a_session_stores_scores_that_analytics_count(
    client: TestClient, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    coach = people("coach@acme.test", "coach")
    session_id = start(client, ana)
    play(
        client,
        ana,
        session_id,
        ["I need four engineers from October 1 for eight weeks, full scope."],
    )
    client.post(f"/api/v1/sessions/{session_id}/end", headers=ana.headers)
    patterns = client.get("/api/v1/analytics/patterns", headers=coach.headers).json()
    rates = {p["pattern"]: p["sessions"] for p in patterns["groups"][0]["patterns"]}
    assert rates == {"anchored_early": 1, "proposed_before_inquiry": 1, "single_point_only": 1}


def test_the_360_command_imports_a_file_or_names_its_bad_rows_and_writes_nothing(
    org: Organization, db: Database, tmp_path: Path
) -> None:
    url = db.url.render_as_string(hide_password=False)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD + "l1@acme.test,influence,peer,3\n", encoding="utf-8")
    bad.write_text(GOOD + "nobody@acme.test,influence,peer,3\nl1@acme.test,influence,peer,9\n")

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["admin", "import-360", *args, "--db", url])

    refused = run(str(bad), "--org", "Acme")
    assert refused.exit_code == 1
    assert "nothing imported: 2 problem(s)" in refused.stderr
    assert "line 3" in refused.stderr and "line 4" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _ratings(db) == 0
    missing = run(str(tmp_path / "absent.csv"), "--org", "Acme")
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    done = run(str(good), "--org", "Acme")
    assert done.exit_code == 0, done.stderr
    assert "imported 2 ratings into Acme" in done.stdout
    assert _ratings(db) == 2
