"""Human-annotated negotiation corpora from outside the project, read as learner acts.

CaSiNo (campsite negotiations, strategy labels) and Negochat (job-offer
negotiations, dialogue acts) are read from a data directory that is not part of
the project; their labels are mapped onto the acts they correspond to. Their test
splits are only measured; training reads the train (and valid) splits alone
(`transfer`). A Negochat turn is read as a learner's turn is, in context: with the
job offer's terms (`negochat.yaml`) and the Candidate's standing asks on the table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sparring.scenarios.loader import parse, read_file
from sparring.scenarios.model import OptionId, Scenario
from sparring.understanding.types import Context, Table

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
    # The other side's standing asks when the turn was said, as (issue, option) pairs.
    counter: tuple[tuple[str, OptionId], ...] = ()


@dataclass(frozen=True)
class Dataset:
    """An external dataset's utterances and the mapping its labels went through."""

    name: str
    title: str
    mapping: Mapping[str, str]
    utterances: tuple[Utterance, ...]
    terms: Scenario | None = None  # the domain's issues and options, when its turns name terms

    @property
    def acts(self) -> tuple[str, ...]:
        """The acts this dataset can score, in mapping order."""
        return tuple(dict.fromkeys(self.mapping.values()))

    def context(self, utterance: Utterance) -> Context:
        """What the reader may know when it reads one of the dataset's turns."""
        return context(self.terms, utterance)


def context(terms: Scenario | None, utterance: Utterance) -> Context:
    """A turn's context: the domain's terms, and the other side's asks on the table."""
    counter = dict(utterance.counter) or None
    return Context(terms, Table(counter=counter, latest=counter))


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


@cache
def negochat_terms() -> Scenario:
    """Negochat's issues and options, written as a scenario (`negochat.yaml`, never played)."""
    return parse(read_file(Path(__file__).with_name("negochat.yaml")))


def _option(terms: Scenario, label: str, value: object) -> tuple[str, OptionId] | None:
    """The (issue, option) a Negochat annotation names, e.g. Salary: "90,000 USD"."""
    for issue in terms.issues:
        if issue.label == label:
            for option in issue.options:
                if option.text == value:
                    return issue.id, option.id
    return None


def negochat_dialogue(path: Path) -> list[Utterance]:
    """The human (Employer) turns of one Negochat dialogue file.

    Each turn carries the Candidate's standing asks: the latest value it offered on each
    issue, until it accepts a value of the Employer's there. They come from the
    Candidate's own annotations (it is the dataset's automated side, like Sparring's
    counterpart), never from the Employer turn's labels.
    """
    terms = negochat_terms()
    utterances = []
    asks: dict[str, OptionId] = {}
    for index, turn in enumerate(_read(path)["turns"]):
        if turn["role"] != "Employer":
            for act in turn["output"]:
                for name, value in act.items():
                    if name in ("Offer", "Accept") and isinstance(value, dict):
                        for label, option in value.items():
                            named = _option(terms, label, option)
                            if named and name == "Offer":
                                asks[named[0]] = named[1]
                            elif named:
                                asks.pop(named[0], None)
            continue
        if "input" not in turn:
            continue
        names = {key for act in turn["output"] for key in act}
        acts = frozenset(NEGOCHAT_LABELS[n] for n in names if n in NEGOCHAT_LABELS)
        utterances.append(
            Utterance(
                turn["input"],
                acts,
                frozenset(names),
                f"{path.stem}:{index}",
                tuple(asks.items()),
            )
        )
    return utterances


def negochat(directory: Path, split: str = "test") -> Dataset:
    """Negochat's human (Employer) turns of one split (train or test)."""
    utterances = [u for path in negochat_files(directory, split) for u in negochat_dialogue(path)]
    return Dataset(
        "negochat",
        f"Negochat {split} (Employer turns, wizard annotations)",
        NEGOCHAT_LABELS,
        tuple(utterances),
        negochat_terms(),
    )


LOADERS = {"casino": casino, "negochat": negochat}
