"""Shared fixtures: the built-in library and the reference scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.scenarios.loader import Library, open_library
from sparring.scenarios.model import Scenario
from sparring.session import Session, replay

TRANSCRIPTS = Path(__file__).parent / "transcripts"


@pytest.fixture(scope="session")
def library() -> Library:
    return open_library(())


@pytest.fixture(scope="session")
def q4(library: Library) -> Scenario:
    return library.get("q4-capacity")


def play(scenario: Scenario, name: str, **options: object) -> Session:
    """Play a scripted transcript from tests/transcripts."""
    lines = (TRANSCRIPTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return replay(scenario, lines, **options)  # type: ignore[arg-type]
