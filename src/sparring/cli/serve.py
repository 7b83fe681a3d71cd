"""`sparring serve`: the web application and API over a migrated database."""

from __future__ import annotations

import gc
import socket
from typing import Annotated

import typer

from sparring.cli.common import ScenariosOption, app, library, out, user_errors
from sparring.cli.database import DatabaseOption, database
from sparring.errors import UserError
from sparring.storage import demo


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UserError(
                f"cannot listen on {host}:{port}: {error.strerror}; choose another with --port"
            ) from None


@app.command()
@user_errors
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    db: DatabaseOption = None,
    with_demo: Annotated[
        bool,
        typer.Option(
            "--demo/--no-demo",
            help="Create the demo organization and its people if absent (off for production).",
        ),
    ] = True,
    packs: ScenariosOption = None,
) -> None:
    """Start the web application and API; migrates the database first."""
    import uvicorn

    from sparring.web.app import create_app

    _check_port(host, port)
    opened = database(db)
    application = create_app(opened, library(packs))
    shown = f"[{host}]" if ":" in host else host
    lines = [
        f"Sparring is running at [bold]http://{shown}:{port}/[/]  (database: {opened})",
        f"API docs: http://{shown}:{port}/docs",
    ]
    if with_demo:
        people = demo.ensure(opened)
        lines.append("Demo sign-in (password " + people[0][2] + "):")
        lines += [f"  {role:8} {email}" for role, email, _ in people]
    lines.append("Press Ctrl+C to stop.")
    # The library, rubric and model live as long as the process: keep the garbage collector
    # from walking them again on every request that builds many objects (analytics pages).
    gc.freeze()

    class Announcing(uvicorn.Server):
        """Says where the application is once its socket listens, so the address works at once."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                for line in lines:
                    out.print(line, soft_wrap=True)

    config = uvicorn.Config(
        application, host=host, port=port, log_level="warning", access_log=False
    )
    Announcing(config).run()
