"""What the external datasets can teach: their train and valid turns as partly labelled examples.

CaSiNo's train and valid splits and Negochat's train dialogues (never a test split)
label only some acts, and label a few of them differently from the guide; an example
tells which acts its labels settle, and a head learns only from those. They weigh less
than the corpus, which stays the measure (cross-validation picks C and the thresholds
on the corpus alone).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sparring.scenarios.model import Scenario
from sparring.understanding import external
from sparring.understanding.offers import grammar_for
from sparring.understanding.patterns import is_question

WEIGHTS = {"casino": 0.3, "negochat": 0.5}
SPLITS = {"casino": ("train", "valid"), "negochat": ("train",)}
_NUMBERED = re.compile(r"\b(?:\d+|one|two|three|all|both|none)\b", re.IGNORECASE)
_FILLER = re.compile(r"^\W*(?:ok|okay|k|yes|yeah|yep|fine|sure|good|great|alright)\W*$", re.I)
# A limit set on terms ("I cannot offer more than 90,000", "The best we can do is 9 hours"):
# `reject` in the guide, which the Negochat wizard marks only about half the time.
_LIMIT = re.compile(
    r"\b(?:(?:can(?:no|')?t|cannot|can not|unable to|won't|will not|not able to)\s+(?:\w+\s+)?"
    r"(?:give|offer|do|hire|go|pay|provide|accept|allow|agree)|no more than|(?:any )?higher than|"
    r"not more than|more than \$?\d|(?:the )?best (?:i|we) can|the (?:most|highest|least) (?:i|we))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Example:
    """One external turn: the acts it holds among those its labels settle."""

    text: str
    acts: frozenset[str]
    known: frozenset[str]
    weight: float
    offer_sentences: frozenset[str] = frozenset()  # where the domain's terms are named


def _casino(utterance: external.Utterance) -> frozenset[str]:
    known = set(external.CASINO_LABELS.values())
    labels = utterance.labels
    # Questions about the partner's situation are labelled small-talk, not elicit-pref.
    if "elicit-pref" not in labels and is_question(utterance.text.strip().lower()):
        known.discard("inquiry")
    # A self-need that names quantities is a proposal in the guide; a need for one's
    # family (other-need) is a need in the guide, not in CaSiNo's mapping.
    if ("self-need" in labels and _NUMBERED.search(utterance.text)) or (
        "other-need" in labels and "self-need" not in labels
    ):
        known.discard("need")
    return frozenset(known)


def _negochat(utterance: external.Utterance) -> frozenset[str]:
    if not utterance.labels:  # the wizard entered nothing, and missed some real offers
        return frozenset()
    known = set(external.NEGOCHAT_LABELS.values())
    # A bare "ok" answering an offer is Accept for the wizard, a filler in the guide.
    if _FILLER.match(utterance.text):
        known.discard("accept")
    # A limit the wizard did not mark Reject is a `reject` in the guide: leave it open.
    if "Reject" not in utterance.labels and _LIMIT.search(utterance.text):
        known.discard("reject")
    return frozenset(known)


_LOADERS: dict[str, tuple[Callable[..., external.Dataset], Callable[..., list[Path]]]] = {
    "casino": (external.casino, external.casino_files),
    "negochat": (external.negochat, external.negochat_files),
}
_KNOWN = {"casino": _casino, "negochat": _negochat}


def settled(dataset: str, utterance: external.Utterance) -> frozenset[str]:
    """The acts an external turn's labels settle the guide's way (empty for a turn they leave open)."""
    return _KNOWN[dataset](utterance)


def taught_by(
    dataset: str, utterances: Iterable[external.Utterance], terms: Scenario | None = None
) -> list[Example]:
    """The examples a dataset's turns teach: those whose labels settle at least one act.

    With the domain's terms, each example marks the sentences that name them, as the
    reader does when it reads the dataset's turns.
    """
    grammar = grammar_for(terms) if terms is not None else None
    return [
        Example(
            u.text,
            u.acts,
            known,
            WEIGHTS[dataset],
            grammar.offer_sentences(u.text) if grammar else frozenset(),
        )
        for u in utterances
        if (known := _KNOWN[dataset](u))
    ]


def _digest(paths: list[Path], directory: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def examples(directory: Path) -> tuple[list[Example], dict[str, Any]]:
    """The external examples found under `directory`, and a record of the files they came from.

    A dataset that is not there is left out; the record says which were used.
    """
    found: list[Example] = []
    record: dict[str, Any] = {}
    for name, (load, files) in _LOADERS.items():
        try:
            paths = [p for split in SPLITS[name] for p in files(directory, split)]
            loaded = [load(directory, split) for split in SPLITS[name]]
        except external.Missing:
            continue
        utterances = [u for dataset in loaded for u in dataset.utterances]
        taught = taught_by(name, utterances, loaded[0].terms)
        found += taught
        record[name] = {
            "files": [str(p.relative_to(directory)) for p in paths],
            "sha256": _digest(paths, directory),
            "splits": list(SPLITS[name]),
            "examples": len(taught),
            "weight": WEIGHTS[name],
        }
    return found, record
