"""Measure an act classifier on the held-out corpus and the external test sets.

The one place that reads the datasets for `sparring eval understanding`; the
scoring itself is pure (`evaluation`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sparring.scenarios.loader import open_library
from sparring.understanding import corpus, external, transfer
from sparring.understanding.evaluation import Labelled, Report, act_score, read_item, report
from sparring.understanding.reader import Reader
from sparring.understanding.registry import classifier

DATASETS = ("heldout", "casino", "negochat")


@dataclass(frozen=True)
class Skipped:
    """A dataset that could not be measured here, and why."""

    name: str
    reason: str


def heldout(reader: Reader, directory: Path) -> Report:
    """Score the corpus's held-out split, acts and offers, over the ten learner acts."""
    items = corpus.load(directory, corpus.HELDOUT)
    library = open_library(())
    scenarios = {sid: library.get(sid) for sid in {i.scenario for i in items if i.scenario}}
    rows = [read_item(reader, item, scenarios) for item in items]
    return report("heldout", rows)


def mapped(reader: Reader, dataset: external.Dataset) -> Report:
    """Score an external dataset on the acts its labels map to, and only those.

    Each act is also scored on the turns whose labels settle it the guide's way (the
    same rule that decides what the train splits teach, `transfer.settled`).
    """
    acts = frozenset(dataset.acts)
    rows = [
        Labelled(u.text, u.acts, frozenset(reader.parse(u.text, dataset.context(u)).acts) & acts)
        for u in dataset.utterances
    ]
    settles = [transfer.settled(dataset.name, u) for u in dataset.utterances]
    agreed = {
        act: act_score([r for r, known in zip(rows, settles, strict=True) if act in known], act)
        for act in dataset.acts
    }
    sources = {act: label for label, act in dataset.mapping.items()}
    return replace(report(dataset.name, rows, dataset.acts), sources=sources, settled=agreed)


def measure(
    model: str | None,
    datasets: Sequence[str] = DATASETS,
    corpus_dir: Path | None = None,
    data_dir: Path | None = None,
    split: str = "test",
) -> list[Report | Skipped]:
    """Measure one classifier on each named dataset, skipping those not on this machine."""
    reader = Reader(classifier(model))
    results: list[Report | Skipped] = []
    for name in datasets:
        if name == "heldout":
            directory = corpus_dir or corpus.default_dir()
            if not corpus.files(directory, corpus.HELDOUT):
                results.append(Skipped(name, f"no held-out files in {directory / 'heldout'}"))
                continue
            results.append(heldout(reader, directory))
            continue
        try:
            dataset = external.LOADERS[name](data_dir or external.default_dir(), split)
        except external.Missing as missing:
            results.append(Skipped(name, str(missing)))
            continue
        results.append(mapped(reader, dataset))
    return results
