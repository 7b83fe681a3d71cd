"""A Learning Record Store on a random loopback port: it records every statement POSTed,
can fail the first N requests, and can hold a request until the test releases it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class StubLrs:
    failures: int = 0
    hold: bool = False
    received: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""


@contextmanager
def stub_lrs(failures: int = 0, hold: bool = False) -> Iterator[StubLrs]:
    """Run a stub LRS until the block ends."""
    state = StubLrs(failures=failures, hold=hold)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.headers.append(dict(self.headers.items()))
            state.paths.append(self.path)
            if state.hold:
                state.holding.set()
                state.release.wait(10)
            if state.failures > 0:
                state.failures -= 1
                self._answer(503, b'{"error": "try later"}')
                return
            statement = json.loads(body)
            state.received.append(statement)
            self._answer(200, json.dumps([statement["id"]]).encode())

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/xapi"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
