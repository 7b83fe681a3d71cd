"""Analytics at scale: 100,000 sessions of 2,000 learners, on PostgreSQL and SQLite.

Every stored session is one the simulation really produced: scripted learners of varied
skill (`sparring.analytics.demo`) play the built-in scenarios; each distinct conversation
(same scenario, difficulty, script and seed) is simulated once and its turns and scores
are bulk-inserted for every attempt that repeats it. Then `sparring serve` answers each
analytics page and API endpoint while a client times it.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
from argon2 import PasswordHasher
from sqlalchemy import insert, text

from load import database, server
from report import percentile, write_section
from sparring.analytics import xapi
from sparring.analytics.demo import Attempt, Simulations, learners, plan, rating_for
from sparring.analytics.framework import DEFAULT
from sparring.scenarios.loader import open_library
from sparring.storage import accounts, rollups, scores
from sparring.storage.migrate import open_database
from sparring.storage.models import (
    Cohort,
    DimensionScore,
    FeedbackRating,
    IndicatorScore,
    Membership,
    Organization,
    OutboxStatement,
    Scorecard,
    StoredSession,
    Turn,
    User,
)

LEARNERS = int(os.environ.get("SPARRING_BENCH_LEARNERS", "2000"))
SESSIONS = int(os.environ.get("SPARRING_BENCH_SESSIONS", "100000"))
COHORT_SIZE = 100
SEED = 11
CHUNK = 5000
WARMUP, SAMPLES = 3, 20
PASSWORD = "benchmark-password"
GOAL_MS = 500


def _sessions(
    attempts: list[Attempt], simulations: Simulations, library: Any
) -> Iterator[tuple[Attempt, dict[str, Any], str]]:
    results: dict[int, dict[str, Any]] = {}
    for attempt in attempts:
        session = simulations.play(attempt)
        result = results.get(id(session))
        if result is None:
            result = results[id(session)] = session.result()
        yield attempt, result, library.get(attempt.scenario).type


def generate(url: str) -> dict[str, Any]:
    """Fill an empty database; return what the timing needs and how long each step took."""
    library = open_library(())
    opened = open_database(url)
    started = time.perf_counter()
    rng = random.Random(SEED)
    people = learners(LEARNERS, rng)
    attempts = list(plan(library, people, SESSIONS, SEED, datetime(2026, 1, 5, tzinfo=UTC).date()))
    simulations = Simulations(library)
    for attempt in attempts:
        simulations.play(attempt)
    simulated = time.perf_counter() - started
    hashed = PasswordHasher().hash(PASSWORD)
    with opened.transaction() as tx:
        organization = Organization(name="Benchmark")
        tx.add(organization)
        tx.flush()
        org = organization.id
        staff = [
            accounts.create_user(tx, organization, f"{r}@bench.test", r, PASSWORD)
            for r in ("coach", "admin")
        ]
        token = accounts.issue_token(tx, staff[0])
    with opened.engine.begin() as connection:
        connection.execute(
            insert(User),
            [
                {
                    "organization_id": org,
                    "email": f"learner-{p.index:04d}@bench.test",
                    "role": "learner",
                    "password_hash": hashed,
                }
                for p in people
            ],
        )
        ids = dict(connection.execute(text("SELECT email, id FROM users")).all())
        learner_ids = [ids[f"learner-{p.index:04d}@bench.test"] for p in people]
        cohorts = []
        for number, start in enumerate(range(0, LEARNERS, COHORT_SIZE), start=1):
            cohort_id = connection.execute(
                insert(Cohort)
                .values(organization_id=org, name=f"Cohort {number:02d}")
                .returning(Cohort.id)
            ).scalar_one()
            cohorts.append(cohort_id)
            connection.execute(
                insert(Membership),
                [
                    {"cohort_id": cohort_id, "user_id": u}
                    for u in learner_ids[start : start + COHORT_SIZE]
                ],
            )
        connection.execute(
            insert(FeedbackRating),
            [
                {
                    "organization_id": org,
                    "learner_id": learner_ids[p.index],
                    "competency": c.id,
                    "rater_group": g,
                    "score": rating_for(p.skill, rng),
                }
                for p in people
                for c in DEFAULT.competencies
                for g in ("manager", "peer", "direct_report", "self")
            ],
        )
    batch: dict[Any, list[dict[str, Any]]] = {
        StoredSession: [],
        Turn: [],
        Scorecard: [],
        DimensionScore: [],
        IndicatorScore: [],
        OutboxStatement: [],
    }
    base = xapi.iri_base()

    def flush() -> None:
        with opened.engine.begin() as connection:
            for table, rows in batch.items():
                if rows:
                    connection.execute(insert(table), rows)
                rows.clear()

    for number, (attempt, result, kind) in enumerate(_sessions(attempts, simulations, library)):
        session_id = f"bench{number:07d}"
        texts = [t["text"] for t in result["turns"] if t["speaker"] == "learner"]
        record = SimpleNamespace(
            id=session_id,
            organization_id=org,
            learner_id=learner_ids[attempt.learner],
            scenario_id=attempt.scenario,
            scenario_version=result["scenario_version"],
            difficulty=attempt.difficulty,
        )
        batch[StoredSession].append(
            {
                "id": session_id,
                "organization_id": org,
                "learner_id": record.learner_id,
                "scenario_id": attempt.scenario,
                "scenario_version": result["scenario_version"],
                "difficulty": attempt.difficulty,
                "seed": attempt.seed,
                "rubric_version": result["rubric_version"],
                "status": "closed",
                "turn_count": len(texts),
                "created_at": attempt.started_at,
                "closed_at": attempt.finished_at,
            }
        )
        batch[Turn] += [
            {
                "session_id": session_id,
                "number": n,
                "text": t,
                "created_at": attempt.started_at + timedelta(seconds=30 * n),
            }
            for n, t in enumerate(texts, start=1)
        ]
        card_id = number + 1
        card, dimensions, indicators = scores.rows(record, result, kind, attempt.started_at)
        batch[Scorecard].append({"id": card_id, **card})
        batch[DimensionScore] += [{"scorecard_id": card_id, **d} for d in dimensions]
        batch[IndicatorScore] += [{"scorecard_id": card_id, **i} for i in indicators]
        statement = xapi.statement(
            session_id=session_id,
            email=f"learner-{attempt.learner:04d}@bench.test",
            scenario=library.get(attempt.scenario),
            result=result,
            started_at=attempt.started_at,
            finished_at=attempt.finished_at,
            base=base,
        )
        # Most statements reached the LRS; the latest few hundred wait, some after a failure.
        delivered = number < SESSIONS - 300
        batch[OutboxStatement].append(
            {
                "session_id": session_id,
                "organization_id": org,
                "learner_id": record.learner_id,
                "statement": json.dumps(statement, separators=(",", ":")),
                "created_at": attempt.finished_at,
                "attempts": 1 if delivered else number % 3,
                "next_attempt_at": attempt.finished_at,
                "delivered_at": attempt.finished_at if delivered else None,
                "last_error": None if delivered or number % 3 == 0 else "HTTP 503: unavailable",
            }
        )
        if len(batch[StoredSession]) >= CHUNK:
            flush()
    flush()
    # Rows inserted in bulk skip the per-session summaries; compute them all at once.
    with opened.transaction() as tx:
        rollups.rebuild(tx)
    if opened.dialect == "postgresql":
        with opened.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(
                text("SELECT setval('scorecards_id_seq', (SELECT max(id) FROM scorecards))")
            )
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with opened.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    opened.close()
    return {
        "token": token,
        "cohort": cohorts[0],
        "learner": learner_ids[0],
        "distinct": len(simulations.played),
        "simulated_s": simulated,
        "total_s": time.perf_counter() - started,
    }


def _sign_in(client: httpx.Client) -> None:
    page = client.get("/sign-in").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/sign-in", data={"email": "coach@bench.test", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code in (200, 303), response.status_code


def targets(made: dict[str, Any]) -> list[tuple[str, str]]:
    """Every analytics page, CSV download and API answer, for the organization and a cohort."""
    cohort, learner = made["cohort"], made["learner"]
    pages = [
        "/analytics",
        f"/analytics?cohort={cohort}",
        "/analytics?type=managing_up",
        f"/analytics/learners/{learner}",
        "/analytics/readiness",
        f"/analytics/readiness?cohort={cohort}",
        "/analytics/feedback",
        f"/analytics/feedback?cohort={cohort}",
        "/analytics/competencies.csv",
        "/analytics/patterns.csv",
        "/analytics/progress.csv",
        "/analytics/cohort-progress.csv",
        "/analytics/attempts.csv",
        "/analytics/readiness.csv",
        "/analytics/feedback.csv",
        f"/analytics/learners/{learner}.csv",
    ]
    api = [
        "/api/v1/analytics/competencies",
        f"/api/v1/analytics/competencies?cohort={cohort}",
        "/api/v1/analytics/patterns",
        f"/api/v1/analytics/patterns?cohort={cohort}",
        "/api/v1/analytics/progress",
        f"/api/v1/analytics/progress?cohort={cohort}",
        f"/api/v1/analytics/learners/{learner}",
        "/api/v1/analytics/readiness",
        f"/api/v1/analytics/readiness?cohort={cohort}",
        "/api/v1/analytics/feedback",
        f"/api/v1/analytics/feedback?cohort={cohort}",
        "/api/v1/analytics/xapi/status",
    ]
    return [("page", p) for p in pages] + [("api", p) for p in api]


def measure(base: str, made: dict[str, Any]) -> list[tuple[str, float, float, int]]:
    """Time each target; return (target, p50 ms, p95 ms, bytes)."""
    found = []
    with (
        httpx.Client(base_url=base, timeout=60, follow_redirects=True) as pages,
        httpx.Client(
            base_url=base, timeout=60, headers={"Authorization": f"Bearer {made['token']}"}
        ) as api,
    ):
        _sign_in(pages)
        for kind, path in targets(made):
            client = pages if kind == "page" else api
            times = []
            size = 0
            for round_ in range(WARMUP + SAMPLES):
                start = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - start
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
                size = len(response.content)
                if round_ >= WARMUP:
                    times.append(elapsed * 1000)
            found.append((path, percentile(times, 50), percentile(times, 95), size))
            print(
                f"{path:55} p50 {found[-1][1]:7.1f} ms  p95 {found[-1][2]:7.1f} ms  {size} B",
                flush=True,
            )
    return found


def main() -> None:
    kinds = sys.argv[1:] or ["postgresql", "sqlite"]
    results: dict[str, list[tuple[str, float, float, int]]] = {}
    made: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        with tempfile.TemporaryDirectory() as folder, database(kind, Path(folder)) as url:
            print(f"{kind}: generating {SESSIONS} sessions of {LEARNERS} learners", flush=True)
            made[kind] = generate(url)
            print(f"{kind}: generated in {made[kind]['total_s']:.0f} s", flush=True)
            with server(url) as base:
                results[kind] = measure(base, made[kind])
    paths = [p for p, *_ in next(iter(results.values()))]
    header = "| page or endpoint | " + " | ".join(f"{k} p50 | {k} p95" for k in kinds) + " |"
    lines = [header, "|---|" + "---|---|" * len(kinds)]
    for index, path in enumerate(paths):
        cells = " | ".join(
            f"{results[k][index][1]:.0f} ms | {results[k][index][2]:.0f} ms" for k in kinds
        )
        lines.append(f"| `{path}` | {cells} |")
    worst = {k: max(r[2] for r in results[k]) for k in kinds}
    any_kind = next(iter(made.values()))
    body = (
        "\n".join(lines)
        + f"""

