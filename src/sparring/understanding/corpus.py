"""The labelled corpus of learner utterances: reading, checking and fingerprinting it.

Layout: `<corpus>/train/*.jsonl` trains the model; `<corpus>/heldout/*.jsonl` only
measures it. One file per scenario (or `general.jsonl` for scenario-free language),
so a new scenario's items are a new pair of files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sparring.errors import UserError
from sparring.scenarios.model import OptionId, Scenario
from sparring.understanding.types import ACTS, Table

CORPUS_ENV = "SPARRING_CORPUS"
TRAIN, HELDOUT = "train", "heldout"
MIN_PER_ACT = 80
MIN_TOTAL = 1500
Package = dict[str, OptionId]


def default_dir() -> Path:
    """The corpus directory: $SPARRING_CORPUS, else `data/understanding` in the checkout."""
    configured = os.environ.get(CORPUS_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "data" / "understanding"


@dataclass(frozen=True)
class Item:
    """One labelled utterance."""

    id: str
    text: str
    acts: tuple[str, ...]
    scenario: str | None = None
    table: Table | None = None
    offers: tuple[Package, ...] | None = None
    accepts: Package | None = None

    @property
    def labels_offers(self) -> bool:
        """Tell whether the item's offers are labelled (it is about a scenario)."""
        return self.offers is not None


def _package(raw: Any) -> Package:
    return {str(k): v for k, v in raw.items()}


def _table(raw: Mapping[str, Any] | None) -> Table | None:
    if raw is None:
        return None
    counter, latest = raw.get("counter"), raw.get("latest")
    return Table(
        counter=_package(counter) if counter is not None else None,
        options=tuple(_package(p) for p in raw.get("options", [])),
        options_from=raw.get("options_from", "learner"),
        latest=_package(latest) if latest is not None else None,
    )


def item_from(row: Mapping[str, Any]) -> Item:
    """Build an item from one JSON object of a corpus file."""
    offers, accepts = row.get("offers"), row.get("accepts")
    return Item(
        id=str(row["id"]),
        text=str(row["text"]),
        acts=tuple(row["acts"]),
        scenario=row.get("scenario"),
        table=_table(row.get("table")),
        offers=tuple(_package(p) for p in offers) if offers is not None else None,
        accepts=_package(accepts) if accepts is not None else None,
    )


def files(directory: Path, split: str) -> list[Path]:
    """The corpus files of one split, in a fixed order."""
    return sorted((directory / split).glob("*.jsonl"))


def load(directory: Path, split: str) -> list[Item]:
    """Read every item of one split, or raise a UserError when the split is missing."""
    paths = files(directory, split)
    if not paths:
        raise UserError(
            f"no corpus files in {directory / split} (set ${CORPUS_ENV} to the corpus directory)"
        )
    items = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    items.append(item_from(json.loads(line)))
                except (ValueError, KeyError, TypeError, AttributeError) as error:
                    raise UserError(f"{path}:{number}: not a corpus item ({error})") from None
    return items


def fingerprint(directory: Path, split: str = TRAIN) -> str:
    """The SHA-256 of a split's files, names and bytes, in order."""
    digest = hashlib.sha256()
    for path in files(directory, split):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _package_problems(where: str, package: Mapping[str, OptionId], scenario: Scenario) -> list[str]:
    problems = []
    for issue_id, option in package.items():
        try:
            scenario.issue(issue_id).option(option)
        except KeyError:
            problems.append(f"{where}: {issue_id}={option!r} is not an option of {scenario.id}")
    return problems


def problems(items: Iterable[Item], scenarios: Mapping[str, Scenario]) -> list[str]:
    """Every labelling mistake: unknown acts or scenarios, options a scenario lacks."""
    found = []
    for item in items:
        unknown = [a for a in item.acts if a not in ACTS]
        if unknown or not item.acts:
            found.append(f"{item.id}: unknown or missing acts {unknown or item.acts}")
        if "other" in item.acts and len(item.acts) > 1:
            found.append(f"{item.id}: 'other' cannot be combined with another act")
        if item.scenario is None:
            if item.offers is not None or item.table is not None or item.accepts is not None:
                found.append(f"{item.id}: offers and tables need a scenario")
            continue
        scenario = scenarios.get(item.scenario)
        if scenario is None:
            found.append(f"{item.id}: unknown scenario {item.scenario}")
            continue
        if item.offers is None:
            found.append(f"{item.id}: a scenario item lists its offers ([] when none)")
        packages: list[Mapping[str, OptionId]] = [*(item.offers or ())]
        packages += [item.accepts] if item.accepts else []
        if item.table is not None:
            table = item.table
            packages += [p for p in (table.counter, table.latest) if p is not None]
            packages += list(table.options)
        for package in packages:
            found += _package_problems(item.id, package, scenario)
    return found


def act_counts(items: Iterable[Item]) -> Counter[str]:
    """How many items carry each act."""
    return Counter(act for item in items for act in item.acts)
