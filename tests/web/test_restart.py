"""A server process killed mid-session resumes the session when it starts again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from sparring.scenarios.loader import open_library
from sparring.session import replay
from sparring.storage.database import Database
from tests.web.conftest import Person, script


def _serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(Path(sys.executable).parent / "sparring"),
        "serve",
        "--port",
        str(port),
        "--db",
        url,
        "--no-demo",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/openapi.json", timeout=1)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


def test_a_killed_server_resumes_the_session_after_restart(
    db: Database, people: Callable[..., Person]
) -> None:
    ana = people("ana@acme.test")
    url = db.url.render_as_string(hide_password=False)
    lines = script("integrative")
    process, base = _serve(url)
    try:
        created = httpx.post(
            f"{base}/api/v1/sessions",
            json={"scenario": "q4-capacity", "seed": 9},
            headers=ana.headers,
        )
        session_id = created.json()["id"]
        for line in lines[:3]:
            reply = httpx.post(
                f"{base}/api/v1/sessions/{session_id}/turns",
                json={"text": line},
                headers=ana.headers,
            )
            assert reply.status_code == 200
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    process, base = _serve(url)
    try:
        resumed = httpx.post(
            f"{base}/api/v1/sessions/{session_id}/turns",
            json={"text": lines[3]},
            headers=ana.headers,
        )
        stored = httpx.get(f"{base}/api/v1/sessions/{session_id}", headers=ana.headers).json()
    finally:
        process.terminate()
        process.wait(10)
    assert resumed.status_code == 200
    expected = replay(open_library(()).get("q4-capacity"), lines[:4], seed=9).result()["turns"]
    assert resumed.json()["turns"] == expected[-2:]
    assert stored["turns"] == expected


def test_serve_gives_its_address_only_once_it_answers(tmp_path: Path) -> None:
    # Someone who opens the printed address at once must not meet a refused connection.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    command = [str(Path(sys.executable).parent / "sparring"), "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--db", url], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert f"running at http://127.0.0.1:{port}/" in first
        response = httpx.get(f"http://127.0.0.1:{port}/sign-in", timeout=5)
        assert response.status_code == 200
        shown = [process.stdout.readline() for _ in range(3)]
        assert shown[0].startswith("API docs:") and "Demo sign-in" in shown[1]
    finally:
        process.terminate()
        process.wait(10)
