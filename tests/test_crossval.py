"""`make crossval` judges a change on training data only, in folds that stay put."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.understanding import crossval, external, training


def test_an_item_keeps_its_fold_and_the_folds_cut_across_trainings_own() -> None:
    ids = [f"general-{n:04d}" for n in range(500)]
    assert [crossval.fold_of(i) for i in ids] == [crossval.fold_of(i) for i in ids]
    assert {crossval.fold_of(i) for i in ids} == set(range(crossval.FOLDS))
    # Training picks C and the thresholds on its own folds; an out-of-fold model that held
    # out one of those whole would choose them without it.
    for _, held in training.folds(ids):
        assert len({crossval.fold_of(ids[k]) for k in held}) == crossval.FOLDS


def test_without_the_external_files_the_negochat_measure_says_what_is_missing(
    tmp_path: Path,
) -> None:
    with pytest.raises(external.Missing, match="not found"):
        crossval.negochat_read([], tmp_path)
