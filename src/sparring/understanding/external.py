"""Human-annotated negotiation corpora from outside the project, read as learner acts.

CaSiNo (campsite negotiations, strategy labels) and Negochat (job-offer
negotiations, dialogue acts) are read from a data directory that is not part of
the project; their labels are mapped onto the acts they correspond to. Only
measurement reads them; training never does.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_ENV = "SPARRING_DATA"
CASINO_LABELS = {
    "elicit-pref": "inquiry",
    "showing-empathy": "acknowledge",
    "self-need": "need",
    "small-talk": "rapport",
}
NEGOCHAT_LABELS = {"Offer": "proposal", "Accept": "accept", "Reject": "reject", "Query": "inquiry"}


class Missing(Exception):
    """A dataset that is not on this machine; the message says where it was looked for."""


def default_dir() -> Path:
    """The external data directory: $SPARRING_DATA, else `../shared/data` beside the checkout."""
    configured = os.environ.get(DATA_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True)
class Utterance:
    """One annotated utterance with its labels mapped to acts, and the dataset's own labels."""

    text: str
    acts: frozenset[str]
    labels: frozenset[str] = frozenset()
    key: str = ""  # where it is: a Negochat turn is "<file name without .json>:<turn index>"


@dataclass(frozen=True)
class Dataset:
    """An external dataset's utterances and the mapping its labels went through."""

    name: str
    title: str
    mapping: Mapping[str, str]
    utterances: tuple[Utterance, ...]

    @property
    def acts(self) -> tuple[str, ...]:
        """The acts this dataset can score, in mapping order."""
        return tuple(dict.fromkeys(self.mapping.values()))


def _read(path: Path) -> Any:
    if not path.is_file():
        raise Missing(f"{path} not found (set ${DATA_ENV} to the directory holding it)")
    return json.loads(path.read_text(encoding="utf-8"))


def casino(directory: Path, split: str = "test") -> Dataset:
    """CaSiNo's annotated utterances of one split (train, valid or test)."""
    dialogues = _read(directory / "casino" / f"casino_{split}.json")
    utterances = []
    for dialogue in dialogues:
        for text, labels in dialogue["annotations"]:
            names = {label for label in labels.split(",") if label}
            acts = frozenset(CASINO_LABELS[n] for n in names if n in CASINO_LABELS)
            utterances.append(Utterance(text, acts, frozenset(names)))
    return Dataset(
        "casino", f"CaSiNo {split} (human strategy annotations)", CASINO_LABELS, tuple(utterances)
    )


def casino_files(directory: Path, split: str) -> list[Path]:
    """The CaSiNo file of one split."""
    return [directory / "casino" / f"casino_{split}.json"]


def negochat_files(directory: Path, split: str) -> list[Path]:
    """The Negochat dialogue files of one split, in order."""
    folder = directory / "negochat" / "negochat"
    if not folder.is_dir():
        raise Missing(f"{folder} not found (set ${DATA_ENV} to the directory holding it)")
    paths = sorted(folder.glob("*.json"), key=lambda p: int(p.stem))
    return [p for p in paths if _read(p)["set"] == split]


def negochat_dialogue(path: Path) -> list[Utterance]:
    """The human (Employer) turns of one Negochat dialogue file."""
    utterances = []
    for index, turn in enumerate(_read(path)["turns"]):
        if turn["role"] != "Employer" or "input" not in turn:
            continue
        names = {key for act in turn["output"] for key in act}
        acts = frozenset(NEGOCHAT_LABELS[n] for n in names if n in NEGOCHAT_LABELS)
        utterances.append(Utterance(turn["input"], acts, frozenset(names), f"{path.stem}:{index}"))
    return utterances


def negochat(directory: Path, split: str = "test") -> Dataset:
    """Negochat's human (Employer) turns of one split (train or test)."""
    utterances = [u for path in negochat_files(directory, split) for u in negochat_dialogue(path)]
    return Dataset(
        "negochat",
        f"Negochat {split} (Employer turns, wizard annotations)",
        NEGOCHAT_LABELS,
        tuple(utterances),
    )


LOADERS = {"casino": casino, "negochat": negochat}
