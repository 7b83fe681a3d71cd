"""The trained act classifier: a linear model over n-grams and rule readings.

The artefact is plain JSON (features, idf weights, coefficients) shipped inside
the package, so reading a turn needs numpy only: no scikit-learn, no pickle.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from sparring.errors import UserError
from sparring.understanding.features import pieces, readings

ARTEFACT = "acts-linear.json.gz"
FORMAT = 1
Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class LinearActs:
    """One-vs-rest linear scores over TF-IDF features, with a threshold per act."""

    labels: tuple[str, ...]
    index: Mapping[str, int]
    idf: Vector
    coef: Vector  # (features, labels)
    intercept: Vector
    thresholds: Vector
    corpus_sha256: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearActs:
        """Build the model from its artefact's JSON object."""
        if data.get("format") != FORMAT:
            raise UserError(f"act model format {data.get('format')} is not {FORMAT}; retrain it")
        features: list[str] = data["features"]
        scale = float(data["scale"])
        return cls(
            labels=tuple(data["labels"]),
            index={feature: column for column, feature in enumerate(features)},
            idf=np.asarray(data["idf"], dtype=np.float64) / scale,
            coef=np.asarray(data["coef"], dtype=np.float64).T / scale,
            intercept=np.asarray(data["intercept"], dtype=np.float64) / scale,
            thresholds=np.asarray(data["thresholds"], dtype=np.float64) / scale,
            corpus_sha256=str(data["corpus_sha256"]),
        )

    def scores(self, tokens: Sequence[str]) -> Vector:
        """Each act's score minus its threshold: above zero means the act is present."""
        counts = Counter(self.index[t] for t in tokens if t in self.index)
        if not counts:
            return self.intercept - self.thresholds
        columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter((1.0 + math.log(n) for n in counts.values()), np.float64, len(counts))
        weights = tf * self.idf[columns]
        weights /= np.sqrt(weights @ weights)
        return weights @ self.coef[columns] + self.intercept - self.thresholds

    def acts(self, margin: Vector) -> list[str]:
        """The acts whose margin is above zero; the best one when none is."""
        chosen = [label for label, m in zip(self.labels, margin, strict=True) if m > 0]
        return chosen or [self.labels[int(np.argmax(margin))]]


@cache
def shipped() -> LinearActs:
    """Load the artefact shipped in the package (once per process)."""
    raw = resources.files("sparring.understanding").joinpath(ARTEFACT).read_bytes()
    return LinearActs.from_json(json.loads(gzip.decompress(raw)))


class TrainedActs:
    """The default act classifier: the shipped linear model, quoting the sentence behind each act."""

    name = "trained"

    def __init__(self, model: LinearActs | None = None) -> None:
        self.model = model or shipped()

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        """Return each act of the utterance with the sentence that scores highest for it."""
        margins = np.vstack([self.model.scores(r) for r in readings(text, offer_sentences)])
        acts = self.model.acts(margins.max(axis=0))
        found = pieces(text)
        if len(found) == 1:
            return dict.fromkeys(acts, found[0][0])
        best = np.argmax(margins[1:], axis=0)  # rows after the first are the pieces
        return {act: found[int(best[self.model.labels.index(act)])][0] for act in acts}
