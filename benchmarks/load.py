"""50 concurrent learners, each playing a 15-turn session against `sparring serve` on loopback.

Runs the server as its own process on SQLite and on PostgreSQL, measures every turn's
latency from the client, then checks that every session holds exactly the turns sent.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import httpx
from sqlalchemy import create_engine, text

from report import percentile, write_section
from sparring.storage import accounts
from sparring.storage.migrate import open_database

LEARNERS = 50
TURNS = [
    "Hi Priya, thanks for making time. What is your team focused on this quarter?",
    "How is the team holding up with on-call?",
    "I know your team is stretched and I'm asking you to stretch further.",
    "So the migration has to land by October 31, and on-call is overloaded.",
    "What's planned after the migration?",
    "How is success measured for you?",
    "Who else has a stake in the migration?",
    "What does a good outcome look like for you?",
    "Is the CFO still blocking headcount?",
    "We committed to ship self-serve onboarding by mid-December.",
    "What would make this work for you?",
    "I appreciate you walking me through all of that.",
    "What is the biggest risk you see for November?",
    "How do you decide what the team picks up next?",
    "That helps me understand where you are.",
]
POSTGRES = os.environ.get(
    "SPARRING_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SPARRING = Path(sys.executable).parent / "sparring"
REQUEST_TIMEOUT = 30.0
# Seconds a paced learner thinks before a turn, on average: a stress pace, and a pace closer
# to a person reading a reply and typing a sentence (still quicker than most).
THINK = 1.0
TYPING = 10.0


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """An empty database of a kind, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'load.sqlite3'}"
        return
    name = f"sparring_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def learners(url: str) -> list[str]:
    """Make an organization of learners and return one API token each."""
    opened = open_database(url)
    tokens = []
    with opened.transaction() as tx:
        organization = accounts.create_organization(tx, "Load")
        for index in range(LEARNERS):
            account = accounts.create_user(
                tx, organization, f"learner{index}@load.test", "learner", "load-test-password"
            )
            tokens.append(accounts.issue_token(tx, account))
    opened.close()
    return tokens


@contextmanager
def server(url: str) -> Iterator[str]:
    """Run `sparring serve` on a free loopback port until the block ends."""
    with serving(url) as (base, _):
        yield base


@contextmanager
def serving(url: str) -> Iterator[tuple[str, int]]:
    """Run `sparring serve` on a free loopback port; yield its address and process id."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(SPARRING), "serve", "--port", str(port), "--db", url, "--no-demo"],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(10)


async def learner(
    client: aiohttp.ClientSession,
    token: str,
    pause: float,
    latencies: list[float],
    errors: list[str],
) -> str | None:
    """Play one 15-turn session, thinking about `pause` seconds before each turn; return its id."""
    rng = random.Random(token)
    headers = {"Authorization": f"Bearer {token}"}
    async with client.post(
        "/api/v1/sessions", json={"scenario": "q4-capacity"}, headers=headers
    ) as created:
        if created.status != 201:
            errors.append(f"create {created.status}")
            return None
        session_id = str((await created.json())["id"])
    for turn in TURNS:
        await asyncio.sleep(rng.uniform(pause / 2, pause * 3 / 2))
        start = time.perf_counter()
        try:
            async with client.post(
                f"/api/v1/sessions/{session_id}/turns", json={"text": turn}, headers=headers
            ) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            errors.append(type(error).__name__)
            continue
        latencies.append(time.perf_counter() - start)
        if status != 200:
            errors.append(f"turn {status}")
    return session_id


async def load(
    base: str, tokens: list[str], pause: float
) -> tuple[list[float], list[str], float, int]:
    """Run every learner at once; return latencies, errors, seconds and lost turns.

    The client is aiohttp: it costs the shared cores far less per request than httpx, so
    more of the machine is left to the server being measured.
    """
    latencies: list[float] = []
    errors: list[str] = []
    connector = aiohttp.TCPConnector(limit=LEARNERS)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as client:
        start = time.perf_counter()
        ids = await asyncio.gather(*(learner(client, t, pause, latencies, errors) for t in tokens))
        seconds = time.perf_counter() - start
        lost = 0
        for token, session_id in zip(tokens, ids, strict=True):
            if session_id is None:
                lost += len(TURNS)
                continue
            async with client.get(
                f"/api/v1/sessions/{session_id}", headers={"Authorization": f"Bearer {token}"}
            ) as stored:
                turns = (await stored.json())["turns"]
            said = [t["text"] for t in turns if t["speaker"] == "learner"]
            lost += sum(1 for a, b in zip(said, TURNS, strict=False) if a != b)
            lost += abs(len(TURNS) - len(said))
    return latencies, errors, seconds, lost


def main() -> None:
    rows = []
    for kind in ("sqlite", "postgresql"):
        paces = ((0.0, "no pause"), (THINK, f"{THINK:g} s pause"), (TYPING, f"{TYPING:g} s pause"))
        for pause, pacing in paces:
            with tempfile.TemporaryDirectory() as folder, database(kind, Path(folder)) as url:
                tokens = learners(url)
                with server(url) as base:
                    latencies, errors, seconds, lost = asyncio.run(load(base, tokens, pause))
            ms = [s * 1000 for s in latencies]
            rows.append(
                f"| {kind} | {pacing} | {len(latencies)} | {len(latencies) / seconds:.0f} | "
                f"{percentile(ms, 50):.1f} ms | {percentile(ms, 99):.1f} ms | {max(ms):.1f} ms | "
                f"{len(errors)} | {lost} |"
            )
            print(rows[-1], sorted(set(errors))[:5], flush=True)
    body = (
        "| database | between turns | turns | turns/s | p50 | p99 | max | errors | lost turns |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + f"""

{LEARNERS} learners at once, each starting a `q4-capacity` session and saying its {len(TURNS)}
turns through the REST API over loopback against one `sparring serve` process (uvicorn, one
worker). Each learner waits for the reply before the next turn: with *no pause* it says the
next one at once (a stress test: {LEARNERS} turns always in flight, so latency is queueing
behind the others), with a pause it thinks for half to one and a half times the pause first
({THINK:g} s is still a stress pace; {TYPING:g} s is nearer a person reading the reply and typing
a sentence). The client is aiohttp, which costs the shared cores about 2 ms of CPU per turn
(httpx cost ten times that). Latency is measured by the client for each turn:
request, authentication, the in-memory session (or a replay), the append to the database,
scoring when a session closes, the reply. Afterwards every session is read back: "lost
turns" counts turns missing, repeated or out of order. The client shares the 2 cores with
the server and the database. Goal: zero errors and zero lost turns, p99 under 100 ms per
turn on PostgreSQL."""
    )
    write_section("load", "Web application: 50 concurrent learners", body, "make bench-load")


if __name__ == "__main__":
    main()
