"""Train the act classifier from the corpus's training split, deterministically.

`make train` runs this module; it reads `train/` only, never `heldout/` or any
external test split, and writes the artefact the package ships. The same corpus
always gives the same artefact, which a test checks.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from sparring.scenarios.loader import open_library
from sparring.understanding import corpus
from sparring.understanding.features import readings
from sparring.understanding.model import ARTEFACT, FORMAT, Vector
from sparring.understanding.offers import grammar_for
from sparring.understanding.types import ACTS

SCALE = 10_000  # coefficients are stored as integers of 1/SCALE: exact, portable JSON
SETTINGS: dict[str, Any] = {"min_df": 2, "C": [1.0, 3.0, 10.0, 30.0], "folds": 5, "seed": 0}
THRESHOLDS = np.round(np.arange(-1.0, 1.01, 0.05), 2)


def offer_sentences(items: Sequence[corpus.Item]) -> list[frozenset[str]]:
    """The sentences of each item in which its scenario's grammar finds terms."""
    library = open_library(())
    found: list[frozenset[str]] = []
    for item in items:
        if item.scenario is None:
            found.append(frozenset())
            continue
        grammar = grammar_for(library.get(item.scenario))
        found.append(grammar.offer_sentences(item.text))
    return found


def documents(items: Sequence[corpus.Item]) -> list[list[list[str]]]:
    """Each item's feature lists as the classifier reads them: the whole turn, then each sentence."""
    return [
        readings(item.text, marked)
        for item, marked in zip(items, offer_sentences(items), strict=True)
    ]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _fit(x: Any, y: Vector, c: float) -> Any:

    model = LogisticRegression(
        C=c, solver="liblinear", class_weight="balanced", random_state=SETTINGS["seed"]
    )
    return model.fit(x, y)


def _f1(predicted: npt.NDArray[np.bool_], truth: Vector) -> float:
    hits = float(np.sum(predicted & (truth == 1)))
    return 2 * hits / max(float(np.sum(predicted) + np.sum(truth)), 1.0)


def _best_threshold(scores: Vector, truth: Vector) -> float:
    # Ties go to the threshold nearest zero: the least tuned choice.
    return float(max(THRESHOLDS, key=lambda t: (round(_f1(scores > t, truth), 6), -abs(t))))


Featurize = Callable[[Sequence[int], Sequence[tuple[int, int]]], tuple[Any, Any]]
"""(items to fit on, (item, reading) pairs to score) -> (fit matrix, score matrix)."""


def fit_heads(
    featurize: Featurize, readings_per_item: Sequence[int], y: Vector
) -> tuple[float, Vector, list[Any]]:
    """Choose C and each act's threshold by cross-validation, then fit one head per act.

    A turn scores as its best reading (whole turn or one sentence), as at run time.
    """
    n = len(readings_per_item)
    folds = list(KFold(SETTINGS["folds"], shuffle=True, random_state=SETTINGS["seed"]).split(y))
    best: tuple[float, float, Vector] | None = None
    for c in SETTINGS["C"]:
        held = np.zeros_like(y)
        for fit_rows, score_rows in folds:
            pairs = [(row, k) for row in score_rows for k in range(readings_per_item[row])]
            x_fit, x_score = featurize(fit_rows, pairs)
            owner = np.array([row for row, _ in pairs])
            for column in range(y.shape[1]):
                scores = _fit(x_fit, y[fit_rows, column], c).decision_function(x_score)
                best_reading = np.full(n, -np.inf)
                np.maximum.at(best_reading, owner, scores)
                held[score_rows, column] = best_reading[score_rows]
        thresholds = np.array([_best_threshold(held[:, k], y[:, k]) for k in range(y.shape[1])])
        predicted = held > thresholds
        macro = float(np.mean([_f1(predicted[:, k], y[:, k]) for k in range(y.shape[1])]))
        if best is None or macro > best[0] + 1e-9:
            best = (macro, c, thresholds)
    assert best is not None
    _, c, thresholds = best
    x_all, _ = featurize(range(n), [])
    return c, thresholds, [_fit(x_all, y[:, column], c) for column in range(y.shape[1])]


def labels(items: Sequence[corpus.Item]) -> Vector:
    """The items' acts as a 0/1 matrix in the taxonomy's order."""
    return np.array([[1.0 if act in item.acts else 0.0 for act in ACTS] for item in items])


def ints(values: Any) -> list[int]:
    """Numbers as integers of 1/SCALE, the artefacts' exact and portable form."""
    return [int(v) for v in np.rint(np.asarray(values, dtype=np.float64) * SCALE)]


def train(directory: Path) -> dict[str, Any]:
    """Fit the model on `directory/train` and return its artefact as a JSON object."""
    items = corpus.load(directory, corpus.TRAIN)
    return {**fit(items), "corpus_sha256": corpus.fingerprint(directory)}


def fit(items: Sequence[corpus.Item]) -> dict[str, Any]:
    """Fit the model on labelled items; the artefact without its corpus fingerprint."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    readings_of = documents(items)
    fitted: dict[str, Any] = {}

    def featurize(rows: Sequence[int], pairs: Sequence[tuple[int, int]]) -> tuple[Any, Any]:
        vectorizer = TfidfVectorizer(
            analyzer=_identity, min_df=SETTINGS["min_df"], sublinear_tf=True
        )
        fitted["vectorizer"] = vectorizer
        x_fit = vectorizer.fit_transform([readings_of[i][0] for i in rows])
        scored = [readings_of[row][k] for row, k in pairs]
        return x_fit, vectorizer.transform(scored) if scored else None

    c, thresholds, models = fit_heads(featurize, [len(r) for r in readings_of], labels(items))
    vectorizer = fitted["vectorizer"]
    features = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return {
        "format": FORMAT,
        "kind": "linear one-vs-rest over TF-IDF n-grams and rule readings",
        "corpus_sha256": "",
        "training_items": len(items),
        "settings": {"min_df": SETTINGS["min_df"], "C": c, "folds": SETTINGS["folds"]},
        "scale": SCALE,
        "labels": list(ACTS),
        "thresholds": ints(thresholds),
        "intercept": ints([m.intercept_[0] for m in models]),
        "features": features,
        "idf": ints(vectorizer.idf_),
        "coef": [ints(m.coef_[0]) for m in models],
    }


def encode(artefact: dict[str, Any]) -> bytes:
    """The artefact's canonical JSON bytes."""
    return json.dumps(artefact, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write(artefact: dict[str, Any], path: Path) -> None:
    """Write the artefact compressed, with no timestamp, so equal models give equal files."""
    path.write_bytes(gzip.compress(encode(artefact), compresslevel=9, mtime=0))


def main(argv: Sequence[str] = ()) -> None:
    """Train from the corpus and write the shipped artefact."""
    directory = Path(argv[0]) if argv else corpus.default_dir()
    target = Path(__file__).with_name(ARTEFACT)
    artefact = train(directory)
    write(artefact, target)
    size = target.stat().st_size / 1024
    features, c = len(artefact["features"]), artefact["settings"]["C"]
    print(f"wrote {target} ({size:.0f} KiB, {features} features, C={c})")


if __name__ == "__main__":
    main(sys.argv[1:])
