"""Train the act classifier from the corpus's training split, deterministically.

`make train` runs this module; it reads `train/` only, never `heldout/` or any
external test split, and writes the artefact the package ships. The same corpus
always gives the same artefact, which a test checks.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from sparring.scenarios.loader import open_library
from sparring.understanding import corpus, external, transfer
from sparring.understanding.features import readings
from sparring.understanding.model import ARTEFACT, FORMAT, Vector
from sparring.understanding.offers import grammar_for
from sparring.understanding.types import ACTS, LEARNER_ACTS

SCALE = 10_000  # coefficients are stored as integers of 1/SCALE: exact, portable JSON
SETTINGS: dict[str, Any] = {"min_df": 2, "C": [3.0, 10.0, 30.0, 100.0], "folds": 5, "seed": 0}
THRESHOLDS = np.round(np.arange(-1.0, 1.01, 0.05), 2)
SCORED = [k for k, act in enumerate(ACTS) if act in LEARNER_ACTS]


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


def _fit(x: Any, y: Vector, c: float, weight: Vector | None = None) -> Any:
    model = LogisticRegression(
        C=c, solver="liblinear", class_weight="balanced", random_state=SETTINGS["seed"]
    )
    return model.fit(x, y, sample_weight=weight)


def _f1(predicted: npt.NDArray[np.bool_], truth: Vector) -> float:
    hits = float(np.sum(predicted & (truth == 1)))
    return 2 * hits / max(float(np.sum(predicted) + np.sum(truth)), 1.0)


def _best_threshold(scores: Vector, truth: Vector) -> float:
    # Ties go to the threshold nearest zero: the least tuned choice.
    return float(max(THRESHOLDS, key=lambda t: (round(_f1(scores > t, truth), 6), -abs(t))))


Featurize = Callable[[Sequence[int], Sequence[tuple[int, int]]], tuple[Any, Any]]
"""(items to fit on, (item, reading) pairs to score) -> (fit matrix, score matrix)."""


@dataclass(frozen=True)
class Extra:
    """Partly labelled examples from outside the corpus: which acts are known, and their weight.

    `known[i, k]` tells whether example i's label for act k is known; the head of act k
    is fitted only on the examples that know it. Extra examples always sit in the fitting
    side of cross-validation, so C and the thresholds are chosen on the corpus alone.
    """

    y: Vector
    known: npt.NDArray[np.bool_]
    weight: Vector

    @classmethod
    def none(cls, columns: int) -> Extra:
        """No extra examples."""
        return cls(np.zeros((0, columns)), np.zeros((0, columns), dtype=bool), np.zeros(0))


def fold_of(key: str, salt: str = "") -> int:
    """The fold of an item, fixed by its id (a salt draws folds independent of these)."""
    digest = hashlib.sha256((salt + key).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % int(SETTINGS["folds"])


def folds(keys: Sequence[str]) -> list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]]:
    """Cross-validation folds, each item's fold fixed by its id.

    Adding items never moves the others between folds, so C and the thresholds change
    with what was added, not with a reshuffle of everything.
    """
    fold = np.array([fold_of(key) for key in keys])
    return [
        (np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(SETTINGS["folds"])
    ]


def fit_heads(
    featurize: Featurize,
    readings_per_item: Sequence[int],
    y: Vector,
    keys: Sequence[str],
    extra: Extra | None = None,
) -> tuple[float, Vector, list[Any], float]:
    """Choose C and each act's threshold by cross-validation, then fit one head per act.

    Returns C, the thresholds, the heads and the cross-validated macro-F1 they were chosen on.

    A turn scores as its best reading (whole turn or one sentence), as at run time. Rows
    of `readings_per_item` after the corpus's own are the `extra` examples.
    """
    extra = extra or Extra.none(y.shape[1])
    own = len(y)
    n = own + len(extra.y)
    y_all = np.vstack([y, extra.y])
    known = np.vstack([np.ones_like(y, dtype=bool), extra.known])
    weight = np.concatenate([np.ones(own), extra.weight])
    others = np.arange(own, n)

    def heads(x: Any, rows: npt.NDArray[np.intp], c: float) -> list[Any]:
        return [
            _fit(x[known[rows, k]], y_all[rows, k][known[rows, k]], c, weight[rows][known[rows, k]])
            for k in range(y.shape[1])
        ]

    best: tuple[float, float, Vector] | None = None
    for c in SETTINGS["C"]:
        held = np.zeros_like(y)
        for fit_rows, score_rows in folds(keys):
            rows = np.concatenate([fit_rows, others])
            pairs = [(row, k) for row in score_rows for k in range(readings_per_item[row])]
            x_fit, x_score = featurize(rows.tolist(), pairs)
            owner = np.array([row for row, _ in pairs])
            for column, head in enumerate(heads(x_fit, rows, c)):
                scores = head.decision_function(x_score)
                best_reading = np.full(own, -np.inf)
                np.maximum.at(best_reading, owner, scores)
                held[score_rows, column] = best_reading[score_rows]
        thresholds = np.array([_best_threshold(held[:, k], y[:, k]) for k in range(y.shape[1])])
        predicted = held > thresholds
        # C is chosen for the figure that matters: macro-F1 over the ten learner acts.
        macro = float(np.mean([_f1(predicted[:, k], y[:, k]) for k in SCORED]))
        if best is None or macro > best[0] + 1e-9:
            best = (macro, c, thresholds)
    assert best is not None
    macro, c, thresholds = best
    everything = np.arange(n)
    x_all, _ = featurize(everything.tolist(), [])
    return c, thresholds, heads(x_all, everything, c), macro


def labels(items: Sequence[corpus.Item]) -> Vector:
    """The items' acts as a 0/1 matrix in the taxonomy's order."""
    return np.array([[1.0 if act in item.acts else 0.0 for act in ACTS] for item in items])


def ints(values: Any) -> list[int]:
    """Numbers as integers of 1/SCALE, the artefacts' exact and portable form."""
    return [int(v) for v in np.rint(np.asarray(values, dtype=np.float64) * SCALE)]


