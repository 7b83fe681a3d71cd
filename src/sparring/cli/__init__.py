"""The `sparring` command: thin wrappers over sessions, scenarios and understanding.

Each module registers its commands on the one Typer app; add a domain by adding
a module and importing it here.
"""

from __future__ import annotations

from sparring.cli import admin, analytics, eval, play, scenarios, serve, understanding
from sparring.cli.common import app

__all__ = [
    "admin",
    "analytics",
    "app",
    "eval",
    "main",
    "play",
    "scenarios",
    "serve",
    "understanding",
]


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
