"""The labelled corpus is consistent, large enough, and its held-out split is really held out."""

from __future__ import annotations

import re

import pytest

from sparring.scenarios.loader import Library
from sparring.understanding import corpus
from sparring.understanding.types import LEARNER_ACTS

DIRECTORY = corpus.default_dir()


@pytest.fixture(scope="module")
def items() -> dict[str, list[corpus.Item]]:
    return {split: corpus.load(DIRECTORY, split) for split in (corpus.TRAIN, corpus.HELDOUT)}


def test_every_item_uses_known_acts_and_real_scenario_options(
    items: dict[str, list[corpus.Item]], library: Library
) -> None:
    scenarios = library.current
    everything = items[corpus.TRAIN] + items[corpus.HELDOUT]
    assert corpus.problems(everything, scenarios) == []
    ids = [item.id for item in everything]
    assert len(ids) == len(set(ids))


def test_the_corpus_is_large_enough_for_every_act(items: dict[str, list[corpus.Item]]) -> None:
    everything = items[corpus.TRAIN] + items[corpus.HELDOUT]
    assert len(everything) >= corpus.MIN_TOTAL
    counts = corpus.act_counts(everything)
    for act in (*LEARNER_ACTS, "other"):
        assert counts[act] >= corpus.MIN_PER_ACT, act


def test_no_held_out_utterance_is_also_a_training_utterance(
    items: dict[str, list[corpus.Item]],
) -> None:
    def key(text: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()

    training = {key(item.text) for item in items[corpus.TRAIN]}
    assert [i.text for i in items[corpus.HELDOUT] if key(i.text) in training] == []


def test_a_mislabelled_item_is_reported(library: Library) -> None:
    scenarios = library.current
    bad = corpus.Item(
        "x-1", "Two engineers", ("proposal", "haggle"), "q4-capacity", offers=({"engineers": 9},)
    )
    found = corpus.problems([bad], scenarios)
    assert any("haggle" in p for p in found)
    assert any("engineers=9" in p for p in found)
