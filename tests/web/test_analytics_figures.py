"""Every analytics figure on a small seeded organization, against answers computed here in
plain Python from the rows the seed wrote, on SQLite and PostgreSQL, through the API."""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sparring.analytics.framework import DEFAULT
from sparring.scoring.rubric import load_rubric
from sparring.storage.database import Database
from tests.web.conftest import Person
from tests.web.seeded import Organization, Row, seed

BANDS = ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))
SELECTIONS = [(None, None), ("North", None), (None, "managing_up"), ("South", "cross_functional")]


@pytest.fixture
def org(db: Database, people: Callable[..., Person]) -> Organization:
    return seed(db, people)


def _params(org: Organization, cohort: str | None, kind: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if cohort:
        params["cohort"] = org.cohorts[cohort]
    if kind:
        params["type"] = kind
    return params


def _get(client: TestClient, org: Organization, path: str, **params: Any) -> Any:
    response = client.get(path, params=params, headers=org.coach.headers)
    assert response.status_code == 200, response.text
    return response.json()


def _expected_ranking(rows: list[Row], kind: str) -> list[dict[str, Any]]:
    scores: dict[str, list[int]] = {}
    for row in rows:
        found = (
            row.dimensions if kind == "dimension" else {k: v[0] for k, v in row.indicators.items()}
        )
        for name, score in found.items():
            scores.setdefault(name, []).append(score)
    items = [
        {
            "id": name,
            "sessions": len(values),
            "mean": round(sum(values) / len(values), 1),
            "bins": [sum(low <= v <= high for v in values) for low, high in BANDS],
        }
        for name, values in scores.items()
    ]
    return sorted(items, key=lambda i: (i["mean"], i["id"]))


@pytest.mark.parametrize(("cohort", "kind"), SELECTIONS)
def test_competencies_rank_the_weakest_first_with_averages_and_distributions(
    client: TestClient, org: Organization, cohort: str | None, kind: str | None
) -> None:
    figure = _get(client, org, "/api/v1/analytics/competencies", **_params(org, cohort, kind))
    rows = org.chosen(cohort, kind)
    groups = {g["simulation_type"]: g for g in figure["groups"]}
    present = sorted({r.simulation_type for r in rows})
    assert [g["simulation_type"] for g in figure["groups"]] == ["all", *present]
    for name, group in groups.items():
        mine = rows if name == "all" else [r for r in rows if r.simulation_type == name]
        assert group["sessions"] == len(mine)
        for kind_name, key in (("indicator", "indicators"), ("dimension", "dimensions")):
            shown = [
                {k: item[k] for k in ("id", "sessions", "mean", "bins")} for item in group[key]
            ]
            assert shown == _expected_ranking(mine, kind_name), (name, kind_name)
    weakest = _expected_ranking(rows, "indicator")[0]
    assert figure["weakest"]["id"] == weakest["id"]
    assert figure["weakest"]["label"] == load_rubric().indicators[weakest["id"]].label


@pytest.mark.parametrize(("cohort", "kind"), SELECTIONS)
def test_failure_patterns_are_rates_of_the_selected_sessions(
    client: TestClient, org: Organization, cohort: str | None, kind: str | None
) -> None:
    figure = _get(client, org, "/api/v1/analytics/patterns", **_params(org, cohort, kind))
    rows = org.chosen(cohort, kind)

    def flags(row: Row) -> dict[str, bool]:
        anchoring = row.indicators["anchoring"][1]
        return {
            "anchored_early": anchoring is not None and anchoring <= 2,
            "proposed_before_inquiry": anchoring is not None and row.indicators["inquiry"][1] == 0,
            "single_point_only": row.indicators["options"][1] == 1,
        }

    for group in figure["groups"]:
        name = group["simulation_type"]
        mine = rows if name == "all" else [r for r in rows if r.simulation_type == name]
        assert group["sessions"] == len(mine)
        for item in group["patterns"]:
            count = sum(flags(r)[item["pattern"]] for r in mine)
            assert item["sessions"] == count
            assert item["rate"] == round(count / len(mine), 3)
    assert figure["groups"][0]["simulation_type"] == "all"


def _attempts(rows: list[Row]) -> dict[int, list[Row]]:
    by_learner: dict[int, list[Row]] = {}
    for row in sorted(rows, key=lambda r: (r.played_at, r.card_id)):
        by_learner.setdefault(row.learner_id, []).append(row)
    return by_learner


@pytest.mark.parametrize(("cohort", "kind"), SELECTIONS)
def test_progress_from_first_to_latest_attempt_per_learner_and_cohort(
    client: TestClient, org: Organization, cohort: str | None, kind: str | None
) -> None:
    dimension = "influence_without_authority"
    figure = _get(client, org, "/api/v1/analytics/progress", **_params(org, cohort, kind))
    attempts = _attempts(org.chosen(cohort, kind))
    emails = {p.account.id: p.account.email for p in org.learners}
    expected = sorted(
        (
            {
                "learner_id": learner,
                "email": emails[learner],
                "attempts": len(rows),
                "first": rows[0].dimensions[dimension],
                "latest": rows[-1].dimensions[dimension],
                "change": rows[-1].dimensions[dimension] - rows[0].dimensions[dimension],
            }
            for learner, rows in attempts.items()
        ),
        key=lambda p: (-p["change"], p["email"]),
    )
    assert figure["learners"] == expected
    names = [cohort] if cohort else sorted(org.cohorts)
    cohorts = []
    for name in names:
        mine = [p for p in expected if p["learner_id"] in org.members[name]]
        if not mine:
            continue
        compared = [p for p in mine if p["attempts"] >= 2]

        def mean(key: str, among: list[dict[str, Any]] = compared) -> float | None:
            return round(statistics.fmean(p[key] for p in among), 1) if among else None

        cohorts.append(
            {
                "cohort_id": org.cohorts[name],
                "cohort": name,
                "learners": len(mine),
                "compared": len(compared),
                "first": mean("first"),
                "latest": mean("latest"),
                "change": mean("change"),
            }
        )
    assert figure["cohorts"] == cohorts
    by_attempt: dict[int, list[int]] = {}
    for rows in attempts.values():
        for number, row in enumerate(rows[:10], start=1):
            by_attempt.setdefault(number, []).append(row.dimensions[dimension])
    assert figure["attempts"] == [
        {"attempt": n, "learners": len(v), "mean": round(statistics.fmean(v), 1)}
        for n, v in sorted(by_attempt.items())
    ]


def test_a_learner_profile_shows_each_indicator_trend_with_links_to_the_evidence(
    client: TestClient, org: Organization
) -> None:
    learner = org.learners[4]
    figure = _get(client, org, f"/api/v1/analytics/learners/{learner.account.id}")
    rows = _attempts(org.chosen())[learner.account.id]
    assert [s["session_id"] for s in figure["sessions"]] == [r.session_id for r in rows]
    assert [s["evidence"] for s in figure["sessions"]] == [
        f"/sessions/{r.session_id}/scorecard" for r in rows
    ]
    trends = {t["id"]: t for t in figure["trends"] if t["kind"] == "indicator"}
    for name in ("anchoring", "inquiry", "options"):
        series = [r.indicators[name][0] for r in rows]
        assert trends[name]["scores"] == series
        assert (trends[name]["first"], trends[name]["latest"]) == (series[0], series[-1])
    stranger = client.get("/api/v1/analytics/learners/999999", headers=org.coach.headers)
    assert stranger.status_code == 404


def _recent_competencies(rows: list[Row]) -> dict[str, float | None]:
    recent = sorted(rows, key=lambda r: (r.played_at, r.card_id), reverse=True)[:3]
    means: dict[tuple[str, str], float] = {}
    for kind in ("dimension", "indicator"):
        names = {n for r in recent for n in (r.dimensions if kind == "dimension" else r.indicators)}
        for name in names:
            values = [
                (r.dimensions.get(name) if kind == "dimension" else r.indicators[name][0])
                for r in recent
                if name in (r.dimensions if kind == "dimension" else r.indicators)
            ]
            means[(kind, name)] = statistics.fmean(v for v in values if v is not None)
    scores: dict[str, float | None] = {}
    for competency in DEFAULT.competencies:
        parts = [("indicator", k, w) for k, w in competency.indicators.items()]
        parts += [("dimension", k, w) for k, w in competency.dimensions.items()]
        found = [(w, means[(kind, k)]) for kind, k, w in parts if (kind, k) in means]
        total = sum(w for w, _ in found)
        scores[competency.id] = round(sum(w * m for w, m in found) / total, 1) if total else None
    return scores


@pytest.mark.parametrize("role", ["director", "vp"])
def test_readiness_lists_recent_competency_scores_against_the_role_and_names_the_gaps(
    client: TestClient, org: Organization, role: str
) -> None:
    figure = _get(client, org, "/api/v1/analytics/readiness", role=role)
    expected_levels = next(r for r in DEFAULT.roles if r.id == role).expected
    attempts = _attempts(org.chosen())
    shown = {item["email"]: item for item in figure["learners"]}
    assert set(shown) == {p.account.email for p in org.learners}
    for person in org.learners:
        item = shown[person.account.email]
        rows = attempts.get(person.account.id, [])
        scores = _recent_competencies(rows) if rows else dict.fromkeys(expected_levels)
        assert item["scores"] == scores
        short = {c: level for c, level in expected_levels.items() if (scores[c] or 0) < level}
        assert {g["competency"] for g in item["gaps"]} == set(short)
        for gap in item["gaps"]:
            assert gap["gap"] == round(
                short[gap["competency"]] - (scores[gap["competency"]] or 0), 1
            )
        assert item["ready"] == (bool(rows) and not short)
        assert item["sessions"] == min(3, len(rows))


def _ratings_csv(org: Organization) -> tuple[str, dict[tuple[int, str], list[float]]]:
    lines = ["email,competency,rater_group,score"]
    others: dict[tuple[int, str], list[float]] = {}
    for index, person in enumerate(org.learners):
        for c_index, competency in enumerate(DEFAULT.competencies):
            for g_index, group in enumerate(("manager", "peer", "self")):
                score = round(1 + ((index * 7 + c_index * 3 + g_index * 5) % 40) / 10, 1)
                lines.append(f"{person.account.email},{competency.id},{group},{score}")
                if group != "self":
                    others.setdefault((person.account.id, competency.id), []).append(score)
    return "\n".join(lines) + "\n", others


def test_360_ratings_sit_beside_simulation_scores_with_their_correlation(
    client: TestClient, org: Organization
) -> None:
    text, others = _ratings_csv(org)
    imported = client.post(
        "/api/v1/analytics/feedback",
        content=text,
        headers={**org.admin.headers, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 200, imported.text
    assert imported.json() == {"imported": len(org.learners) * len(DEFAULT.competencies) * 3}
    figure = _get(client, org, "/api/v1/analytics/feedback")
    attempts = _attempts(org.chosen())
    for item in figure["competencies"]:
        pairs = [
            (
                _recent_competencies(attempts[p.account.id])[item["competency"]],
                statistics.fmean(others[(p.account.id, item["competency"])]),
            )
            for p in org.learners
            if p.account.id in attempts
        ]
        assert item["n"] == len(pairs) == 5
        xs, ys = [p[0] for p in pairs], [round(p[1], 2) for p in pairs]
        assert [(p["simulation"], p["feedback"]) for p in item["learners"]] == list(
            zip(xs, ys, strict=True)
        )
        assert item["correlation"] == pytest.approx(statistics.correlation(xs, ys), abs=1e-3)


def test_every_figure_downloads_as_csv_matching_the_api(
    client: TestClient, org: Organization
) -> None:
    figure = _get(client, org, "/api/v1/analytics/competencies")
    response = client.get("/api/v1/analytics/competencies.csv", headers=org.coach.headers)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    first = figure["groups"][0]["indicators"][0]
    match = next(
        r
        for r in rows
        if r["simulation_type"] == "all" and r["kind"] == "indicator" and r["rank"] == "1"
    )
    assert (match["id"], float(match["mean"]), int(match["scores_0-19"])) == (
        first["id"],
        first["mean"],
        first["bins"][0],
    )
    for name in ("patterns", "progress", "cohort-progress", "attempts", "readiness", "feedback"):
        response = client.get(f"/api/v1/analytics/{name}.csv", headers=org.coach.headers)
        assert response.status_code == 200, name
        assert response.text.count("\n") >= 1, name
    progress = _get(client, org, "/api/v1/analytics/progress")
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/api/v1/analytics/progress.csv", headers=org.coach.headers).text
            )
        )
    )
    assert [(r["email"], int(r["change"])) for r in rows] == [
        (p["email"], p["change"]) for p in progress["learners"]
    ]
    assert client.get("/api/v1/analytics/nothing.csv", headers=org.coach.headers).status_code == 404