Worst p95: {", ".join(f"{k} {worst[k]:.0f} ms" for k in kinds)} (goal: under {GOAL_MS} ms on PostgreSQL).

The data: one organization of {LEARNERS:,} learners in {LEARNERS // COHORT_SIZE} cohorts of
{COHORT_SIZE}, {SESSIONS:,} closed sessions ({SESSIONS // LEARNERS} per learner, spread over 12
weeks), {LEARNERS * len(DEFAULT.competencies) * 4:,} 360 ratings. Each session is a real simulated
conversation: `sparring.analytics.demo` gives each learner a skill and a growth per attempt and
builds each attempt's script from the scenario's reference strategies (the integrative
strategy's preparation turns, as many as the skill reaches, then its multi-package proposal or
the early anchor's positional asks; the least skilled capitulate or escalate). The
{any_kind["distinct"]:,} distinct conversations (scenario, difficulty, script, seed) were each
simulated once with `sparring.session.replay` and their learner turns, scorecard, dimension
and indicator scores bulk-inserted for every attempt that repeats them (rows built by
`sparring.storage.scores.rows`, the function the web's close uses; the per-learner summaries
then computed once with `sparring.storage.rollups.rebuild`), with each session's xAPI
statement in the outbox (all but the last 300 delivered; the analytics page and
`/api/v1/analytics/xapi/status` count them). Exporting the statements is not timed here. Generation took {", ".join(f"{k} {made[k]['total_s']:.0f} s" for k in kinds)}.

Timing: `sparring serve` (one uvicorn worker) on loopback; a client signed in as the coach
(cookie for pages, bearer token for the API) requests each target {WARMUP} times to warm
up, then {SAMPLES} times in a row; p50 and p95 of those {SAMPLES}. Client, server and database
share the machine's cores. `?cohort=` is one cohort of {COHORT_SIZE} learners; pages without
it cover the whole organization."""
    )
    write_section(
        "analytics",
        f"Analytics: {SESSIONS:,} sessions of {LEARNERS:,} learners",
        body,
        "make bench-analytics",
    )


if __name__ == "__main__":
    main()
