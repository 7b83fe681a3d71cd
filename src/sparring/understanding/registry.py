"""Act classifiers by name; built-ins register the same way as add-ons.

An add-on registers a factory under the entry-point group `sparring.classifiers`
(or calls `register`); `SPARRING_CLASSIFIER` picks one by name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from importlib.metadata import entry_points

from sparring.errors import UserError
from sparring.understanding.embeddings import EmbeddingActs
from sparring.understanding.model import TrainedActs
from sparring.understanding.reader import Reader
from sparring.understanding.rules import RuleActs
from sparring.understanding.types import ActClassifier

ENV = "SPARRING_CLASSIFIER"
DEFAULT = "trained"
_FACTORIES: dict[str, Callable[[], ActClassifier]] = {
    "rules": RuleActs,
    "trained": TrainedActs,
    "embeddings": EmbeddingActs,  # needs the `embeddings` extra; says so when it is missing
}


def register(name: str, factory: Callable[[], ActClassifier]) -> None:
    """Make an act classifier available by name."""
    _FACTORIES[name] = factory


@cache
def _add_ons() -> None:
    """Register the classifiers installed packages offer (read once per process)."""
    for entry in entry_points(group="sparring.classifiers"):
        _FACTORIES.setdefault(entry.name, entry.load())


def names() -> list[str]:
    """Every classifier name this installation offers."""
    _add_ons()
    return sorted(_FACTORIES)


@cache
def classifier(name: str | None = None) -> ActClassifier:
    """Build (once) the named classifier, else the one $SPARRING_CLASSIFIER names."""
    chosen = name or os.environ.get(ENV) or DEFAULT
    if chosen not in names():
        raise UserError(f"no classifier '{chosen}' (available: {', '.join(names())})")
    return _FACTORIES[chosen]()


def default_reader() -> Reader:
    """The reader sessions use unless told otherwise."""
    return Reader(classifier())
