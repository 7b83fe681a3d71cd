"""The guide's reading of Negochat's train dialogues: the shipped labellings, and how they are scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparring.understanding import audit, corpus, external

pytest.importorskip("sklearn", reason="the audit's kappa needs the 'train' extra (scikit-learn)")


def _turn(key: str, wizard_rejects: bool) -> external.Utterance:
    acts = frozenset({"reject"}) if wizard_rejects else frozenset()
    return external.Utterance(f"turn {key}", acts, key=key)


@pytest.mark.parametrize("act", audit.ACTS)
def test_the_shipped_labellings_cover_every_negochat_train_employer_turn_once(act: str) -> None:
    readings = audit.load(audit.path(corpus.default_dir(), act))
    assert any(a for a, _ in readings.values()) and not all(a for a, _ in readings.values())
    try:
        paths = external.negochat_files(external.default_dir(), "train")
    except external.Missing as missing:
        pytest.skip(f"Negochat is not here to check the turns against: {missing}")
    keys = [u.key for path in paths for u in external.negochat_dialogue(path)]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(readings)


def test_a_wizard_that_misses_the_guides_limits_scores_low_recall_against_it() -> None:
    # Four turns the guide reads as `reject`, of which the wizard marks two, and one the
    # guide does not; the reader finds three of the four and one more.
    readings = {
        "1:1": (True, True),
        "1:3": (True, True),
        "1:5": (True, True),
        "1:7": (True, True),
        "1:9": (False, False),
        "1:11": (True, False),  # the labellings disagree: not part of the guide's reading
    }
    read = [
        (_turn("1:1", True), frozenset({"reject"})),
        (_turn("1:3", True), frozenset({"reject"})),
        (_turn("1:5", False), frozenset({"reject"})),
        (_turn("1:7", False), frozenset()),
        (_turn("1:9", False), frozenset({"reject", "proposal"})),
        (_turn("1:11", True), frozenset({"reject"})),
    ]
    result = audit.compare("reject", read, readings)
    assert (result.turns, result.agreed) == (6, 5)
    assert (result.wizard.precision, result.wizard.recall) == (1.0, 0.5)
    assert result.reader.precision == pytest.approx(0.75)
    assert result.reader.recall == pytest.approx(0.75)
    assert result.between.precision == 1.0 and result.between.recall == pytest.approx(0.8)
    table = audit.markdown([result])
    assert "(6 turns;" in table
    assert (
        "| reject | 5 | 0.889 (0.571) | 1.000 / 0.500 / **0.667** | 0.750 / 0.750 / **0.750** |"
        in table
    )


def test_labellings_that_do_not_match_the_turns_read_are_refused_by_name() -> None:
    read = [(_turn("2:4", True), frozenset({"reject"}))]
    with pytest.raises(
        audit.Malformed, match=r"reject audit .* 1 turns without readings \['2:4'\]"
    ):
        audit.compare("reject", read, {"2:6": (True, True)})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("turn\tA\n", "the first line must be the header"),
        ("turn\tA\tB\n3:18\t1\tyes\n", "line 2: expected a turn and two labels of 0 or 1"),
        ("turn\tA\tB\n3:18\t1\t1\n3:18\t0\t0\n", "line 3: turn 3:18 is labelled twice"),
    ],
)
def test_a_malformed_audit_file_is_refused_with_its_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "audit.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(audit.Malformed, match=message):
        audit.load(path)