def train(directory: Path, data: Path | None = None) -> dict[str, Any]:
    """Fit the model on `directory/train` and return its artefact as a JSON object.

    With `data` (the external datasets' directory), their train and valid turns are
    added as partly labelled examples, and the artefact records the files and hashes.
    """
    items = corpus.load(directory, corpus.TRAIN)
    extra, record = transfer.examples(data) if data is not None else ([], {})
    artefact = fit(items, extra)
    return {
        **artefact,
        "corpus_sha256": corpus.fingerprint(directory),
        "external": record,
        "trained_with": trained_with(),
    }


def trained_with() -> dict[str, str]:
    """The numerical libraries whose releases decide the solver's last digits."""
    import scipy
    import sklearn

    return {
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
        "scipy": scipy.__version__,
    }


def _extra(examples: Sequence[transfer.Example]) -> Extra:
    return Extra(
        y=np.array([[1.0 if a in e.acts else 0.0 for a in ACTS] for e in examples]).reshape(
            -1, len(ACTS)
        ),
        known=np.array([[a in e.known for a in ACTS] for e in examples], dtype=bool).reshape(
            -1, len(ACTS)
        ),
        weight=np.array([e.weight for e in examples], dtype=np.float64),
    )


def fit(items: Sequence[corpus.Item], extra: Sequence[transfer.Example] = ()) -> dict[str, Any]:
    """Fit the model on labelled items (and external examples); the artefact without fingerprints."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    readings_of = documents(items) + [readings(e.text, e.offer_sentences) for e in extra]
    fitted: dict[str, Any] = {}

    def featurize(rows: Sequence[int], pairs: Sequence[tuple[int, int]]) -> tuple[Any, Any]:
        vectorizer = TfidfVectorizer(
            analyzer=_identity, min_df=SETTINGS["min_df"], sublinear_tf=True
        )
        fitted["vectorizer"] = vectorizer
        x_fit = vectorizer.fit_transform([readings_of[i][0] for i in rows])
        scored = [readings_of[row][k] for row, k in pairs]
        return x_fit, vectorizer.transform(scored) if scored else None

    c, thresholds, models, macro = fit_heads(
        featurize,
        [len(r) for r in readings_of],
        labels(items),
        [i.id for i in items],
        _extra(extra),
    )
    vectorizer = fitted["vectorizer"]
    features = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return {
        "format": FORMAT,
        "kind": "linear one-vs-rest over TF-IDF n-grams and rule readings",
        "corpus_sha256": "",
        "training_items": len(items),
        "external_examples": len(extra),
        "settings": {"min_df": SETTINGS["min_df"], "C": c, "folds": SETTINGS["folds"]},
        "cv_macro_f1": round(macro, 4),
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
    """Train from the corpus (and the external datasets, when present) and write the artefact."""
    directory = Path(argv[0]) if argv else corpus.default_dir()
    target = Path(__file__).with_name(ARTEFACT)
    artefact = train(directory, external.default_dir())
    write(artefact, target)
    size = target.stat().st_size / 1024
    features, c = len(artefact["features"]), artefact["settings"]["C"]
    print(f"wrote {target} ({size:.0f} KiB, {features} features, C={c})")
    print(f"  cross-validated macro-F1 on the corpus: {artefact['cv_macro_f1']:.3f}")
    for name, used in artefact["external"].items():
        print(f"  with {used['examples']} {name} examples ({', '.join(used['splits'])})")
    if not artefact["external"]:
        print(f"  without external examples: none found in {external.default_dir()}")


if __name__ == "__main__":
    main(sys.argv[1:])