def test_learners_cannot_reach_analytics(client: TestClient, org: Organization) -> None:
    learner = org.learners[0]
    for path in (
        "/api/v1/analytics/competencies",
        "/api/v1/analytics/patterns",
        "/api/v1/analytics/progress",
        f"/api/v1/analytics/learners/{learner.account.id}",
        "/api/v1/analytics/readiness",
        "/api/v1/analytics/feedback",
        "/api/v1/analytics/competencies.csv",
        "/api/v1/analytics/xapi",
        "/api/v1/cohorts",
    ):
        response = client.get(path, headers=learner.headers)
        assert response.status_code == 403, path
        assert "coaches and admins" in response.json()["detail"]


def test_a_cohort_of_another_organization_is_not_found(
    client: TestClient, org: Organization, people: Callable[..., Person]
) -> None:
    outsider = people("coach@other.test", "coach", org="Other")
    response = client.get(
        "/api/v1/analytics/competencies",
        params={"cohort": org.cohorts["North"]},
        headers=outsider.headers,
    )
    assert response.status_code == 404
    figure = _get(client, org, "/api/v1/analytics/competencies")
    own = client.get("/api/v1/analytics/competencies", headers=outsider.headers).json()
    assert own["groups"][0]["sessions"] == 1
    assert figure["groups"][0]["sessions"] == len(org.rows)
