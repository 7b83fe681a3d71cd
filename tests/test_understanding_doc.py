"""docs/understanding.md quotes the figures `sparring eval understanding` computes now."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.understanding import external
from sparring.understanding.evaluation import markdown
from sparring.understanding.measure import Skipped, measure

DOC = (Path(__file__).parent.parent / "docs" / "understanding.md").read_text(encoding="utf-8")


def test_the_held_out_figures_in_the_doc_are_current() -> None:
    (heldout,) = measure(None, ["heldout"])
    assert not isinstance(heldout, Skipped)
    assert markdown(heldout, "trained") in DOC


@pytest.mark.parametrize("name", ["casino", "negochat"])
def test_the_external_figures_in_the_doc_are_current(name: str) -> None:
    (result,) = measure(None, [name])
    if isinstance(result, Skipped):
        pytest.skip(f"{name} is not on this machine ({external.DATA_ENV}): {result.reason}")
    assert markdown(result, "trained") in DOC
